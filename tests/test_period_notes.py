"""Part-year figures keep their qualifier, and trend and diff never compare them as whole years (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kvcli
from kvcli.compare.diff import diff
from kvcli.compare.trend import trend
from kvcli.figures.period_note import period_note
from kvcli.output.diff import render_trend


@pytest.mark.parametrize(
    "text,note",
    [("2015 (tom 150918)", "tom 150918"), ("2015 t.o.m. augusti", "t.o.m. augusti"), ("jan–aug 2015", "jan–aug"),
     ("mars–december 2014", "mars–december"), ("Hittills i år har tre rapporter kommit in.", "Hittills i år"),
     ("jan–dec 2014", None), ("2015", None), ("2015 (prognos)", None), ("Inledda 2011", None)],
)  # fmt: skip
def test_part_year_qualifiers(text: str, note: str | None) -> None:
    assert period_note(text) == note


def _report(tmp_path: Path, name: str, year: int, header: str, value: int, prose: str = "") -> kvcli.Document:
    p = tmp_path / name
    p.write_text(
        f"Kvalitetsberättelse {year}\n\nVuxensektionen\n\nAvvikelser\n\n"
        f"Tabell 1. Avvikelser\n\nTyp\t{year - 1}\t{header}\nAvvikelser\t40\t{value}\n\n{prose}\n",
        encoding="utf-8",
    )
    return kvcli.parse(p)


def test_a_part_year_column_keeps_its_note(tmp_path: Path) -> None:
    doc = _report(tmp_path, "a.txt", 2015, "2015 (tom 150918)", 30)
    fig = {f.period: f for f in doc.figures if f.label == "Avvikelser"}
    assert fig[2015].period_note == "tom 150918" and fig[2014].period_note is None


def test_a_prose_figure_keeps_its_note(tmp_path: Path) -> None:
    doc = _report(tmp_path, "a.txt", 2014, "2014", 12, "Under mars–december 2014 inkom 9 klagomål.")
    f = next(f for f in doc.figures if f.label == "klagomål")
    assert (f.value, f.period, f.period_note, f.source) == (9, 2014, "mars–december", "prose")


def test_diff_does_not_compare_part_of_a_year_with_a_whole_year(tmp_path: Path) -> None:
    old = _report(tmp_path, "a.txt", 2015, "2015 (tom 150918)", 30)
    new = _report(tmp_path, "b.txt", 2016, "2016", 55)
    res = diff(old, new, by="section", threshold=10)
    row = next(r for r in res.rows if r.new_period == 2015 and r.indicator == "Avvikelser")
    # 2015 in the new report is the whole year, in the old one to 18 September: no change, no flag.
    assert (row.old_note, row.new_note, row.change, row.change_pct, row.flagged) == ("tom 150918", None, None, None,
                                                                                      False)  # fmt: skip
    assert not any(r.period == 2015 for r in res.restatements)


def test_trend_marks_part_years_and_a_whole_year_wins(tmp_path: Path) -> None:
    old = _report(tmp_path, "a.txt", 2015, "2015 (tom 150918)", 30)
    new = _report(tmp_path, "b.txt", 2016, "2016", 55)
    points = {p.year: p for p in trend([old, new]) if p.indicator == "Avvikelser"}
    # The 2016 report gives 2015 as a whole year: it replaces the part year, and is no restatement.
    assert (points[2015].value, points[2015].period_note, points[2015].restated_from) == (40, None, None)
    points = {p.year: p for p in trend([old]) if p.indicator == "Avvikelser"}
    assert points[2015].period_note == "tom 150918"
    assert "30 (tom 150918)" in render_trend(trend([old]), "table")
