"""``kvcli report``: the page agrees with ``kvcli check``, is self-contained, masks and escapes, speaks two languages.

The page is parsed with lxml.html, as a reader's browser would without JavaScript: everything checked here is
in the static HTML (the script only sorts and filters).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner

from kvcli.checks.concepts import Concept, ConceptResult
from kvcli.checks.model import FileReport, Finding
from kvcli.cli import main
from kvcli.model import Document, Figure, Metadata, Period, Section, Source
from kvcli.output.report import PackInfo, ReportEntry, ReportMeta, Unreadable, render_report
from kvcli.output.report.series import choose_series
from kvcli.output.report.svg import ticks
from kvcli.output.report.texts import Words

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PNR = "811218-9876"  # Luhn-valid; planted in test documents only
NBSP = "\u00a0"


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stderr


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("report") / "översikt.html"
    code, _ = run("report", str(SAMPLES), "-o", str(out), "--jobs", "2")
    assert code == 0
    runner = CliRunner()
    checked = runner.invoke(main, ["check", str(SAMPLES), "--format", "json", "--exit-zero", "--jobs", "2"])
    assert checked.exit_code == 0, checked.stderr
    text = out.read_text(encoding="utf-8")
    return lxml.html.fromstring(text), text, json.loads(checked.stdout)


def _rows(page: Any) -> dict[str, Any]:
    return {tr.get("data-path"): tr for tr in page.xpath('//table[@id="heatmap"]/tbody/tr')}


@pytest.mark.slow
def test_every_concept_cell_matches_check_json(samples_page: tuple[Any, str, dict[str, Any]]) -> None:
    page, _, checked = samples_page
    rows = _rows(page)
    assert set(rows) == {f["path"] for f in checked["files"]}
    columns = [
        th.get("data-concept") for th in page.xpath('//table[@id="heatmap"]/thead/tr/th[@data-concept]')
    ]
    for f in checked["files"]:
        cells = {td.get("data-concept"): td for td in rows[f["path"]].xpath("td[@data-concept]")}
        assert list(cells) == columns
        assert {c["id"]: c["status"] for c in f["concepts"]} == {
            k: td.get("data-status") for k, td in cells.items()
        }
        for td in cells.values():
            mark = {"present": "✔", "weak": "~", "missing": "✘"}[td.get("data-status")]
            assert td.text_content().startswith(mark)  # a symbol, not colour alone
            assert td.get("title")  # the evidence on hover
            target = td.xpath("a/@href")[0]
            assert page.xpath(f'//*[@id="{target[1:]}"]'), target  # and a link that lands somewhere


@pytest.mark.slow
def test_every_finding_count_matches_check_json(samples_page: tuple[Any, str, dict[str, Any]]) -> None:
    page, text, checked = samples_page
    sections = {s.get("data-path"): s for s in page.xpath('//section[contains(@class, "report")]')}
    rows = _rows(page)
    reports: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    for f in checked["files"]:
        listed = sections[f["path"]].xpath(".//tr[@data-code]")
        assert Counter((tr.get("data-code"), tr.get("data-severity")) for tr in listed) == Counter(
            (x["code"], x["severity"]) for x in f["findings"]
        )
        counts = [int(td.text_content()) for td in rows[f["path"]].xpath('td[contains(@class, "num")]')]
        assert counts == [
            sum(1 for x in f["findings"] if x["severity"] == s) for s in ("error", "warning", "info")
        ]
        reports.update({x["code"] for x in f["findings"]})
        findings.update(x["code"] for x in f["findings"])
    per_rule = {tr.get("data-code"): tr for tr in page.xpath('//table[@id="rule-counts"]/tbody/tr')}
    assert set(per_rule) == set(reports)
    total = len(checked["files"])
    for code, n in reports.items():
        assert int(per_rule[code].get("data-reports")) == n
        assert int(per_rule[code].get("data-findings")) == findings[code]
        assert f"{code} i {n} av {total} rapporter" in per_rule[code].text_content()
    s = checked["summary"]
    assert f"{s['errors']} fel, {s['warnings']} varningar, {s['infos']} info" in text


@pytest.mark.slow  # builds the samples' page (4 s)
def test_rows_sorted_by_organisation_unit_period(samples_page: tuple[Any, str, dict[str, Any]]) -> None:
    page, _, _ = samples_page
    labels = [th.xpath("a")[0].text_content() for th in page.xpath('//table[@id="heatmap"]/tbody/tr/th')]
    keys = [tuple(x.strip() for x in label.split("›")) for label in labels]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1].replace("ä", "z"), k[2]))
    assert keys[0][0] == "Jönköpings kommun" and keys[-1][0] == "Växjö kommun"


@pytest.mark.slow  # builds the samples' page (4 s)
def test_page_is_self_contained_and_small(samples_page: tuple[Any, str, dict[str, Any]]) -> None:
    page, text, _ = samples_page
    assert len(text.encode("utf-8")) < 5 * 1024 * 1024
    for el in page.iter():
        for name in ("src", "href", "action", "data", "poster", "xlink:href"):
            value = (el.get(name) or "").strip()
            assert not re.match(r"(?i)([a-z][a-z0-9+.-]*:|//)", value), (el.tag, name, value)
    assert not page.xpath("//script[@src] | //link | //img | //iframe | //object | //embed")
    styles = " ".join(s.text_content() for s in page.xpath("//style"))
    assert "@import" not in styles and not re.search(r"url\(", styles)
    assert not re.search(r"(?i)https?://", text)  # not even in a comment or an SVG namespace
    assert "@media print" in styles and page.xpath("//script[not(@src)]")


@pytest.mark.slow  # builds the samples' page (4 s)
def test_page_structure_is_accessible(samples_page: tuple[Any, str, dict[str, Any]]) -> None:
    page, _, _ = samples_page
    assert page.get("lang") == "sv"
    assert [h.text_content() for h in page.xpath("//main/section/h2")] == [
        "Begrepp per rapport", "Fynd per regel i hela arkivet", "Nyckeltal över tid", "Oläsbara filer",
        "Fynd per rapport",
    ]  # fmt: skip
    for table in page.xpath("//table"):
        assert table.xpath("caption"), lxml.html.tostring(table)[:200]
        assert all(th.get("scope") for th in table.xpath(".//th"))
    svgs = page.xpath("//svg")
    assert svgs and all(s.get("role") == "img" and s.xpath("title") for s in svgs)
    for figure in page.xpath('//figure[contains(@class, "series")]'):
        assert figure.xpath("svg") and figure.xpath('table[contains(@class, "values")]')


def test_personnummer_only_masked_and_markup_escaped(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / f"rapport-{PNR}.txt").write_text(
        "Kvalitetsberättelse 2016\n\nVetlanda kommun\n\nRiskanalys\n\n"
        f"Riskanalys genomfördes i mars tillsammans med {PNR} och 19{PNR} på enheten.\n",
        encoding="utf-8",
    )
    (archive / "<b>fet&amp;<i>.txt").write_text(
        "Kvalitetsberättelse 2016\n\nInledning\n\nText.\n", encoding="utf-8"
    )
    out = tmp_path / "x.html"
    code, err = run("report", str(archive), "-o", str(out), "--no-cache")
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert PNR not in text and PNR.replace("-", "") not in text and PNR not in err
    assert "811218-****" in text
    page = lxml.html.fromstring(text)
    assert any(
        "811218-****" in (td.get("title") or "") for td in page.xpath("//td[@data-concept]")
    )  # the quote
    assert not page.xpath("//b | //i")  # a file name is text, never markup
    assert "<b>fet&amp;<i>.txt" in page.text_content()


def test_unreadable_files_listed_with_reasons(tmp_path: Path) -> None:
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "tom.txt").write_bytes(b"")
    (archive / "trasig.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (archive / "bra.txt").write_text("Kvalitetsberättelse 2016\n\nInledning\n\nText.\n", encoding="utf-8")
    out = tmp_path / "x.html"
    code, err = run("report", str(archive), "-o", str(out), "--no-cache")
    assert code == 2  # the page is written, but not everything could be read
    page = lxml.html.parse(str(out)).getroot()
    listed = {
        tr.get("data-path"): tr.xpath("td")[0].text_content()
        for tr in page.xpath('//table[@id="unreadable"]//tr[@data-path]')
    }
    assert set(listed) == {str(archive / "tom.txt"), str(archive / "trasig.docx")}
    assert all(reason.strip() for reason in listed.values())
    assert err.count("kvcli: error: ") == 2
    assert [tr.get("data-path") for tr in page.xpath('//table[@id="heatmap"]/tbody/tr')] == [
        str(archive / "bra.txt")
    ]


def test_output_replaced_atomically(tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    out.write_text("old", encoding="utf-8")
    code, _ = run("report", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "-o", str(out))
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["x.html"]  # no temporary file left behind


def test_unwritable_output_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("", encoding="utf-8")  # a file where the output's folder should be: fails as root too
    code, err = run("report", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "-o", str(blocker / "x.html"))
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_no_files_is_a_usage_error(tmp_path: Path) -> None:
    code, err = run("report", str(tmp_path), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "no report files found" in err
    assert not (tmp_path / "x.html").exists()


def test_english_page(tmp_path: Path) -> None:
    out = tmp_path / "overview.html"
    code, _ = run("report", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "-o", str(out), "--lang", "en",
                  "--title", "Vetlanda <2013>")  # fmt: skip
    assert code == 0
    page = lxml.html.parse(str(out)).getroot()
    assert page.get("lang") == "en"
    assert (
        page.xpath("//title")[0].text_content() == "Vetlanda <2013>" == page.xpath("//h1")[0].text_content()
    )
    assert [h.text_content() for h in page.xpath("//main/section/h2")] == [
        "Concepts per report", "Findings per rule across the archive", "Key figures over time", "Unreadable files",
        "Findings per report",
    ]  # fmt: skip
    words = _page_words(page)
    assert (
        "Concepts and evidence" in words and "showing" not in words
    )  # (the filter's words are the script's)
    for swedish in SWEDISH_PAGE_WORDS:
        assert not re.search(rf"(?<!\w){swedish}(?!\w)", words, re.I), swedish
    assert "The question" in page.text_content()  # the findings' messages follow --lang too


SWEDISH_PAGE_WORDS = (
    "Begrepp", "Fynd", "rapport", "rapporter", "saknas", "finns", "svagt", "Läst", "Skapad", "varning",
    "varningar", "fel", "Källa", "År", "Värde", "Regelpaket", "Oläsbara", "Nyckeltal", "Enhet", "alla", "Plats",
    "Allvarlighet", "Meddelande", "Grund", "Innehåll", "Titel", "Datum", "hela", "rad", "avsnitt", "serier",
)  # fmt: skip


def _page_words(page: Any) -> str:
    """The page's own words: everything but what the reports and the rule pack say (names, quotes, messages)."""
    clone = lxml.html.fromstring(lxml.html.tostring(page))
    for el in clone.xpath(
        "//style | //script | //th[@data-concept] | //span[@class='file'] | //h3 | //dl[@class='docfacts']"
        " | //figcaption | //ul[@class='packs'] | //svg | //table[@id='heatmap']/tbody/tr/th"
        " | //table[@class='findings']//td | //table[@class='evidence']//td | //table[@class='evidence']/tbody//th"
        " | //section[contains(@class, 'report')]//caption | //figure//caption | //ul[@class='notes']/li[1]"
    ):
        el.drop_tree()
    return " ".join(clone.itertext())  # text_content() would glue "Report" and "Fel" into one word


