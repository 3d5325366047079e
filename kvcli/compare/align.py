"""Align key figures across reports: the same indicator under a reworded label, in another chapter.

Reports rename rows from year to year ("Antal avslagsbeslut" → "Avslagsbeslut, antal"),
inflect them ("avslagsbesluten"), add units and numbering, move tables, and turn years
from rows into columns. An indicator key is built from the label with all of that
normalised away (case, numbering, units, function words, Swedish suffixes, word order).

Candidates are scored on three things: the label (rapidfuzz), the column, and the
*affinity* of the two tables they stand in — their neighbouring row labels and their
caption or section title. The affinity is what keeps "Antal svar" of a user survey from
being paired with "Antal svar" of a foster-home survey in another unit's report, and
"Kvinnor" of one table from "Kvinnor" of another. Pairs are assigned one-to-one, best
score first. What finds no partner is reported, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import Document

DEFAULT_THRESHOLD = 75.0  # the middle of the band (71–80) where every hand-made pair aligns perfectly (bench/bench_align.py --sweep)

_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")
_WORD_RE = re.compile(r"[\wåäö]+", re.I)
_NUMBERING_RE = re.compile(r"^\s*(\d+(\.\d+)*\.?|[a-zåäö]\.|[-–•])\s+", re.I)
# Words that carry no identity: units and quantifiers ("Antal x" = "x, antal" = "x (st)") and function words.
# Negations ("ej", "inte", "utan") are NOT here: "Avslutade utan insats" is not "Avslutade med insats".
_NOISE = {
    "antal", "st", "tkr", "kr", "mkr", "procent", "andel", "dagar", "personer",
    "i", "av", "för", "och", "till", "via", "med", "per", "som", "på", "om", "vid", "från", "inom",
    "under", "efter", "den", "det", "de", "en", "ett", "varav",
}  # fmt: skip
# Labels that say nothing alone ("Totalt", "Summa"): only the table they close can place them.
_GENERIC = {"", "totalt", "total", "summa", "sum", "övrigt", "övrig", "annat", "samtlig", "alla", "varav"}
# Qualifiers a year column header may carry ("2015 (tom 150918)", "2015 t.o.m. augusti"): they date the
# value, they do not make it another indicator.
_PERIOD_NOTE_RE = re.compile(
    r"\(\s*(t\.?\s*o\.?\s*m\.?|tom|per|jan|t\.?\s*o\.?\s*m)?[^()]*\d[^()]*\)|\bt\.?o\.?m\.?\b.*$", re.I
)

# --- Swedish stemming -----------------------------------------------------------------------------------
# A compact form of the Snowball Swedish stemmer (its three steps, R1 region included), so that
# "öppenvården", "personalkostnader" and "överklagandet" meet "öppenvård", "personalkostnad" and
# "överklagande". Both sides are stemmed the same way, so over-stemming is harmless; under-stemming
# only costs a little fuzzy score.
_VOWELS = set("aeiouyäåö")
_STEP1 = sorted(
    "a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ar er heter or as arnas "
    "ernas ornas es ades andes ens arens hetens erns at andet het ast et".split(),
    key=len,
    reverse=True,
)
_S_ENDING = set("bcdfghjklmnoprtvy")
_STEP2 = ("dd", "gd", "nn", "dt", "gt", "kt", "tt")


def _r1(word: str) -> int:
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            return max(3, i + 1)
    return len(word)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Swedish stem of one word (lower-cased).

    Applied until nothing changes (at most three rounds): one Snowball pass takes "kostnader" to
    "kostnad" but "kostnad" to "kostn", so singular and plural would part ways.
    """
    w = word.casefold()
    for _ in range(3):
        nxt = _stem_once(w)
        if nxt == w:
            break
        w = nxt
    return w


def _stem_once(w: str) -> str:
    r1 = _r1(w)
    for suf in _STEP1:
        if w.endswith(suf) and len(w) - len(suf) >= r1:
            w = w[: -len(suf)]
            break
    else:
        if w.endswith("s") and len(w) - 1 >= r1 and len(w) > 1 and w[-2] in _S_ENDING:
            w = w[:-1]
    if any(w.endswith(d) for d in _STEP2) and len(w) - 1 >= r1:
        w = w[:-1]
    for suf, repl in (("fullt", "full"), ("löst", "lös"), ("lig", ""), ("els", ""), ("ig", "")):
        if w.endswith(suf) and len(w) - len(suf) >= r1:
            w = w[: -len(suf)] + repl
            break
    return w


