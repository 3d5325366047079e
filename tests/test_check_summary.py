"""Sammanställning och analys (KV701/KV702): avvikelser, klagomål and lex Sarah counted for the period and
compared with the period before, each firing and staying quiet on hand-made reports."""

from __future__ import annotations

from pathlib import Path

import kvcli
from kvcli.checks import check_document
from kvcli.config import CheckConfig


def _findings(tmp_path: Path, body: str, lang: str = "sv") -> list[tuple[str, int | None, str]]:
    p = tmp_path / "rapport.txt"
    p.write_text("Kvalitetsberättelse 2014\n\nInledning\n\nRapporten gäller år 2014.\n\n" + body, encoding="utf-8")
    report = check_document(kvcli.parse(p), CheckConfig(select=["KV701", "KV702"], lang=lang))
    return [(f.code, f.line, f.message) for f in report.findings]


def test_a_section_on_deviations_without_numbers_is_a_warning_at_its_heading(tmp_path: Path) -> None:
    got = _findings(tmp_path, "Avvikelser\n\nAvvikelser rapporteras i verksamhetssystemet och följs upp på APT.\n")
    assert got == [("KV701", 7, "Avsnittet 'Avvikelser' redovisar inga antal för avvikelser. Skriv hur många det "
                                "var under perioden (0 om inga) och hur det var föregående år.")]  # fmt: skip
    report = check_document(kvcli.parse(tmp_path / "rapport.txt"), CheckConfig(select=["KV701"]))
    assert [f.severity for f in report.findings] == ["warning"]


def test_numbers_compared_with_the_year_before_are_quiet(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Avvikelser\n\nUnder 2014 rapporterades 12 avvikelser, jämfört med 15 föregående år.\n") == []
    table = "Synpunkter och avvikelser\n\nÅr\tSynpunkter\tAvvikelser\n2013\t4\t15\n2014\t3\t12\n"
    assert _findings(tmp_path, table) == []


def test_numbers_without_a_comparison_are_info_quoting_the_count(tmp_path: Path) -> None:
    got = _findings(tmp_path, "Lex Sarah\n\nUnder året har fem lex Sarah-rapporter inkommit, varav en anmälts till IVO.\n")
    assert [(code, line) for code, line, _ in got] == [("KV702", 9)]
    assert "rapporter enligt lex Sarah" in got[0][2] and "«Under året har fem lex Sarah-rapporter" in got[0][2]
    en = _findings(tmp_path, "Lex Sarah\n\nUnder året har fem lex Sarah-rapporter inkommit.\n", lang="en")
    assert en[0][2].startswith("The number of lex Sarah reports is given")
    report = check_document(kvcli.parse(tmp_path / "rapport.txt"), CheckConfig(select=["KV702"]))
    assert [f.severity for f in report.findings] == ["info"]


def test_a_count_in_words_or_a_no_is_a_number(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Klagomål och synpunkter\n\nInga klagomål har kommit in under 2014, samma antal som året innan.\n") == []
    asked = "Lex Sarah\n\nHar någon anmälan enligt lex Sarah gjorts under året?\n\nJa Nej x\n"
    assert [code for code, _, _ in _findings(tmp_path, asked)] == ["KV702"]  # a "Nej" counts none, but not vs. last year


def test_an_empty_complaints_table_has_no_numbers_and_a_budget_deviation_is_no_deviation(tmp_path: Path) -> None:
    empty = "Synpunktshantering\n\nResultatindikator\tUtfall\nKlagomål\t\nBeröm\t\n"
    assert [code for code, _, _ in _findings(tmp_path, empty)] == ["KV701"]
    budget = "Ekonomi\n\nKonto\tBudget\tUtfall\tAvvikelse\nPersonal\t1 000\t1 100\t-100\nÖvrigt\t200\t150\t50\n"
    assert _findings(tmp_path, budget) == []


def test_a_year_before_what_is_counted_is_no_count(tmp_path: Path) -> None:
    body = ("Lex Sarah\n\nUnder 2014 inkom 53 rapporter om missförhållanden, jämfört med 40 under 2013. De kategorier "
            "som har flest rapporter 2014 är avvikelser kring läkemedel.\n")  # fmt: skip
    assert _findings(tmp_path, body) == []


def test_a_section_pointing_to_a_chart_is_not_judged(tmp_path: Path) -> None:
    charted = "Avvikelser\n\nAntalet avvikelser per månad visas i diagram 3.\n"
    assert _findings(tmp_path, charted) == []  # the numbers may be in the chart, which is an image
    table = "Synpunktshantering\n\nSe även bilaga 2.\n\nResultatindikator\tUtfall\nKlagomål\t\nBeröm\t\n"
    assert [code for code, _, _ in _findings(tmp_path, table)] == ["KV701"]  # its own table is empty