# --- the pure renderer on hand-made documents ------------------------------------------------------------


def _doc(
    path: str, year: int, figures: list[tuple[str, str, float, int]], unit: str = "Vuxensektionen"
) -> Document:
    section = Section("s1", "Nyckeltal", 1, ["Nyckeltal"], 2, 10, "Nyckeltal för året.")
    return Document(
        source=Source(path, "txt", "0" * 64),
        metadata=Metadata(title=f"Kvalitetsberättelse {year}", organisation="Vetlanda kommun", unit=unit,
                          period=Period(year, year)),
        sections=[section],
        figures=[Figure(label, column, value, "%" if "Andel" in label else None, period, "s1", None, 2, 10, "")
                 for label, column, value, period in figures],
    )  # fmt: skip


CONCEPT = Concept(
    "riskanalys", "Riskanalys", "SOSFS 2011:9 5 kap. 1 §", "föreskrift", True, ["Riskanalys"], ["riskanalys"]
)


def _meta() -> ReportMeta:
    return ReportMeta(generated=datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc), version="9.9",
                      inputs=["arkiv/"], packs=[PackInfo("p", "Paket", "ab" * 32)], concepts=[CONCEPT])  # fmt: skip


def _entry(doc: Document, findings: list[Finding] | None = None) -> ReportEntry:
    return ReportEntry(doc, FileReport(doc.source.path, concepts=[ConceptResult("riskanalys", "missing", 0.0)],
                                       findings=findings or []))  # fmt: skip


