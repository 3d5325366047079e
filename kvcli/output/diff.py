"""Formatters for ``diff`` and ``trend``: table (tabulate), markdown, csv, json; xlsx via export.

Human formats mark rows the way daff does: ``+++`` only in NEW, ``---`` only in OLD,
``->`` a changed value (and a renamed label: "old -> new"); ``!`` flags a change beyond
the threshold.

Cells are masked before the table is laid out: the terminal table wraps long cells, and a number
split over two lines could no longer be recognised afterwards. The whole text is masked again at the end.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import TYPE_CHECKING

from tabulate import tabulate

from ..compare.diff import DiffResult, DiffRow
from ..compare.trend import TrendPoint
from ..numbers import format_number
from .safe import mask_output, masked_json, safe_path, safe_text, with_path_bytes

if TYPE_CHECKING:
    import pandas as pd

MARK = {"added": "+++", "removed": "---", "changed": "->", "same": ""}


def _num(v: float | None) -> str:
    return "" if v is None else format_number(v)


def _label(r: DiffRow) -> str:
    if r.renamed and r.old_label and r.new_label:
        return f"{r.old_label} -> {r.new_label}"
    return r.indicator + (f" ({r.column})" if r.column else "")


def _year(year: int | None, note: str | None) -> str:
    """ "2015 (tom 150918)": a part-year value says so where its year is shown."""
    return "" if year is None else f"{year} ({note})" if note else str(year)


def _changed(r: DiffRow) -> bool:
    return r.status != "same" or r.renamed or r.flagged


_WORDS = {"changed": ("ändrad", "ändrade"), "added": ("tillagd", "tillagda"),
          "removed": ("borttagen", "borttagna"), "same": ("oförändrad", "oförändrade")}  # fmt: skip


def _count(n: int, status: str) -> str:
    one, many = _WORDS[status]
    return f"{n} {one if n == 1 else many}"


def diff_summary(res: DiffResult, hidden: int = 0) -> str:
    """One line: how many indicators were compared and what happened to them."""
    n = len(res.rows)
    parts = [_count(sum(1 for r in res.rows if r.status == s), s) for s in _WORDS]
    renamed = sum(1 for r in res.rows if r.renamed)
    line = f"{n} {'rad' if n == 1 else 'rader'}: " + ", ".join(parts)
    if renamed:
        line += f" ({renamed} med ny benämning)"
    if hidden:
        line += f"; {_count(hidden, 'same')} visas med --all"
    return line


def diff_table(res: DiffResult, fmt: str = "simple", show_all: bool = False) -> str:
    """The diff for people: only what changed (added, removed, changed or renamed) unless ``show_all``."""
    rows = []
    shown = res.rows if show_all else [r for r in res.rows if _changed(r)]
    for r in shown:
        period = (
            f"{_year(r.old_period, r.old_note)}->{_year(r.new_period, r.new_note)}"
            if (r.old_period, r.old_note) != (r.new_period, r.new_note)
            else _year(r.old_period, r.old_note)
        )
        pct = "" if r.change_pct is None else f"{r.change_pct:+.1f} %".replace(".", ",")
        rows.append([("!" if r.flagged else "") + MARK[r.status], _label(r), period, _num(r.old), _num(r.new), pct,
                     r.new_context or r.old_context])  # fmt: skip
    headers = ["@@", "indikator", "år", "gammal", "ny", "ändring", "tabell/avsnitt"]
    out = [
        f"--- {safe_path(res.old_path)}",
        f"+++ {safe_path(res.new_path)}",
        f"(jämförelse per {'år' if res.by == 'year' else 'enhet/avsnitt'})",
        "",
    ]
    # Long labels and captions wrap in the terminal; markdown keeps one line per row.
    widths = [None, 50, None, None, None, None, 40] if fmt == "simple" else None
    if rows:
        out.append(
            tabulate(_cells(rows), headers=headers, tablefmt=fmt, disable_numparse=True, maxcolwidths=widths)
        )
    else:
        out.append("Inga ändrade nyckeltal.")
    if res.renames:
        out.append("")
        out.append("Omdöpta/flyttade:")
        out += [f"  {x.kind}: {x.old} -> {x.new} ({x.figures} nyckeltal)" for x in res.renames]
    if res.restatements:
        out.append("")
        out.append("Omräknade värden (samma år, olika värde i rapporterna):")
        out += [f"  {x.indicator} {x.period}: {_num(x.old)} -> {_num(x.new)}" for x in res.restatements]
    flagged = len(res.flagged)
    if res.threshold is not None:
        out.append("")
        out.append(f"{flagged} förändring{'ar' if flagged != 1 else ''} över {res.threshold:g} %")
    out.append("")
    hidden = len(res.rows) - len(shown)
    out.append(diff_summary(res, hidden))
    return safe_text("\n".join(out))


def _cells(rows: list[list[str]]) -> list[list[str]]:
    return [[safe_text(c) for c in row] for row in rows]


def diff_csv(res: DiffResult) -> str:
    buf = io.StringIO()
    fields = list(asdict(res.rows[0]).keys()) if res.rows else ["indicator"]
    w = csv.DictWriter(buf, fieldnames=["marker", *fields])
    w.writeheader()
    for r in res.rows:
        w.writerow(mask_output({"marker": MARK[r.status], **asdict(r)}))
    return mask_output(buf.getvalue())


def diff_json(res: DiffResult) -> str:
    d = with_path_bytes(with_path_bytes(res.to_dict(), "old"), "new")
    return masked_json(d)


def trend_table(points: list[TrendPoint], fmt: str = "simple") -> str:
    """One row per followed series, one column per year; ``*`` marks a value an older report gave
    differently. When two series share a label (two tables, two units) their table and unit say which."""
    years = sorted({p.year for p in points})
    series: dict[int, dict[int, TrendPoint]] = {}
    for p in points:
        series.setdefault(p.series, {})[p.year] = p
    names: dict[int, str] = {}
    for sid, by_year in series.items():
        last = by_year[max(by_year)]
        names[sid] = last.indicator + (f" ({last.column})" if last.column else "")
        if last.unit and last.unit not in names[sid]:
            names[sid] += f" [{last.unit}]"  # "5,53" alone does not say it is a percentage
    units = {p.report_unit for p in points if p.report_unit}
    unit_of = {sid: by_year[max(by_year)].report_unit for sid, by_year in series.items()}
    seen = [(names[sid], unit_of[sid]) for sid in series]
    clash = {key for key in seen if seen.count(key) > 1}
    rows = []
    for sid, by_year in series.items():
        last = by_year[max(by_year)]
        name = names[sid]
        if (name, unit_of[sid]) in clash:
            name += f" [{last.context}]" if last.context else ""
        cells = []
        for y in years:
            point = by_year.get(y)
            cells.append(
                ""
                if point is None
                else _num(point.value)
                + (f" ({point.period_note})" if point.period_note else "")
                + (" *" if point.restated_from is not None else "")
            )
        lead = [name, last.report_unit or ""] if len(units) > 1 else [name]
        rows.append([*lead, *cells])
    headers = ["indikator", "enhet"] if len(units) > 1 else ["indikator"]
    # Long labels wrap in the terminal table (Växjö's run to 120 characters); markdown keeps one line per row.
    widths = [60] + [None] * (len(headers) - 1 + len(years)) if fmt == "simple" else None
    text = tabulate(_cells(rows), headers=[*headers, *map(str, years)], tablefmt=fmt, disable_numparse=True,
                    maxcolwidths=widths)  # fmt: skip
    restated = [p for p in points if p.restated_from is not None]
    if restated:
        text += "\n\n* omräknat: " + "; ".join(
            f"{p.indicator} {p.year}: {_num(p.restated_from)} i {safe_path(p.restated_in or '')}, "
            f"{_num(p.value)} i {safe_path(p.source)}"
            for p in restated
        )
    return safe_text(text)


def trend_frame(points: list[TrendPoint]) -> pd.DataFrame:
    """The points as written to csv/json: masked, the report paths (``source``, ``restated_in``) in their
    safe form, with ``source_bytes``/``restated_in_bytes`` where that had to escape the name."""
    import pandas as pd

    rows = [with_path_bytes(with_path_bytes(dict(p.__dict__), "source"), "restated_in") for p in points]
    return mask_output(pd.DataFrame(rows))


def render_diff(res: DiffResult, fmt: str, show_all: bool = False) -> str:
    """``kvcli diff`` in a text format: table (what changed, unless ``show_all``), markdown, csv or json."""
    if fmt == "json":
        return diff_json(res)
    if fmt == "csv":
        return diff_csv(res).rstrip("\n")
    return diff_table(res, "github" if fmt == "markdown" else "simple", show_all=show_all)


def render_trend(points: list[TrendPoint], fmt: str) -> str:
    """``kvcli trend`` as a table (markdown too) or as the long csv/json table, masked like every output."""
    if fmt in ("csv", "json"):
        df = trend_frame(points)
        text = df.to_csv(index=False).rstrip("\n") if fmt == "csv" else df.to_json(orient="records", force_ascii=False, indent=2)
        return mask_output(text)
    return trend_table(points, "github" if fmt == "markdown" else "simple")
