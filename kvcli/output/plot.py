"""``kvcli trend --plot``: the followed indicators as small multiples (PNG or SVG, via matplotlib).

matplotlib is an extra (``pip install 'kvcli[plot]'``): it is imported only when a plot is drawn.
"""

from __future__ import annotations

import io
import os

from ..atomic import write_atomic
from ..compare.trend import TrendPoint, drawable_series
from ..errors import KvcliError
from ..numbers import format_number
from .safe import safe_line


def require() -> None:
    """Fail before any work when plotting is asked for and matplotlib is not installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise KvcliError("drawing a plot needs matplotlib: pip install 'kvcli[plot]'") from None


def plot(points: list[TrendPoint], path: str | os.PathLike[str], max_panels: int = 12) -> int:
    """Small multiples, one per indicator with two or more years; returns the number of panels drawn
    (at most ``max_panels``: beyond that the charts become unreadable, and the figure says so)."""
    require()
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
            ax.annotate(safe_line(format_number(p.value, p.unit)), (p.year, p.value), textcoords="offset points", xytext=(0, 7),
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
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_number(v, None)))  # "1 650", "5,4"
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
