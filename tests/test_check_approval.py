"""KV604: a report that does not say it was approved (fastställd, godkänd) by whom and when."""

from __future__ import annotations

from pathlib import Path

import kvcli
from kvcli.checks import check_document
from kvcli.config import CheckConfig

REPORT = """Kvalitetsberättelse 2014

Inledning

Rapporten beskriver sektionens kvalitetsarbete under 2014.

{closing}
"""


def _findings(tmp_path: Path, closing: str) -> list[tuple[str, str]]:
    p = tmp_path / "rapport.txt"
    p.write_text(REPORT.format(closing=closing), encoding="utf-8")
    return [(f.code, f.severity) for f in check_document(kvcli.parse(p), CheckConfig(select=["KV604"])).findings]


def test_a_report_without_an_approval_gets_an_info(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Under 2015 fortsätter arbetet med rutinerna.") == [("KV604", "info")]


def test_a_proposal_is_not_an_approval(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Förslag till beslut: Socialnämnden fastställer kvalitetsberättelsen.") == [("KV604", "info")]


def test_an_approval_with_date_and_paragraph_is_quiet(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Socialnämnden fastställde kvalitetsberättelsen 2015-03-18, § 45.") == []
    assert _findings(tmp_path, "Godkänd av socialnämnden 2015-03-18 § 45") == []
