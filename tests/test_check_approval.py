"""KV604: a report that does not say it was approved (fastställd, godkänd) by whom and when."""

from __future__ import annotations

from pathlib import Path

import kvcli
from kvcli.checks import check_document
from kvcli.checks.model import Finding
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


def _kv605(tmp_path: Path, closing: str) -> list[Finding]:
    p = tmp_path / "rapport.txt"
    p.write_text(REPORT.format(closing=closing), encoding="utf-8")
    return check_document(kvcli.parse(p), CheckConfig(select=["KV605"])).findings


def test_kv605_an_approval_before_the_period_ends(tmp_path: Path) -> None:
    # The 2014 report approved in November 2014: the committee approved an incomplete year.
    found = _kv605(tmp_path, "Socialnämnden fastställde kvalitetsberättelsen 2014-11-18, § 112.")
    assert [(f.code, f.severity) for f in found] == [("KV605", "info")]
    assert "2014-11-18" in found[0].message and "2014" in found[0].message


def test_kv605_quiet_after_the_period_or_without_a_date(tmp_path: Path) -> None:
    assert _kv605(tmp_path, "Socialnämnden fastställde kvalitetsberättelsen 2015-03-18, § 45.") == []
    assert _kv605(tmp_path, "Kvalitetsberättelsen fastställdes av socialnämnden, § 45.") == []
    assert _kv605(tmp_path, "Under 2015 fortsätter arbetet med rutinerna.") == []
