"""Which key-figure series the page draws: those several reports share, with two or more years.

An archive of a few hundred reports has hundreds of followed indicators; a page of all of them is
a page nobody reads. So: complaints, deviations and lex Sarah first (what a nämnd asks about), then
the indicators the most reports give, then the longest; every unit gets its share before any unit
gets more (at least ``PER_UNIT``, more when the units are few), and the page says how many it left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...compare.trend import TrendPoint, drawable_series, trend
from ...model import Document
from .model import swedish_key

MAX_SERIES = 48
PER_UNIT = 6
_TOPIC_RE = re.compile(r"klagom|synpunkt|avvikels|lex\s*sarah|lex\s*maria|missförhåll", re.I)
# A year column that covers part of the year: "2015 (tom 150918)", "2016 t.o.m. augusti", "jan–jun 2014",
# "2015 per 31/8" — but not "Kostnad per dygn", so "per" only before a date.
_PART_YEAR_RE = re.compile(
    r"\b(?:t\.?\s?o\.?\s?m\.?|tom|per(?=\s+\d)|jan(?:uari)?|feb(?:ruari)?|mars|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?|"
    r"sept?(?:ember)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|delår|halvår|tertial|kvartal)\b",
    re.I,
)
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass
class Series:
    indicator: str
    column: str
    unit: str | None  # of measure
    organisation: str | None
    report_unit: str | None
    points: list[TrendPoint]
    reports: int  # how many reports (not renditions) give it
    part_year: dict[int, str] = field(default_factory=dict)  # year -> the column that says so

    @property
    def title(self) -> str:
        return f"{self.indicator} – {self.column}" if self.column else self.indicator


@dataclass
class SeriesChoice:
    shown: list[Series]
    total: int  # drawable series in the archive


def _fingerprint(doc: Document) -> tuple[object, ...]:
    md = doc.metadata
    period = (md.period.start, md.period.end) if md.period else None
    # repr: periods and units may be None, which do not sort against numbers and strings
    figures = sorted(repr((f.label, f.column, f.value, f.period, f.unit)) for f in doc.figures)
    return (md.organisation, md.unit, period, tuple(figures))


def distinct_documents(docs: list[Document]) -> list[Document]:
    """One document per set of identical figures. The same report as .docx, .pdf and .txt, or a copy of it,
    adds nothing to a trend but the cost of aligning it again (which grows with every report of a unit).
    The one kept is the one ``trend`` would have let win: the last by path."""
    best: dict[tuple[object, ...], Document] = {}
    for doc in docs:
        key = _fingerprint(doc)
        if key not in best or doc.source.path > best[key].source.path:
            best[key] = doc
    return list(best.values())


def _unit_key(org: str | None, unit: str | None) -> tuple[str, str]:
    return ((org or "").casefold(), (unit or "").casefold())


def _report_id(doc: Document) -> tuple[object, ...]:
    md = doc.metadata
    if md.period is None:
        return (doc.source.path,)
    return (md.organisation, md.unit, md.period.start, md.period.end)


def _part_years(docs: list[Document]) -> dict[tuple[str, str, int], str]:
    out = {}
    for doc in docs:
        for f in doc.figures:
            if f.period is not None and _PART_YEAR_RE.search(_YEAR_RE.sub(" ", f.column)):
                out[(doc.source.path, f.label.casefold(), f.period)] = f.column
    return out


def choose_series(docs: list[Document], limit: int = MAX_SERIES, per_unit: int = PER_UNIT) -> SeriesChoice:
    distinct = distinct_documents(docs)
    drawable = drawable_series(trend(distinct))
    # label -> the reports that give it, per unit: "several reports share it" counts reports, not files
    giving: dict[tuple[str, str], dict[str, set[tuple[object, ...]]]] = {}
    for doc in docs:
        labels = giving.setdefault(_unit_key(doc.metadata.organisation, doc.metadata.unit), {})
        for f in doc.figures:
            labels.setdefault(f.label.casefold(), set()).add(_report_id(doc))
    part = _part_years(distinct)
    ranked: dict[tuple[str, str], list[tuple[tuple[object, ...], Series]]] = {}
    for order, pts in enumerate(drawable):
        last = pts[-1]
        key = _unit_key(last.organisation, last.report_unit)
        by_label = giving.get(key, {})
        reports: set[tuple[object, ...]] = set()
        for p in pts:
            reports |= by_label.get(p.indicator.casefold(), set())
        s = Series(last.indicator, last.column, last.unit, last.organisation, last.report_unit, pts,
                   max(1, len(reports)))  # fmt: skip
        s.part_year = {p.year: note for p in pts
                       if (note := part.get((p.source, p.indicator.casefold(), p.year)))}  # fmt: skip
        topic = bool(_TOPIC_RE.search(last.indicator) or _TOPIC_RE.search(last.context))
        rank = (not topic, -s.reports, -len(pts), order)
        ranked.setdefault(key, []).append((rank, s))
    # in the heatmap's order: organisation, then unit, the unknown ones last
    units = sorted(ranked, key=lambda k: (not k[0], swedish_key(k[0]), not k[1], swedish_key(k[1])))
    share = max(per_unit, limit // max(1, len(units)))  # a few units may each show more
    queues = [[s for _, s in sorted(ranked[k], key=lambda t: t[0])][:share] for k in units]
    picked: list[Series] = []
    depth = 0
    while len(picked) < limit and any(depth < len(q) for q in queues):
        picked.extend(q[depth] for q in queues if depth < len(q))  # every unit's best before any unit's next
        depth += 1
    picked = picked[:limit]
    keep = {id(s) for s in picked}
    shown = [s for q in queues for s in q if id(s) in keep]  # grouped by unit again, best first
    return SeriesChoice(shown, len(drawable))