@lru_cache(maxsize=1 << 14)  # trend scores every label against every other: tokenise each once
def tokens(label: str) -> tuple[str, ...]:
    """The identity-bearing word stems of a label, in order."""
    s = _NUMBERING_RE.sub("", label.casefold())
    s = _YEAR_RE.sub(" ", s)
    return tuple(stem(w) for w in _WORD_RE.findall(s) if w not in _NOISE)


def normalise_label(label: str) -> str:
    """A stable, order-free key: "Avslagsbeslut, antal" and "Antal avslagsbeslut" give the same key."""
    return " ".join(sorted(tokens(label)))


def strip_year(column: str) -> str:
    """A year column header without its year and period note: "2015 (tom 150918)" → ""."""
    if not _YEAR_RE.search(column):
        return re.sub(r"\s+", " ", column).strip()
    s = _YEAR_RE.sub(" ", column)
    s = _PERIOD_NOTE_RE.sub(" ", s)
    return re.sub(r"\s+", " ", s).strip(" -–:,")


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
    group: str = ""  # the table (or, for inline figures, the section) it stands in, unique across reports
    neighbours: frozenset[str] = frozenset()  # word stems of every label and column of that group
    # A part-year value's qualifier by year ("tom 150918"): not comparable with a whole year's value.
    notes: dict[int, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return normalise_label(self.label) + ("|" + normalise_label(self.column) if self.column else "")


def indicators(doc: Document) -> list[Indicator]:
    """Group a document's figures into indicators (label × year-less column) with a value per year."""
    default_year = doc.metadata.period.end if doc.metadata.period else None
    sections = {s.id: s for s in doc.sections}
    captions = {t.id: t.caption or "" for t in doc.tables}
    out: dict[tuple[str, str, str], Indicator] = {}
    neighbours: dict[str, set[str]] = {}
    for f in doc.figures:
        year = f.period if f.period is not None else default_year
        if year is None:
            continue
        # Years as rows give label == column ("Lex Sarah" under "Lex Sarah"): no separate column then.
        column = strip_year(f.column) if f.column != f.label else ""
        sec = sections.get(f.section_id)
        place = f.table_id or f.section_id
        group = f"{doc.source.path}#{place}"
        context = captions.get(f.table_id or "", "") or (sec.title if sec else "")
        k = (f.label, column, place)
        ind = out.get(k)
        if ind is None:
            ind = out[k] = Indicator(f.label, column, f.unit, context, sec.title if sec else "", group=group)
        if year not in ind.values and f.period_note:
            ind.notes[year] = f.period_note
        ind.values.setdefault(year, f.value)
        ind.pages.setdefault(year, f.page)
        neighbours.setdefault(group, set()).update(tokens(f.label), tokens(column))
    for ind in out.values():
        ind.neighbours = frozenset(neighbours.get(ind.group, ()))
    return list(out.values())


def _set_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """0–100: the mean of Dice and overlap coefficients, so a table that lost a few rows still scores high
    while two tables sharing one word ("svar") do not."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return 50.0 * (2 * common / (len(a) + len(b)) + common / min(len(a), len(b)))


class _Affinity:
    """How likely two groups (tables) are the same table; cached, since every row pair of two tables asks."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str], float] = {}

    def __call__(self, a: Indicator, b: Indicator) -> float:
        k = (a.group, b.group)
        v = self._cache.get(k)
        if v is None:
            rows = _set_similarity(a.neighbours, b.neighbours)
            ta, tb = tokens(a.context), tokens(b.context)
            # Symmetric, unlike labels: a unit's name ("Öppenvårdsenheten") inside a longer caption
            # ("Avslutade insatser Öppenvård") does not make the two the same table.
            ctx = 50.0 * (_coverage(ta, tb) + _coverage(tb, ta)) if ta and tb else 0.0
            # Either signal may carry it (a renamed table keeps its rows, a reworked table its caption);
            # the weaker one still separates look-alike tables ("Kvinnor/Män" in two tables).
            v = self._cache[k] = 0.7 * max(rows, ctx) + 0.3 * min(rows, ctx)
        return v


def _coverage(xs: Sequence[str], ys: Sequence[str]) -> float:
    """Share (by length) of the stems in ``xs`` that ``ys`` also has: equal, nearly equal (a stem the
    stemmer missed), or inside a compound ("familjehem" in "familjehemsplacering", and the reverse)."""
    total = 0.0
    got = 0.0
    for x in xs:
        weight = max(len(x), 4) if x.isdigit() else len(x)  # "14 dagar" vs "30 dagar": numbers count fully
        best = 0.0
        for y in ys:
            if x == y or (len(x) >= 4 and x in y):
                best = 1.0
                break
            r = fuzz.ratio(x, y) / 100
            if r >= 0.85:
                best = max(best, r)
        if best < 1.0:
            parts = sum(len(y) for y in ys if len(y) >= 4 and y in x)
            best = max(best, min(1.0, parts / len(x)))
        total += weight
        got += weight * best
    return got / total if total else 0.0


def _label_score(a: Sequence[str], b: Sequence[str]) -> float:
    """0–100. A label whose words all recur in the other ("Familjehem" / "Placeringar i familjehem") scores
    high; two labels that share one word but each add their own ("Klagomål via e-tjänst" / "Klagomål till
    IVO") do not — plain token-set ratios score both 100."""
    if sorted(a) == sorted(b):
        return 100.0
    ca, cb = _coverage(a, b), _coverage(b, a)
    return 100.0 * (0.7 * max(ca, cb) + 0.3 * min(ca, cb))


# How much of the label score survives in unrelated tables, and the table affinity from which it all does:
# "Totalt"/"Summa" are nothing without their table; a one-word label ("Telefon", "Antal svar",
# "Kvinnor") takes its meaning from it; a specific label ("Antal anmälningar, barn och unga") carries
# its own, so only a near-perfect match of one can cross into an unrelated table.
_FLOOR_KNEE = {"generic": (0.3, 80.0), "one-word": (0.4, 70.0), "specific": (0.6, 60.0)}


def _table_factor(affinity: float, kind: str) -> float:
    """The share of the label score that survives, given how alike the two tables are (0–100).

    The small slope above the knee breaks ties between look-alike tables ("Kvinnor" in two tables).
    """
    floor, knee = _FLOOR_KNEE[kind]
    base = floor + (1.0 - floor) * min(affinity, knee) / knee
    return base * (0.9 + 0.1 * affinity / 100.0)


def _kind(label_tokens: Sequence[str]) -> str:
    if " ".join(sorted(label_tokens)) in _GENERIC:
        return "generic"
    return "specific" if len(set(label_tokens)) >= 2 else "one-word"


def score(a: Indicator, b: Indicator, affinity: _Affinity | None = None) -> float:
    """0–100: label similarity, scaled down by unrelated tables, another column, another unit."""
    ta, tb = tokens(a.label), tokens(b.label)
    label = _label_score(ta, tb)
    # The weaker of the two labels decides how much the table must vouch for the match.
    kinds = {_kind(ta), _kind(tb)}
    kind = next(k for k in ("generic", "one-word", "specific") if k in kinds)
    s = label * _table_factor((affinity or _Affinity())(a, b), kind)
    if a.column or b.column:
        ca, cb = normalise_label(a.column), normalise_label(b.column)
        if ca != cb:
            if a.column and b.column:
                # Two-level headers: "CM (Inledda)" and "CM (Aktuella)" are different indicators.
                s *= 0.5 + 0.5 * fuzz.token_sort_ratio(ca, cb) / 100
            else:
                s *= 0.85  # one report splits the column, the other does not
    if a.unit != b.unit and a.unit and b.unit:
        s *= 0.8  # a share and a count are not the same indicator
    return float(s)


@dataclass
class Match:
    old: Indicator
    new: Indicator
    score: float


def _specific(ind: Indicator) -> bool:
    """A label specific enough to identify an indicator on its own, whatever table it stands in."""
    return _kind(tokens(ind.label)) == "specific"


def align(
    old: list[Indicator], new: list[Indicator], threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[Match], list[Indicator], list[Indicator]]:
    """One-to-one assignment, best score first; returns (matches, only in old, only in new)."""
    used_old: set[int] = set()
    used_new: set[int] = set()
    matches = []
    # A specific label whose key occurs once on each side is the same indicator: no need to score it
    # against everything else (this keeps trend over many reports from going quadratic). One-word
    # labels ("Antal svar", "Telefon") are left to scoring: only their table can tell what they count.
    keys_old: dict[str, list[int]] = {}
    keys_new: dict[str, list[int]] = {}
    for i, a in enumerate(old):
        keys_old.setdefault(a.key, []).append(i)
    for j, b in enumerate(new):
        keys_new.setdefault(b.key, []).append(j)
    for key, (i, *more_i) in keys_old.items():
        js = keys_new.get(key, [])
        if not more_i and len(js) == 1 and _specific(old[i]) and old[i].unit == new[js[0]].unit:
            used_old.add(i)
            used_new.add(js[0])
            matches.append(Match(old[i], new[js[0]], 100.0))
    affinity = _Affinity()
    pairs = []
    for i, a in enumerate(old):
        if i in used_old:
            continue
        for j, b in enumerate(new):
            if j in used_new:
                continue
            s = score(a, b, affinity)
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
