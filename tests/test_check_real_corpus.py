"""Concept verdicts against the hand annotations of real report excerpts (tests/fixtures/real/).

Prints precision and recall of "present". The issue's target is precision ≥ 0.90 and recall ≥ 0.85.
The excerpts are docplayer transcripts whose headings run into the text, and most of what the
annotators count as reported work carries no date: "… har lett till ökad kompetens", "Vi har
vidareutvecklat avvikelsehanteringen", "Avvikelser dokumenteras i Qualimax och analyseras på
teammöten". The classifier accepts such undated work where the unit is named as doing it, an effect
is reported or the unit's practice is described, and results stated in any tense for the results
concept. With the pack's vocabulary of what reports say ("ändrat rutinerna", "förbättra",
"handläggningstiden", "NKI"; not "process" or "kvalitetsarbete" alone) it gives precision 0.94, recall
1.00 (tp 17, fp 1, fn 0), the floor asserted here. The one false "present" is 01's improvements, from
"… har lett till … förbättrade resultat": an outcome that names improvement, not a measure.
Skipped where the fixtures are not in the checkout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kvcli.api import check
from kvcli.config import CheckConfig

REAL = Path(__file__).parent / "fixtures" / "real"


def _annotated() -> list[Path]:
    return sorted(p for p in REAL.glob("*.json") if p.with_suffix(".txt").is_file()) if REAL.is_dir() else []


@pytest.mark.skipif(not _annotated(), reason="tests/fixtures/real/ (annotated excerpts) not in this checkout")
def test_present_verdicts_against_the_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    tp = fp = fn = 0
    template_called_present = []
    for ann_path in _annotated():
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        report = check(ann_path.with_suffix(".txt"), CheckConfig(profile="sosfs-2011-9"))
        got = {c.id for c in report.concepts if c.status == "present"}
        truth = set(ann.get("concepts_present") or [])
        tp, fp, fn = tp + len(got & truth), fp + len(got - truth), fn + len(truth - got)
        template_called_present += [(ann_path.stem, c) for c in ann.get("concepts_template_only") or [] if c in got]
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    with capsys.disabled():
        print(f"\nreal corpus: present precision {precision:.2f}, recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn})")
    assert not template_called_present
    assert precision >= 0.94 and recall >= 1.0
