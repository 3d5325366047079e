"""KV606: figures said to cover only part of the year ("Statistiken avser januari–augusti")."""

from __future__ import annotations

from pathlib import Path

import pytest

import kvcli
from kvcli.checks import check_document
from kvcli.config import CheckConfig

REPORT = """Kvalitetsberättelse 2015

Avvikelser

{sentence}
"""


def _matches(tmp_path: Path, sentence: str) -> list[str]:
    p = tmp_path / "rapport.txt"
    p.write_text(REPORT.format(sentence=sentence), encoding="utf-8")
    found = check_document(kvcli.parse(p), CheckConfig(select=["KV606"])).findings
    assert all(f.severity == "info" for f in found)
    return [f.evidence for f in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "Statistiken avser januari–augusti 2015: 12 avvikelser rapporterades.",
        "Antalet avvikelser t.o.m. 31 oktober var 14.",
        "Uppgifterna gäller första halvåret 2015.",
        "Redovisningen avser jan-sep.",
    ],
)
def test_part_year_figures_are_flagged(tmp_path: Path, sentence: str) -> None:
    assert len(_matches(tmp_path, sentence)) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Projektet pågick januari–juni och avslutades med en utvärdering.",
        "Statistiken avser januari–december 2015.",
        "Antalet avvikelser till och med december var 20.",
        "Under första halvåret startade arbetet med nya rutiner.",
        "Under 2015 rapporterades 18 avvikelser (2014: 20).",
    ],
)
def test_full_years_and_activities_are_not(tmp_path: Path, sentence: str) -> None:
    assert _matches(tmp_path, sentence) == []