def test_restatements_and_part_year_values_are_marked() -> None:
    old = _doc("a/2014.txt", 2014, [("Lex Sarah", "2013", 1650, 2013), ("Lex Sarah", "2014", 1700, 2014)])
    new = _doc(
        "a/2015.txt", 2015, [("Lex Sarah", "2014", 1710, 2014), ("Lex Sarah", "2015 (tom 150918)", 900, 2015)]
    )
    html = render_report([_entry(old), _entry(new)], [], _meta(), "sv")
    page = lxml.html.fromstring(html)
    figure = page.xpath('//figure[contains(@class, "series")]')[0]
    assert "Lex Sarah" in figure.xpath("figcaption")[0].text_content()
    values, sources = (
        [td.text_content() for td in tr.xpath("td")] for tr in figure.xpath(".//table//tbody/tr")
    )
    assert values == [f"1{NBSP}650", f"1{NBSP}710*", "900†"]
    assert sources == ["2014.txt", "2015.txt", "2015.txt"]  # the newest report wins a year
    notes = figure.xpath('.//ul[@class="notes"]')[0].text_content()
    assert f"tidigare rapporterat 1{NBSP}700 i 2014.txt" in notes
    assert "delårsvärde (2015 (tom 150918))" in notes
    assert figure.xpath('.//svg//path[@class="restated"]') and figure.xpath(
        './/svg//circle[@class="pt part"]'
    )
    assert len(figure.xpath(".//svg//circle")) == 3 and figure.xpath(".//svg//polyline")


