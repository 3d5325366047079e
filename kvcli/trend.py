"""``kvcli trend``: follow indicators over years, across all reports of a unit (or a folder).

Every year column of every report counts (a 2013 report with 2011–2013 columns gives
three years). When two reports give a value for the same indicator and year, the newest
report wins and the other value is kept as a restatement.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .align import DEFAULT_THRESHOLD, Indicator, align, indicators
from .atomic import write_atomic
from .model import Document
from .output.safe import mask_output, safe_line, with_path_bytes

if TYPE_CHECKING:
    import pandas as pd


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
                restated = prev is not None and abs(prev.value - value) > 1e-9
                # A later report that repeats the newest value keeps the note of the earlier restatement.
                earlier = (prev.value, prev.source) if restated and prev else (
                    (prev.restated_from, prev.restated_in) if prev else (None, None))  # fmt: skip
                ser.points[year] = TrendPoint(
                    indicator=ind.label, column=ind.column, unit=ind.unit, year=year, value=value,
                    source=doc.source.path, restated_from=earlier[0], restated_in=earlier[1],
                    context=ind.context, organisation=doc.metadata.organisation, report_unit=doc.metadata.unit,
                )  # fmt: skip
    out = []
    for n, ser in enumerate(series):
        for p in sorted(ser.points.values(), key=lambda p: p.year):
            p.series = n
            out.append(p)
    return out


def trend_frame(points: list[TrendPoint]) -> pd.DataFrame:
    """The points as written to csv/json: masked, the report paths (``source``, ``restated_in``) in their
    safe form, with ``source_bytes``/``restated_in_bytes`` where that had to escape the name."""
    import pandas as pd

    rows = [with_path_bytes(with_path_bytes(dict(p.__dict__), "source"), "restated_in") for p in points]
    return mask_output(pd.DataFrame(rows))


def drawable_series(points: list[TrendPoint]) -> list[list[TrendPoint]]:
    """The series with two or more years (one year is no trend), each sorted by year."""
    series: dict[int, list[TrendPoint]] = {}
    for p in points:
        series.setdefault(p.series, []).append(p)
    return [sorted(v, key=lambda p: p.year) for v in series.values() if len({p.year for p in v}) >= 2]


def plot(points: list[TrendPoint], path: str | os.PathLike[str], max_panels: int = 12) -> int:
    """Small multiples, one per indicator with two or more years; returns the number of panels drawn
    (at most ``max_panels``: beyond that the charts become unreadable, and the figure says so)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    every = drawable_series(points)
    drawable = every[:max_panels]
    n = max(1, len(drawable))
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 3.3 * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.axis("off")
    units = {p.report_unit for p in points if p.report_unit}
    for ax, pts in zip(axes.flat, drawable):
        years = [p.year for p in pts]
        values = [p.value for p in pts]
        ax.plot(years, values, marker="o", color="#1f5f8b", linewidth=2)
        for p in pts:
            ax.annotate(safe_line(_sv(p.value, p.unit)), (p.year, p.value), textcoords="offset points", xytext=(0, 7),
                        ha="center", fontsize=8)  # fmt: skip
            if p.restated_from is not None:
                ax.plot([p.year], [p.restated_from], marker="x", color="#c0392b", linestyle="none")
        last = pts[-1]
        title = last.indicator if not last.column else f"{last.indicator} – {last.column}"
        if len(units) > 1 and last.report_unit:
            title = f"{title} ({last.report_unit})"  # the same indicator may be followed for several units
        ax.set_title("\n".join(_wrap(safe_line(title), 45)), fontsize=9)
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], fontsize=8)
        ax.tick_params(axis="y", labelsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _sv(v, None)))  # "1 650", "5,4"
        ax.margins(x=0.12, y=0.18)
        if all(float(v).is_integer() for v in values):
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # no "305,8" ticks on a count
            low, high = min(values), max(values)
            if high - low < 2:
                # A flat count (2, 2, 2) would get ticks 1,89 … 2,13: give it whole numbers around it.
                ax.set_ylim(max(0.0, low - 1.5) if low >= 0 else low - 1.5, high + 1.5)
        ax.grid(alpha=0.3)
        if pts[0].unit:
            ax.set_ylabel(safe_line(pts[0].unit), fontsize=8)
    if not drawable:
        axes.flat[0].text(0.5, 0.5, "Inga nyckeltal med minst två år", ha="center", va="center")
    fig.suptitle("Nyckeltal över tid (× = tidigare rapporterat värde)", fontsize=11)
    if len(every) > len(drawable):
        fig.text(0.5, 0.005, f"{len(drawable)} av {len(every)} serier visas — välj med --figure MÖNSTER",
                 ha="center", va="bottom", fontsize=8, color="#555555")  # fmt: skip
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    buf = io.BytesIO()
    fmt = os.fspath(path).rsplit(".", 1)[-1].lower() if "." in os.fspath(path) else "png"
    fig.savefig(buf, dpi=110, format=fmt)
    plt.close(fig)
    write_atomic(path, buf.getvalue())
    return len(drawable)


def _sv(value: float, unit: str | None) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")
    return f"{text} {unit}" if unit else text


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 3:
        lines = lines[:3]
        lines[-1] += " …"
    return lines
