"""The TOC checks on plain text: a chapter the TOC leaves out (KV205) and an entry with no chapter (KV204),
as they are reported for Word and PDF. Plain text takes its headings from its TOC, so a chapter left out
of it used to be no heading at all, and nothing was reported."""

from __future__ import annotations

from pathlib import Path

import kvcli
from kvcli.checks import check_document
from kvcli.config import CheckConfig

TOC = "Innehåll\n\nInledning\t2\nRiskanalys\t3\n{extra}\n"
BODY = """Inledning

Rapporten beskriver sektionens kvalitetsarbete under 2014.

Riskanalys

I mars 2014 gjordes en riskanalys av mottagningen; tre risker hittades.

Egenkontroll

Under 2014 granskades tolv akter; två saknade genomförandeplan.
"""


def _findings(tmp_path: Path, text: str) -> list[tuple[str, int | None, str]]:
    p = tmp_path / "rapport.txt"
    p.write_text("Kvalitetsberättelse 2014\n\n" + text, encoding="utf-8")
    report = check_document(kvcli.parse(p), CheckConfig(select=["KV204", "KV205"]))
    return [(f.code, f.line, f.evidence) for f in report.findings]


def test_a_chapter_left_out_of_the_toc_of_a_text_is_reported_at_its_line(tmp_path: Path) -> None:
    assert _findings(tmp_path, TOC.format(extra="") + "\n" + BODY) == [("KV205", 17, "Egenkontroll")]


def test_a_text_whose_toc_lists_every_chapter_has_no_toc_finding(tmp_path: Path) -> None:
    assert _findings(tmp_path, TOC.format(extra="Egenkontroll\t4") + "\n" + BODY) == []


def test_a_toc_entry_without_a_chapter_in_a_text_is_reported(tmp_path: Path) -> None:
    text = TOC.format(extra="Egenkontroll\t4\nSamverkan\t5") + "\n" + BODY
    assert [(code, ev) for code, _, ev in _findings(tmp_path, text)] == [("KV204", "Samverkan")]


def test_a_short_line_that_is_no_chapter_name_stays_text(tmp_path: Path) -> None:
    body = BODY.replace("Egenkontroll\n", "Tolv akter granskade\n")
    assert _findings(tmp_path, TOC.format(extra="") + "\n" + body) == []
