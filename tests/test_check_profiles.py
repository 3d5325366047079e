"""Severity by what a finding means, and the profiles: SOSFS 2011:9 by default, the combined
patientsäkerhets- och kvalitetsberättelse chosen from the report's title or by --profile."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kvcli.api import check as check_path
from kvcli.checks import check_document, profile_for
from kvcli.cli import main
from kvcli.config import CheckConfig
from kvcli.model import Document, Metadata, Period, Section, Source

FIXTURES = Path(__file__).parent / "fixtures" / "check"
BODY = "Under 2018 genomfördes arbetet enligt plan; 12 granskningar gjordes i mars 2018 och återkopplades till personalen. " * 3


def doc(title: str | None, sections: list[tuple[str, str]], period: tuple[int, int] | None = (2018, 2018)) -> Document:
    secs = [Section(id=f"s{i}", title=t, level=1, path=[t], page=None, line=i * 10, text=x)
            for i, (t, x) in enumerate(sections, 1)]  # fmt: skip
    return Document(source=Source(path="r.txt", format="txt", sha256="0" * 64),
                    metadata=Metadata(title=title, period=Period(*period) if period else None,
                                      report_date="2019-02-20"),
                    sections=secs)  # fmt: skip


SOSFS = [(t, BODY) for t in ("Ledningssystem", "Processer och rutiner", "Samverkan", "Riskanalys", "Egenkontroll",
                             "Synpunkter och klagomål", "Lex Sarah", "Avvikelser", "Personal och kompetens",
                             "Resultat", "Förbättringsåtgärder")]  # fmt: skip


def severities(d: Document, config: CheckConfig | None = None) -> dict[str, str]:
    report = check_document(d, config or CheckConfig(select=["KV1"]))
    return {f.evidence: f.severity for f in report.findings if f.code == "KV101"}


def test_profile_follows_the_document_type() -> None:
    assert profile_for(CheckConfig(), doc("Kvalitetsberättelse 2018", [])) == "sosfs-2011-9"
    assert profile_for(CheckConfig(), doc("Patientsäkerhetsberättelse 2018", [])) == "kvalitet-patientsakerhet"
    assert profile_for(CheckConfig(), doc("Kvalitets- och patientsäkerhetsberättelse 2018", [])) == "kvalitet-patientsakerhet"
    assert profile_for(CheckConfig(profile="sosfs-2011-9"), doc("Patientsäkerhetsberättelse 2018", [])) == "sosfs-2011-9"


def test_combined_report_without_patient_safety_account_is_an_error() -> None:
    d = doc("Kvalitets- och patientsäkerhetsberättelse 2018", SOSFS)
    assert severities(d) == {"patientsakerhet": "error", "lex_maria": "warning", "vardskador": "warning"}
    # The same report as a plain kvalitetsberättelse: the patient-safety concepts are not asked for.
    assert severities(d, CheckConfig(select=["KV1"], profile="sosfs-2011-9")) == {}
    assert severities(doc("Kvalitetsberättelse 2018", SOSFS)) == {}


def test_combined_report_with_patient_safety_account_passes() -> None:
    extra = [("Patientsäkerhetsarbete", BODY + " Patientsäkerheten följdes upp av MAS."),
             ("Vårdskador", BODY + " 142 fallskador och 57 läkemedelsavvikelser rapporterades."),
             ("Lex Maria", BODY + " En händelse anmäldes enligt lex Maria.")]  # fmt: skip
    assert severities(doc("Kvalitets- och patientsäkerhetsberättelse 2018", SOSFS + extra)) == {}


def test_hand_made_combined_report_end_to_end() -> None:
    full = check_path(FIXTURES / "kombinerad.txt")
    assert full.profile == "kvalitet-patientsakerhet"
    verdicts = {c.id: c.status for c in full.concepts}
    assert verdicts["lex_maria"] == "present" and verdicts["vardskador"] == "present"
    bare = check_path(FIXTURES / "kombinerad-utan-patientsakerhet.txt")
    assert {c.id: c.status for c in bare.concepts}["lex_maria"] == "missing"
    assert {f.evidence for f in bare.findings if f.code == "KV101"} >= {"lex_maria", "vardskador"}
    r = CliRunner().invoke(main, ["check", str(FIXTURES / "kombinerad-utan-patientsakerhet.txt"), "--no-cache",
                                  "--profile", "sosfs-2011-9", "--select", "KV101"])  # fmt: skip
    assert "lex Maria" not in r.stdout and r.exit_code == 0


def test_severity_says_what_the_finding_means() -> None:
    # No results at all: unfit to submit. A föreskrift concept missing: content to add (a warning).
    d = doc("Kvalitetsberättelse 2018", [s for s in SOSFS if s[0] not in ("Resultat", "Riskanalys")])
    assert severities(d) == {"resultat": "error", "riskanalys": "warning"}
    # No period: an error.
    report = check_document(doc("Kvalitetsberättelse", SOSFS, period=None), CheckConfig(select=["KV201"]))
    assert [f.severity for f in report.findings] == ["error"]


def test_rules_explain_documents_the_model() -> None:
    out = CliRunner().invoke(main, ["rules", "explain", "KV101"]).stdout
    assert "fel = rapporten går inte att lämna in så här" in out and "Resultat och måluppfyllelse" in out
    out = CliRunner().invoke(main, ["rules", "explain", "KV101", "--lang", "en"]).stdout
    assert "error = the report cannot be submitted like this" in out
