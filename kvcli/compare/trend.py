"""``kvcli trend``: follow indicators over years, across all reports of a unit (or a folder).

Every year column of every report counts (a 2013 report with 2011–2013 columns gives
three years). When two reports give a value for the same indicator and year, the newest
report wins and the other value is kept as a restatement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Document
from .align import DEFAULT_THRESHOLD, Indicator, align, indicators

if TYPE_CHECKING:
    pass


@dataclass
class TrendPoint:
    indicator: str
    column: str
    unit: str | None
    year: int
    value: float
    source: str
    restated_from: float | None = None  # the value an older report gave for this year
    restated_in: str | None = None
    series: int = 0  # one id per followed indicator: two "Antal svar" of two tables are two series
    context: str = ""  # the table caption or section title it stands under (in the newest report)
    organisation: str | None = None
    report_unit: str | None = None  # the reporting unit ("Vuxensektionen"), not the unit of measure
    period_note: str | None = None  # a part-year value's qualifier ("tom 150918"): not a whole year


def _report_year(doc: Document) -> int:
    p = doc.metadata.period
    if p is not None:
        return p.end
    years = [f.period for f in doc.figures if f.period]
    return max(years) if years else 0


UnitKey = tuple[str | None, str | None]  # (organisation, unit), casefolded; None = not stated


def _unit_key(doc: Document) -> UnitKey:
    org, unit = doc.metadata.organisation, doc.metadata.unit
    return (org.casefold() if org else None, unit.casefold() if unit else None)


def _compatible(a: UnitKey, b: UnitKey) -> bool:
    """Same organisation and unit wherever both are known: an unstated unit joins any series."""
    return all(x is None or y is None or x == y for x, y in zip(a, b))


def _merge(a: UnitKey, b: UnitKey) -> UnitKey:
    return (a[0] or b[0], a[1] or b[1])


@dataclass
class _Series:
    head: Indicator  # the newest report's indicator: what the next report is aligned against
    unit_key: UnitKey  # what the contributing reports state; grows as reports with more metadata join
    points: dict[int, TrendPoint]


def trend(
    docs: Iterable[Document], figure: str | None = None, match_threshold: float = DEFAULT_THRESHOLD
) -> list[TrendPoint]:
    """Long table indicator × year over the given reports, oldest first; newest report wins per year.

    Reports of different units (organisation + unit from the metadata) are followed separately —
    Vuxensektionen's "Lex Sarah" is not Familjesektionen's — while a report whose unit is unknown
    joins whichever series it aligns with. ``figure`` is a regular expression on the label.
    """
    ordered = sorted(docs, key=lambda d: (_report_year(d), d.source.path))
    pattern = re.compile(figure, re.I) if figure else None
    series: list[_Series] = []
    for doc in ordered:
        unit_key = _unit_key(doc)
        inds = [i for i in indicators(doc) if pattern is None or pattern.search(i.label)]
        candidates = [s for s in series if _compatible(s.unit_key, unit_key)]
        matches, _, only_new = align([s.head for s in candidates], inds, match_threshold)
        by_head = {id(s.head): s for s in candidates}
        targets = [(m.new, by_head[id(m.old)]) for m in matches]
        for ind in only_new:
            fresh = _Series(ind, unit_key, {})
            series.append(fresh)
            targets.append((ind, fresh))
        for ind, ser in targets:
            ser.head = ind  # align the next report with the newest wording
            ser.unit_key = _merge(ser.unit_key, unit_key)
            for year, value in ind.values.items():
                prev = ser.points.get(year)
                note = ind.notes.get(year)
                if prev is not None and prev.period_note is None and note is not None:
                    continue  # a whole year's value is not replaced by a part of that year
                # A part year then the whole year is the year completed, not a restatement.
                restated = prev is not None and prev.period_note == note and abs(prev.value - value) > 1e-9
                # A later report that repeats the newest value keeps the note of the earlier restatement.
                earlier = (prev.value, prev.source) if restated and prev else (
                    (prev.restated_from, prev.restated_in) if prev else (None, None))  # fmt: skip
                ser.points[year] = TrendPoint(
                    indicator=ind.label, column=ind.column, unit=ind.unit, year=year, value=value,
                    source=doc.source.path, restated_from=earlier[0], restated_in=earlier[1],
                    context=ind.context, organisation=doc.metadata.organisation, report_unit=doc.metadata.unit,
                    period_note=note,
                )  # fmt: skip
    out = []
    for n, ser in enumerate(series):
        for p in sorted(ser.points.values(), key=lambda p: p.year):
            p.series = n
            out.append(p)
    return out


def drawable_series(points: list[TrendPoint]) -> list[list[TrendPoint]]:
    """The series with two or more years (one year is no trend), each sorted by year."""
    series: dict[int, list[TrendPoint]] = {}
    for p in points:
        series.setdefault(p.series, []).append(p)
    return [sorted(v, key=lambda p: p.year) for v in series.values() if len({p.year for p in v}) >= 2]
