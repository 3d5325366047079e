"""One small-multiple chart as inline SVG: a line over the years, a point per value, axis labels.

Written by hand rather than drawn with matplotlib: a few hundred bytes per chart, text that stays
text (searchable, selectable, printed sharp), number formats of the page's language, and no
dependency on a plotting stack in a page that must open anywhere.
"""

from __future__ import annotations

import math

from .markup import attrs, basename, esc
from .series import Series
from .texts import Words

WIDTH, HEIGHT = 300, 150
LEFT, RIGHT, TOP, BOTTOM = 58, 14, 14, 26


def ticks(lo: float, hi: float, integer: bool) -> list[float]:
    """Three to five round axis values covering lo..hi (1, 2 or 5 times a power of ten apart); whole
    steps for counts, so an axis of complaints never reads "0,8"."""
    if hi - lo < 1e-9:
        pad = 1.0 if integer else (abs(hi) * 0.1 or 1.0)
        lo, hi = lo - pad, hi + pad
        if lo < 0 <= lo + pad:
            lo, hi = 0.0, hi + pad  # a count does not go below zero
    raw = (hi - lo) / 3
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if integer:
        step = max(1.0, round(step))
    first = math.floor(lo / step) * step
    out = []
    value = first
    while value < hi + step * 0.999:
        out.append(round(value, 10))
        value += step
    return out


def chart(series: Series, w: Words, chart_id: str) -> str:
    pts = series.points
    years = [p.year for p in pts]
    values = [p.value for p in pts]
    olds = [p.restated_from for p in pts if p.restated_from is not None]
    every = values + olds
    axis = ticks(min(every), max(every), all(float(v).is_integer() for v in every))
    lo, hi = axis[0], axis[-1]
    y0, y1 = min(years), max(years)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (plot_w * (year - y0) / (y1 - y0) if y1 > y0 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - lo) / (hi - lo))

    unit = series.unit
    first, last = pts[0], pts[-1]
    desc = w.fmt("series_desc", first=w.number(first.value, unit), y0=first.year,
                 last=w.number(last.value, unit), y1=last.year)  # fmt: skip
    out = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img"'
        f' aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{esc(series.title)}</title><desc id="{chart_id}-d">{esc(desc)}</desc>',
    ]
    for value in axis:
        gy = y(value)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{gy:.1f}" x2="{WIDTH - RIGHT}" y2="{gy:.1f}"/>')
        out.append(f'<text class="ylab" x="{LEFT - 6}" y="{gy + 4:.1f}">{esc(w.number(value, unit))}</text>')
    step = 1 if len(years) <= 8 else 2
    for i, year in enumerate(years):
        if i % step == 0 or year == y1:
            out.append(f'<text class="xlab" x="{x(year):.1f}" y="{HEIGHT - 8}">{year}</text>')
    line = " ".join(f"{x(p.year):.1f},{y(p.value):.1f}" for p in pts)
    out.append(f'<polyline class="line" points="{line}"/>')
    for p in pts:
        tip = f"{p.year}: {w.number(p.value, unit)}"
        cls = "pt"
        if p.year in series.part_year:
            cls += " part"
            tip += " — " + w.fmt("part_year_note", note=series.part_year[p.year])
        if p.restated_from is not None:
            old = w.number(p.restated_from, unit)
            note = w.fmt("restated_note", old=old, source=basename(p.restated_in or ""))
            ox, oy = x(p.year), y(p.restated_from)
            out.append(f'<path class="restated" d="M{ox - 4:.1f},{oy - 4:.1f}l8,8m0,-8l-8,8">'
                       f"<title>{esc(f'{p.year}: {note}')}</title></path>")  # fmt: skip
            tip += f" ({note})"
        out.append(f'<circle{attrs(class_=cls)} cx="{x(p.year):.1f}" cy="{y(p.value):.1f}" r="3.5">'
                   f"<title>{esc(tip)}</title></circle>")  # fmt: skip
    out.append("</svg>")
    return "".join(out)