@pytest.mark.parametrize(
    ("label", "columns", "part"),
    [("Antal", ("2014", "2015 (tom 150918)"), True), ("Antal", ("2014", "2015 t.o.m. augusti"), True),
     ("Antal", ("2014", "2015"), False),
     # years as rows: the column is the indicator's own name, and "per" in it is no date
     ("Kostnad per dygn", ("Kostnad per dygn", "Kostnad per dygn"), False)],
)  # fmt: skip
def test_part_year_values_found_in_the_column(label: str, columns: tuple[str, str], part: bool) -> None:
    doc = _doc("u/2015.txt", 2015, [(label, columns[0], 1, 2014), (label, columns[1], 2, 2015)])
    (series,) = choose_series([doc]).shown
    assert series.part_year == ({2015: columns[1]} if part else {})


def test_series_need_two_years_and_shared_topics_come_first() -> None:
    docs = [
        _doc("u/2014.txt", 2014, [("Antal besök", "2013", 5, 2013), ("Antal besök", "2014", 6, 2014),
                                  ("Klagomål", "2013", 3, 2013), ("Klagomål", "2014", 4, 2014),
                                  ("Engångstal", "2014", 7, 2014)]),
    ]  # fmt: skip
    page = lxml.html.fromstring(render_report([_entry(d) for d in docs], [], _meta(), "sv"))
    titles = [
        f.xpath("figcaption")[0].text.strip() for f in page.xpath('//figure[contains(@class, "series")]')
    ]
    assert titles == [
        "Klagomål",
        "Antal besök",
    ]  # one year is no trend; complaints before the unit's own figures


