"""Align key figures across reports: the same indicator under a reworded label, in another chapter.

Reports rename rows from year to year ("Antal avslagsbeslut" → "Avslagsbeslut, antal"),
inflect them ("avslagsbeslutet"), add units and numbering. An indicator key is built
from the label with all of that normalised away (case, numbering, units, Swedish
suffixes, word order); candidates are scored with rapidfuzz on label, column and
context, and assigned one-to-one, best score first. What finds no partner is
reported, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .model import Document

_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
_UNIT_WORDS = {
    "antal",
    "st",
    "tkr",
    "kr",
    "mkr",
    "procent",
    "andel",
    "%",
    "dagar",
    "personer",
    "i",
    "av",
    "för",
    "och",
}
# Plural and definite endings only: single letters ("-t", "-n", "-s") would cut base forms too.
_SUFFIXES = sorted(["arna", "erna", "orna", "ande", "ende", "ens", "ets", "ar", "er", "or", "en", "et", "na"],
                   key=len, reverse=True)  # fmt: skip
_WORD_RE = re.compile(r"[\wåäö]+", re.I)
DEFAULT_THRESHOLD = 72.0
_GENERIC = {"", "totalt", "total", "summa", "sum", "övrigt", "annat", "samtliga", "alla", "varav"}


def stem(word: str) -> str:
    w = word.casefold()
    for suf in _SUFFIXES:
        if len(w) - len(suf) >= 4 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def normalise_label(label: str) -> str:
    """A stable, order-free key: "Avslagsbeslut, antal" and "Antal avslagsbeslut" give the same key."""
    s = label.casefold()
    s = re.sub(r"^\s*(\d+(\.\d+)*\.?|[a-z]\.|[-–•])\s+", "", s)
    s = _YEAR_RE.sub(" ", s)
    words = [stem(w) for w in _WORD_RE.findall(s) if w not in _UNIT_WORDS]
    return " ".join(sorted(words))


def strip_year(column: str) -> str:
    return re.sub(r"\s+", " ", _YEAR_RE.sub(" ", column)).strip()


@dataclass
class Indicator:
    """One indicator in one report: values by year, and where it stands."""

    label: str
    column: str  # the column header without its year ("Inledda", "Enhet"; "" for year columns)
    unit: str | None
    context: str  # table caption or section title
    section: str  # section title
    values: dict[int, float] = field(default_factory=dict)
    pages: dict[int, int | None] = field(default_factory=dict)
    table_signature: str = ""  # the table's row labels and year-less headers: who its neighbours are

    @property
    def key(self) -> str:
        return normalise_label(self.label) + ("|" + normalise_label(self.column) if self.column else "")


def indicators(doc: Document) -> list[Indicator]:
    """Group a document's figures into indicators (label × year-less column) with a value per year."""
    default_year = doc.metadata.period.end if doc.metadata.period else None
    sections = {s.id: s for s in doc.sections}
    captions = {t.id: t.caption or "" for t in doc.tables}
    signatures = {
        t.id: " ".join(sorted({normalise_label(r[0]) for r in t.rows if r} | {normalise_label(strip_year(h)) for h in (t.header[-1] if t.header else [])}))
        for t in doc.tables
    }  # fmt: skip
    out: dict[tuple[str, str, str | None], Indicator] = {}
    for f in doc.figures:
        year = f.period if f.period is not None else default_year
        if year is None:
            continue
        column = strip_year(f.column) if f.column != f.label else ""
        sec = sections.get(f.section_id)
        context = captions.get(f.table_id or "", "") or (sec.title if sec else "")
        k = (f.label, column, f.table_id or f.section_id)
        ind = out.get(k)
        if ind is None:
            ind = out[k] = Indicator(f.label, column, f.unit, context, sec.title if sec else "",
                                     table_signature=signatures.get(f.table_id or "", ""))  # fmt: skip
        ind.values.setdefault(year, f.value)
        ind.pages.setdefault(year, f.page)
    return list(out.values())


def score(a: Indicator, b: Indicator) -> float:
    label = fuzz.token_set_ratio(normalise_label(a.label), normalise_label(b.label))
    if normalise_label(a.label) == normalise_label(b.label):
        label = 100.0
    column = (
        100.0
        if normalise_label(a.column) == normalise_label(b.column)
        else fuzz.ratio(a.column.casefold(), b.column.casefold())
    )
    context = (
        fuzz.token_set_ratio(a.context.casefold(), b.context.casefold()) if a.context and b.context else 50.0
    )
    if normalise_label(a.label) in _GENERIC or normalise_label(b.label) in _GENERIC:
        # "Totalt", "Summa", "Övrigt" say nothing alone: the table they close decides.
        neighbours = (
            fuzz.token_set_ratio(a.table_signature, b.table_signature)
            if a.table_signature and b.table_signature
            else context
        )
        s = 0.4 * label + 0.2 * column + 0.4 * neighbours
    else:
        s = 0.7 * label + 0.2 * column + 0.1 * context
    if a.unit != b.unit and a.unit and b.unit:
        s -= 15  # a share and a count are not the same indicator
    return float(s)


@dataclass
class Match:
    old: Indicator
    new: Indicator
    score: float


def align(
    old: list[Indicator], new: list[Indicator], threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[Match], list[Indicator], list[Indicator]]:
    """One-to-one assignment, best score first; returns (matches, only in old, only in new)."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    matches = []
    # Identical keys that occur once on each side are the same indicator: no need to score them
    # against everything else (this keeps trend over many reports from going quadratic).
    keys_old: dict[str, list[int]] = {}
    keys_new: dict[str, list[int]] = {}
    for i, a in enumerate(old):
        keys_old.setdefault(a.key, []).append(i)
    for j, b in enumerate(new):
        keys_new.setdefault(b.key, []).append(j)
    for key, (i, *more_i) in keys_old.items():
        js = keys_new.get(key, [])
        if (
            not more_i
            and len(js) == 1
            and normalise_label(old[i].label) not in _GENERIC
            and old[i].unit == new[js[0]].unit
        ):
            used_old.add(i)
            used_new.add(js[0])
            matches.append(Match(old[i], new[js[0]], 100.0))
    pairs = []
    for i, a in enumerate(old):
        if i in used_old:
            continue
        for j, b in enumerate(new):
            if j in used_new:
                continue
            s = score(a, b)
            if s >= threshold:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    for s, i, j in pairs:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        matches.append(Match(old[i], new[j], s))
    only_old = [a for i, a in enumerate(old) if i not in used_old]
    only_new = [b for j, b in enumerate(new) if j not in used_new]
    return matches, only_old, only_new
