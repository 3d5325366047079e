"""``kvcli trend``: follow indicators over years, across all reports of a unit (or a folder).

Every year column of every report counts (a 2013 report with 2011–2013 columns gives
three years). When two reports give a value for the same indicator and year, the newest
report wins and the other value is kept as a restatement.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .align import DEFAULT_THRESHOLD, Indicator, align, indicators
from .model import Document

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


def _report_year(doc: Document) -> int:
    p = doc.metadata.period
    if p is not None:
        return p.end
    years = [f.period for f in doc.figures if f.period]
    return max(years) if years else 0


def trend(
    docs: Iterable[Document], figure: str | None = None, match_threshold: float = DEFAULT_THRESHOLD
) -> list[TrendPoint]:
    """Long table indicator × year over the given reports, oldest first; newest report wins per year."""
    ordered = sorted(docs, key=lambda d: (_report_year(d), d.source.path))
    pattern = re.compile(figure, re.I) if figure else None
    series: list[tuple[Indicator, dict[int, TrendPoint]]] = []
    for doc in ordered:
        inds = [i for i in indicators(doc) if pattern is None or pattern.search(i.label)]
        matches, _, only_new = align([s for s, _ in series], inds, match_threshold)
        targets = [(m.new, next(p for s, p in series if s is m.old)) for m in matches]
        for ind in only_new:
            points: dict[int, TrendPoint] = {}
            series.append((ind, points))
            targets.append((ind, points))
        for ind, points in targets:
            for year, value in ind.values.items():
                prev = points.get(year)
                restated = prev is not None and abs(prev.value - value) > 1e-9
                points[year] = TrendPoint(
                    indicator=ind.label, column=ind.column, unit=ind.unit, year=year, value=value,
                    source=doc.source.path, restated_from=prev.value if restated and prev else None,
                    restated_in=prev.source if restated and prev else None,
                )  # fmt: skip
    out = [p for _, points in series for p in sorted(points.values(), key=lambda p: p.year)]
    return out


def trend_frame(points: list[TrendPoint]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([p.__dict__ for p in points])


def plot(points: list[TrendPoint], path: str | os.PathLike[str], max_panels: int = 12) -> int:
    """Small multiples, one per indicator with two or more years; returns the number of panels drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    series: dict[tuple[str, str], list[TrendPoint]] = {}
    for p in points:
        series.setdefault((p.indicator, p.column), []).append(p)
    drawable = [
        (k, sorted(v, key=lambda p: p.year)) for k, v in series.items() if len({p.year for p in v}) >= 2
    ]
    drawable = drawable[:max_panels]
    n = max(1, len(drawable))
    cols = 1 if n == 1 else 2 if n <= 4 else 3
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(5.2 * cols, 3.3 * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.axis("off")
    for ax, ((label, column), pts) in zip(axes.flat, drawable):
        years = [p.year for p in pts]
        values = [p.value for p in pts]
        ax.plot(years, values, marker="o", color="#1f5f8b", linewidth=2)
        for p in pts:
            ax.annotate(_sv(p.value, p.unit), (p.year, p.value), textcoords="offset points", xytext=(0, 7),
                        ha="center", fontsize=8)  # fmt: skip
            if p.restated_from is not None:
                ax.plot([p.year], [p.restated_from], marker="x", color="#c0392b", linestyle="none")
        title = label if not column else f"{label} – {column}"
        ax.set_title("\n".join(_wrap(title, 45)), fontsize=9)
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], fontsize=8)
        ax.tick_params(axis="y", labelsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _sv(v, None)))  # "1 650", "5,4"
        ax.margins(x=0.12, y=0.18)
        ax.grid(alpha=0.3)
        if pts[0].unit:
            ax.set_ylabel(pts[0].unit, fontsize=8)
    if not drawable:
        axes.flat[0].text(0.5, 0.5, "Inga nyckeltal med minst två år", ha="center", va="center")
    fig.suptitle("Nyckeltal över tid (× = tidigare rapporterat värde)", fontsize=11)
    fig.tight_layout()
    fig.savefig(os.fspath(path), dpi=110)
    plt.close(fig)
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
    return lines[:3]
