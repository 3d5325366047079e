"""trend: units followed apart, restatements kept through later reports, series identity in table and plot."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvcli.compare.trend import trend
from kvcli.model import Document, Figure, Metadata, Period, Section, Source, Table
from kvcli.output.diff import trend_table
from kvcli.output.plot import plot


def _report(path: str, unit: str | None, year: int, rows: dict[str, dict[int, float]], title: str = "Avvikelser") -> Document:
    doc = Document(source=Source(path=path, format="txt", sha256="0" * 64),
                   metadata=Metadata(organisation="Exempel kommun", unit=unit, period=Period(year, year)))  # fmt: skip
    doc.sections.append(Section("s1", title, 1, [title], None, None, ""))
    doc.tables.append(Table("t1", "s1", None, None, [["År", *rows]], []))
    for label, values in rows.items():
        for y, v in values.items():
            doc.figures.append(Figure(label, label, v, None, y, "s1", "t1", None, None, f"{y} {v}"))
    return doc


def test_units_are_followed_apart_and_a_unitless_report_joins_its_series() -> None:
    vux13 = _report("vux13", "Vuxensektionen", 2013, {"Lex Sarah": {2012: 1, 2013: 0}, "Synpunkt": {2013: 2}})
    fam15 = _report("fam15", "Familjesektionen", 2015, {"Lex Sarah": {2012: 2, 2013: 2, 2014: 2}, "Synpunkt": {2014: 1}})
    vux14 = _report("vux14", None, 2014, {"Lex Sarah": {2013: 0, 2014: 3}, "Synpunkt": {2014: 4}})
    points = trend([fam15, vux14, vux13])
    by_unit = {(p.report_unit, p.year): p.value for p in points if p.indicator == "Lex Sarah"}
    # Familjesektionen's 2012 and 2013 are not restatements of Vuxensektionen's: no point is restated.
    assert all(p.restated_from is None for p in points)
    assert by_unit[("Familjesektionen", 2012)] == 2 and by_unit[("Vuxensektionen", 2012)] == 1
    assert by_unit[(None, 2014)] == 3  # the report without a unit continued one series, not two
    assert len({p.series for p in points if p.indicator == "Lex Sarah"}) == 2
    table = trend_table(points)
    assert "enhet" in table.splitlines()[0] and "Familjesektionen" in table


def test_a_restatement_survives_a_later_report_that_repeats_the_new_value() -> None:
    r13 = _report("2013.txt", "U", 2013, {"Lex Sarah": {2012: 3, 2013: 1}})
    r14 = _report("2014.txt", "U", 2014, {"Lex Sarah": {2013: 2, 2014: 0}})
    r15 = _report("2015.txt", "U", 2015, {"Lex Sarah": {2013: 2, 2014: 0, 2015: 1}})
    points = {p.year: p for p in trend([r15, r13, r14])}
    assert (points[2013].value, points[2013].restated_from, points[2013].restated_in) == (2, 1, "2013.txt")
    assert points[2013].source == "2015.txt"  # the newest report wins
    assert points[2014].restated_from is None
    assert "* omräknat: Lex Sarah 2013: 1 i 2013.txt, 2 i 2015.txt" in trend_table(list(points.values()))


def test_same_label_in_two_tables_is_two_series_and_the_table_says_which(tmp_path: Path) -> None:
    doc = _report("r", "U", 2014, {"Antal svar": {2013: 174, 2014: 180}, "Tillgänglighet": {2013: 8.6, 2014: 8.5}},
                  title="Brukarundersökning")  # fmt: skip
    doc.sections.append(Section("s2", "Enkät till familjehem", 1, ["Enkät till familjehem"], None, None, ""))
    doc.tables.append(Table("t2", "s2", None, None, [["År", "Antal svar", "Telefon"]], []))
    for y, svar, tel in ((2013, 22, 5.7), (2014, 25, 5.8)):
        doc.figures.append(Figure("Antal svar", "Antal svar", svar, None, y, "s2", "t2", None, None, ""))
        doc.figures.append(Figure("Telefon", "Telefon", tel, None, y, "s2", "t2", None, None, ""))
    points = trend([doc])
    assert len({p.series for p in points}) == 4
    table = trend_table(points)
    assert "Antal svar [Brukarundersökning]" in table and "Antal svar [Enkät till familjehem]" in table
    png = tmp_path / "t.png"
    assert plot(points, png) == 4 and png.read_bytes()[:4] == b"\x89PNG"


def test_trend_figure_pattern_selects_series() -> None:
    r = _report("r", "U", 2014, {"Lex Sarah": {2013: 1, 2014: 2}, "Synpunkt": {2013: 3, 2014: 4}})
    assert {p.indicator for p in trend([r], "lex")} == {"Lex Sarah"}


def test_trend_csv_json_and_plot_mask_personnummer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib
    from click.testing import CliRunner

    from kvcli.cli import main

    monkeypatch.setitem(matplotlib.rcParams, "svg.fonttype", "none")  # titles as text, so they can be searched

    pnr = "811218-9876"  # Luhn-valid
    for year, a, b in ((2014, 3, 4), (2015, 5, 6)):
        (tmp_path / f"{year}.txt").write_text(
            f"Kvalitetsberättelse {year}\n\nStatistik\n\nÄrende\t{year - 1}\t{year}\nKlient {pnr}\t{a}\t{b}\n",
            encoding="utf-8",
        )
    for fmt in ("csv", "json", "table"):
        r = CliRunner().invoke(main, ["trend", str(tmp_path), "-f", fmt, "--plot", str(tmp_path / "p.svg")])
        assert r.exit_code == 0, r.output
        assert "811218-****" in r.stdout and pnr not in r.stdout, fmt
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "Klient 811218-****" in svg and pnr not in svg
