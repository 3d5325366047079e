"""``kvcli diff`` (module ``compare``, so it does not shadow ``kvcli.diff()``): what changed between two reports.

* ``by="year"``: each indicator's latest value in OLD against its latest value in NEW
  (2013 report vs 2014 report);
* ``by="section"``: values for the same years side by side (Vuxensektionen vs
  Familjesektionen, both 2012–2013);
* ``by="auto"``: *section* when the two reports are different units, else *year*.

Aligned indicators whose label changed are shown as renames; indicators in only one
report are listed, never dropped. When the reports give different values for the same
indicator and year — a restatement — that is listed too.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import Document
from .align import DEFAULT_THRESHOLD, Indicator, align, indicators, normalise_label

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class DiffRow:
    indicator: str
    column: str
    old_label: str
    new_label: str
    old_context: str
    new_context: str
    old_period: int | None
    new_period: int | None
    old: float | None
    new: float | None
    change: float | None
    change_pct: float | None
    unit: str | None
    status: str  # "changed" | "same" | "added" | "removed"
    flagged: bool = False
    renamed: bool = False
    score: float | None = None
    # Part-year qualifiers ("tom 150918"): a part-year value is not compared with a whole year's.
    old_note: str | None = None
    new_note: str | None = None


@dataclass
class Restatement:
    indicator: str
    column: str
    period: int
    old: float
    new: float


@dataclass
class Rename:
    kind: str  # "section" | "table"
    old: str
    new: str
    figures: int


@dataclass
class DiffResult:
    old_path: str
    new_path: str
    by: str
    threshold: float | None
    rows: list[DiffRow] = field(default_factory=list)
    restatements: list[Restatement] = field(default_factory=list)
    renames: list[Rename] = field(default_factory=list)

    @property
    def frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame([asdict(r) for r in self.rows])

    @property
    def flagged(self) -> list[DiffRow]:
        return [r for r in self.rows if r.flagged]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "kvcli.diff/1",
            "old": self.old_path,
            "new": self.new_path,
            "by": self.by,
            "threshold": self.threshold,
            "rows": [asdict(r) for r in self.rows],
            "restatements": [asdict(r) for r in self.restatements],
            "renames": [asdict(r) for r in self.renames],
        }


def _auto_by(a: Document, b: Document) -> str:
    ua, ub = (a.metadata.unit or "").casefold(), (b.metadata.unit or "").casefold()
    if ua and ub and ua != ub:
        return "section"
    pa, pb = a.metadata.period, b.metadata.period
    if pa and pb and (pa.start, pa.end) == (pb.start, pb.end):
        return "section"
    return "year"


def diff(old: Document, new: Document, by: str = "auto",
         threshold: float | None = None, thresholds: dict[str, float] | None = None,
         match_threshold: float = DEFAULT_THRESHOLD) -> DiffResult:  # fmt: skip
    """Compare the key figures of two reports. ``threshold`` flags changes beyond this many percent;
    ``thresholds`` overrides it per indicator (regular expression on the label → percent)."""
    a, b = old, new
    if by == "auto":
        by = _auto_by(a, b)
    if by not in ("year", "section"):
        raise ValueError(f"by must be 'year', 'section' or 'auto', not {by!r}")
    ia, ib = indicators(a), indicators(b)
    matches, only_old, only_new = align(ia, ib, match_threshold)
    result = DiffResult(old_path=a.source.path, new_path=b.source.path, by=by, threshold=threshold)
    # Rows in the order the NEW report prints them (added ones in their place), then what was removed
    # in the OLD report's order: the diff reads alongside the new report.
    pos_new = {id(ind): k for k, ind in enumerate(ib)}
    pos_old = {id(ind): k for k, ind in enumerate(ia)}
    matches.sort(key=lambda m: pos_new[id(m.new)])
    only_new.sort(key=lambda i: pos_new[id(i)])
    only_old.sort(key=lambda i: pos_old[id(i)])
    placed: list[tuple[int, list[DiffRow]]] = []
    for m in matches:
        rows = _compare(m.old, m.new, by, _threshold_for(m.new.label, threshold, thresholds), m.score)
        placed.append((pos_new[id(m.new)], rows))
        for year in sorted(set(m.old.values) & set(m.new.values)):
            same_part = m.old.notes.get(year) == m.new.notes.get(year)  # else a part year completed
            if by == "year" and same_part and abs(m.old.values[year] - m.new.values[year]) > 1e-9:
                result.restatements.append(
                    Restatement(m.new.label, m.new.column, year, m.old.values[year], m.new.values[year])
                )
    placed += [(pos_new[id(ind)], [_single(ind, max(ind.values), "added")]) for ind in only_new]
    placed.sort(key=lambda p: p[0])
    result.rows = [r for _, rows in placed for r in rows]
    result.rows += [_single(ind, max(ind.values), "removed") for ind in only_old]
    result.renames = _renames([(m.old, m.new) for m in matches])
    return result


def _threshold_for(label: str, default: float | None, overrides: dict[str, float] | None) -> float | None:
    for pattern, pct in (overrides or {}).items():
        if re.search(pattern, label, re.I):
            return pct
    return default


def _compare(a: Indicator, b: Indicator, by: str, threshold: float | None, score: float) -> list[DiffRow]:
    if by == "year":
        pairs = [(max(a.values), max(b.values))]
    else:
        common = sorted(set(a.values) & set(b.values))
        pairs = [(y, y) for y in common] or [(max(a.values), max(b.values))]
    rows = []
    renamed = normalise_label(a.label) != normalise_label(b.label)
    for ya, yb in pairs:
        old, new = a.values[ya], b.values[yb]
        na, nb = a.notes.get(ya), b.notes.get(yb)
        comparable = na == nb  # two whole years, or the same part of a year
        change: float | None = new - old if comparable else None
        pct = None if change is None or old == 0 else change / abs(old) * 100
        flagged = threshold is not None and change is not None and (
            pct is None and change != 0 or pct is not None and abs(pct) > threshold
        )
        rows.append(DiffRow(
            indicator=b.label, column=b.column, old_label=a.label, new_label=b.label, old_context=a.context,
            new_context=b.context, old_period=ya, new_period=yb, old=old, new=new, change=change,
            change_pct=None if pct is None else round(pct, 2), unit=b.unit or a.unit,
            status="same" if new == old and comparable else "changed", flagged=flagged, renamed=renamed,
            score=round(score, 1), old_note=na, new_note=nb,
        ))  # fmt: skip
    return rows


def _single(ind: Indicator, year: int, status: str) -> DiffRow:
    removed = status == "removed"
    return DiffRow(
        indicator=ind.label, column=ind.column, old_label=ind.label if removed else "", new_label="" if removed else ind.label,
        old_context=ind.context if removed else "", new_context="" if removed else ind.context,
        old_period=year if removed else None, new_period=None if removed else year,
        old=ind.values[year] if removed else None, new=None if removed else ind.values[year],
        change=None, change_pct=None, unit=ind.unit, status=status,
        old_note=ind.notes.get(year) if removed else None, new_note=None if removed else ind.notes.get(year),
    )  # fmt: skip


def _renames(pairs: list[tuple[Indicator, Indicator]]) -> list[Rename]:
    """A section or table whose figures all moved under another title has been renamed (or moved)."""
    out: list[Rename] = []
    for kind, get in (("section", lambda i: i.section), ("table", lambda i: i.context)):
        counts: dict[tuple[str, str], int] = {}
        for a, b in pairs:
            old, new = get(a), get(b)
            if old and new and old != new:
                counts[(old, new)] = counts.get((old, new), 0) + 1
        from_old: dict[str, int] = {}
        for a, _ in pairs:
            from_old[get(a)] = from_old.get(get(a), 0) + 1
        for (old, new), n in sorted(counts.items()):
            if kind == "table" and any(r.kind == "section" and (r.old, r.new) == (old, new) for r in out):
                continue
            # A move is when most of what stood under the old title now stands under the new one.
            if n >= 2 and n * 2 > from_old.get(old, 0):
                out.append(Rename(kind, old, new, n))
    return out