def test_renditions_count_once_and_the_rest_is_said() -> None:
    one = [("Antal besök", "2013", 5, 2013), ("Antal besök", "2014", 6, 2014)]
    docs = [_doc(f"u/2014.{ext}", 2014, one) for ext in ("txt", "docx", "pdf")]
    page = lxml.html.fromstring(render_report([_entry(d) for d in docs], [], _meta(), "sv"))
    (figure,) = page.xpath('//figure[contains(@class, "series")]')
    assert "(redovisas i 1 rapport)" in figure.xpath("figcaption")[0].text_content()
    assert len(page.xpath('//table[@id="heatmap"]/tbody/tr')) == 3  # every file is still a row


def test_missing_concept_and_findings_grouped_by_severity() -> None:
    doc = _doc("u/2014.txt", 2014, [])
    findings = [
        Finding("KV301", "table-empty-values", "warning", "Tabellen har tomma celler", "ref", "s1", 3, 12),
        Finding(
            "KV101",
            "concept-missing",
            "error",
            "Rapporten beskriver inte Riskanalys",
            "SOSFS 2011:9 5 kap. 1 §",
        ),
        Finding("KV601", "report-date-missing", "info", "Rapporten saknar datum", None),
    ]
    page = lxml.html.fromstring(
        render_report([_entry(doc, findings)], [Unreadable("x.pdf", "krypterad")], _meta(), "sv")
    )
    (section,) = page.xpath('//section[contains(@class, "report")]')
    groups = [tb.get("class") for tb in section.xpath(".//table/tbody")]
    assert groups[:3] == ["sev-error", "sev-warning", "sev-info"]
    warning = section.xpath('.//tr[@data-code="KV301"]')[0].text_content()
    assert "s. 3, rad 12, avsnitt ”Nyckeltal”" in warning
    cell = page.xpath('//td[@data-concept="riskanalys"]')[0]
    assert cell.get("data-status") == "missing" and "ingen rubrik eller text" in cell.get("title")
    assert page.xpath('//table[@id="unreadable"]//td')[0].text_content() == "krypterad"
    header = page.xpath("//header")[0].text_content()
    assert "2026-03-01 09:30" in header and "9.9" in header and "sha256 abababababab" in header
    english = lxml.html.fromstring(render_report([_entry(doc, findings)], [], _meta(), "en"))
    places = [
        tr.xpath("td")[1].text_content() for tr in english.xpath("//table[@class='findings']//tr[@data-code]")
    ]
    assert places == ["whole report", "p. 3, line 12, section “Nyckeltal”", "whole report"]


def test_swedish_and_english_numbers() -> None:
    sv, en = Words("sv"), Words("en")
    assert sv.number(1650) == f"1{NBSP}650" and en.number(1650) == "1,650"
    assert sv.number(5.4, "%") == f"5,4{NBSP}%" and en.number(5.4, "%") == f"5.4{NBSP}%"
    assert sv.number(-2.5) == "\u22122,5" and sv.number(94049.0) == f"94{NBSP}049"
    assert sv.count(1, "warning") == "1 varning" and sv.count(3, "warning") == "3 varningar"


@pytest.mark.parametrize(
    ("lo", "hi", "integer", "expected"),
    [(1, 3, True, [1, 2, 3]), (213, 368, True, [200, 300, 400]), (5.37, 5.53, False, [5.3, 5.4, 5.5, 5.6]),
     (0, 0, True, [0, 1, 2]), (2, 2, True, [1, 2, 3])],
)  # fmt: skip
def test_axis_ticks_are_round_and_whole_for_counts(
    lo: float, hi: float, integer: bool, expected: list[float]
) -> None:
    assert ticks(lo, hi, integer) == pytest.approx(expected)
