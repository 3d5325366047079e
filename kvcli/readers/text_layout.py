"""Text laid out as on a printed page, as PDF-to-text converters and copies out of a PDF viewer leave it.

Such text has what a report typed as text has not: pages split by form feeds, each opening and
closing with the same running header and footer ("Sida 3 (13)"); and, when the converter kept the
layout, table columns lined up with runs of spaces, numbers right-aligned under their headers. The
reader turns those into what its other texts give: a page for every line, the running lines as page
furniture, and a table's lines as cells (the tab-separated form ``structure`` builds tables from).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..numbers import parse_number

_FURNITURE_DEPTH = 2  # non-blank lines at each end of a page that may be a running header or footer
_FURNITURE_SHARE = 0.4  # of the pages that must repeat a line for it to be furniture
_FURNITURE_MAX_WORDS = 12  # a running head names the report and the page; a line of prose says more
_GAP_RE = re.compile(r"\S {2,}(?=\S)")  # two spaces or more between two pieces of text
LEADERS_RE = re.compile(r"(?:\.\s?){4,}|…{2,}")  # a TOC line's dot leaders
_MAX_CELL_WORDS = 8  # a line of prose has longer stretches between its wide gaps
_MAX_MEAN_CELL_WORDS = 4.0
_HEADER_ABOVE_MAX_WORDS = 3


@dataclass
class Layout:
    pages: list[int]  # the page of each line, from 1
    furniture: set[int] = field(default_factory=set)  # indexes of running header and footer lines
    cells: dict[int, list[str]] = field(default_factory=dict)  # index -> cells, for a table's lines
    # Lines whose words went into another line's cells: a header's first lines into the header row
    # under them, a row label's second line into its row.
    absorbed: set[int] = field(default_factory=set)


def analyse(lines: list[str]) -> Layout | None:
    """What the page layout says about ``lines``, or None when the text shows none (typed text)."""
    pages = _pages(lines)
    furniture = _furniture(lines, pages) if pages[-1] > 1 else set()
    cells, absorbed = _aligned_tables(lines, furniture)
    if pages[-1] == 1 and not cells:
        return None
    return Layout(pages=pages, furniture=furniture, cells=cells, absorbed=absorbed)


def _pages(lines: list[str]) -> list[int]:
    out, page = [], 1
    for ln in lines:
        page += ln.count("\f") if not ln.replace("\f", "").strip() or ln.lstrip(" ").startswith("\f") else 0
        out.append(page)
        if ln.rstrip(" ").endswith("\f") and ln.strip(" \f"):
            page += 1
    return out


def _shape(text: str) -> str:
    """A running line as it repeats from page to page: page numbers and dates differ."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _furniture(lines: list[str], pages: list[int]) -> set[int]:
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.strip(" \f\t"):
            by_page.setdefault(pages[i], []).append(i)
    ends: dict[int, list[int]] = {
        p: idx[:_FURNITURE_DEPTH] + idx[max(_FURNITURE_DEPTH, len(idx) - _FURNITURE_DEPTH):] for p, idx in by_page.items()
    }
    seen: Counter[str] = Counter()
    for idx in ends.values():
        seen.update({_shape(lines[i]) for i in idx if len(lines[i].split()) <= _FURNITURE_MAX_WORDS})
    need = max(2, _FURNITURE_SHARE * len(by_page))
    found = {i for idx in ends.values() for i in idx if seen[_shape(lines[i])] >= need}
    return found | _numbered_ends(lines, pages, by_page, need)


_LEADING_NUMBER_RE = re.compile(r"^\s*(?:sida\s+)?(\d{1,4})\b", re.I)
_TRAILING_NUMBER_RE = re.compile(r"\b(\d{1,4})(?:\s*\(\d+\))?\s*$")


def _numbered_ends(lines: list[str], pages: list[int], by_page: dict[int, list[int]], need: float) -> set[int]:
    """A page's first or last line that carries its page number at an edge ("3   UTVECKLING OCH RESULTAT
    2014   12", "12"), where the running head changes with the chapter: the number keeps step with the
    pages, a chapter's number does not."""
    offsets: dict[int, set[int]] = {}
    for page, idx in by_page.items():
        for i in {idx[0], idx[-1]}:
            if len(lines[i].split()) > _FURNITURE_MAX_WORDS:
                continue
            for pattern in (_LEADING_NUMBER_RE, _TRAILING_NUMBER_RE):
                if m := pattern.search(lines[i]):
                    offsets.setdefault(int(m.group(1)) - page, set()).add(i)
    best = max(offsets.values(), key=len, default=set())
    return best if len(best) >= need else set()


# "1.2    Vår enhet", "–   Samverkan med …": a heading's number or a bullet, spaced from its text.
_SECTION_NUMBER_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[-–•*▪◦·\uf0b7\uf0a7])\s{2,}(?=[^\d\s])")


def _candidate(line: str) -> bool:
    body = _SECTION_NUMBER_RE.sub("", line.strip(" \f"))
    return bool(body) and "\t" not in body and _GAP_RE.search(body) is not None and not LEADERS_RE.search(body)


def _aligned_tables(lines: list[str], furniture: set[int]) -> tuple[dict[int, list[str]], set[int]]:
    cells: dict[int, list[str]] = {}
    absorbed: set[int] = set()
    i = 0
    while i < len(lines):
        if i in furniture or not _candidate(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and j not in furniture and (
            _candidate(lines[j]) or (j + 1 < len(lines) and _cell_wrap(lines[j], lines[j - 1]) and _candidate(lines[j + 1]))
        ):
            j += 1
        above = [i - 1] if i > 0 and i - 1 not in furniture and _header_above(lines[i - 1]) else []
        found = _table(lines, above + list(range(i, j)), len(above))
        if found is not None:
            rows, gone = found
            cells.update(rows)
            absorbed |= gone
        i = j
    return cells, absorbed


def _cell_wrap(line: str, above: str) -> bool:
    """A row label wrapped onto a line of its own, under the row it belongs to: it ends before the
    row's second column begins ("Antal hushåll med … genom arbete,      554      568" over
    "studier eller annan myndighet")."""
    body = line.strip()
    gap = _GAP_RE.search(above.strip(" \f"))
    if not body or _GAP_RE.search(body) or gap is None:
        return False
    second = len(above) - len(above.lstrip(" \f")) + gap.end()
    return len(line.rstrip()) < second and not _numeric(body)


def _header_above(line: str) -> bool:
    """A short label standing alone over one column: the first line of a header that wraps."""
    body = line.strip()
    return bool(body) and len(line) - len(line.lstrip()) >= 4 and len(body.split()) <= _HEADER_ABOVE_MAX_WORDS \
        and not _numeric(body) and _GAP_RE.search(body) is None  # fmt: skip


def _numeric(cell: str) -> bool:
    return parse_number(cell) is not None


def _spans(lines: list[str]) -> list[tuple[int, int]]:
    """Column spans: what lies between runs of two or more columns that are blank on every line."""
    width = max(len(ln) for ln in lines)
    used = [False] * width
    for ln in lines:
        for c, ch in enumerate(ln):
            if ch != " ":
                used[c] = True
    spans: list[tuple[int, int]] = []
    c = 0
    while c < width:
        if not used[c]:
            c += 1
            continue
        start = c
        while c < width and (used[c] or (c + 1 < width and used[c + 1])):
            c += 1  # one blank column is a space inside a cell
        spans.append((start, c))
    return spans


def _table(lines: list[str], source: list[int], above: int) -> tuple[dict[int, list[str]], set[int]] | None:
    """``source``: the lines of a run of aligned lines, after ``above`` label lines standing over it.
    Returns each line's cells, and the lines whose words went into the header row below them."""
    texts = [lines[k].replace("\f", " ").rstrip() for k in source]
    # Years standing over pairs of columns ("2011" over "Inledda  Aktuella"): the columns are the row
    # below's, and each year heads the column it begins in.
    years = 1 if (not above and len(texts) > 2 and _YEARS_RE.fullmatch(texts[0].strip())
                  and not any(_numeric(w) for w in texts[1].split())) else 0  # fmt: skip
    spans = _spans(texts[years:])
    grid = [[ln[a:b].strip() for a, b in spans] for ln in texts[years:]]
    # Numbers stand right-aligned under headers that begin further left: a column that no header row
    # labels belongs to the labelled column before it.
    header: list[list[str]] = []
    for row in grid:
        if any(_numeric(c) for c in row if c):
            break
        header.append(row)
    bounds = [(a, spans[n + 1][0] if n + 1 < len(spans) else 10**6) for n, (a, _) in enumerate(spans)]
    if header and len(header) < len(grid):
        keep = [s for s in range(len(spans)) if s == 0 or any(r[s] for r in header)]
        bounds = [(spans[k][0], spans[keep[n + 1]][0] if n + 1 < len(keep) else 10**6) for n, k in enumerate(keep)]
        grid = [[ln[a:b].strip() for a, b in bounds] for ln in texts[years:]]
    if years:
        grid.insert(0, _placed(texts[0], bounds))
    body = len(texts) - above
    # Justified prose spaces its words apart too, but then every column holds running text; a table's
    # other columns hold figures and short labels (its first column may hold long row labels).
    filled = [c for r in grid[above:] for c in r[1:] if c]
    if above and (len(grid) < 2 or not _continues_header(grid[0], grid[1])):
        return _table(lines, source[above:], 0)  # the label above does not head a column: it stays text
    if len(grid[0]) < 2 or body < 2 or not filled:
        return None
    words = [len(c.split()) for c in filled]
    if max(words) > _MAX_CELL_WORDS or sum(words) / len(words) > _MAX_MEAN_CELL_WORDS:
        return None
    if body == 2 and not any(_numeric(c) for c in filled):
        return None
    # A header row wrapped in its cells ("Antal årsarbetare enligt" over "budget", "Antal" over
    # "överklaganden"): the lower line goes on with the upper one's words, in lower case. The merged row
    # stands on the last of its lines, so that the table's lines stay consecutive.
    first = 0
    while first + 1 < len(grid) and first < above + 2 and _continues_header(grid[first], grid[first + 1]):
        grid[first + 1] = [f"{a} {b}".strip() for a, b in zip(grid[first], grid[first + 1])]
        first += 1
    rows = {source[k]: grid[k] for k in range(first, len(grid))}
    merged = set(source[:first])
    # A row label wrapped onto a line of its own goes on the row above it; a group's label standing
    # over its rows ("Vuxna") does not.
    keys = list(rows)
    last = keys[0] if keys else None
    for b in keys[1:]:
        label, values = rows[b][0], rows[b][1:]
        if last is not None and label and not any(values) and any(rows[last][1:]) and _goes_on(rows[last][0], label):
            rows[last] = [f"{rows[last][0]} {label}", *rows[last][1:]]
            del rows[b]
            merged.add(b)
        else:
            last = b
    return rows, merged


def _goes_on(label: str, more: str) -> bool:
    """A label's second line ("studier eller annan myndighet", "0-12 år", "(Procapita)") goes on with it;
    a line in upper case does only after a label left unfinished ("… genom arbete," "… och")."""
    return not more[:1].isupper() or label.endswith((",", "-", "–")) or label.rsplit(" ", 1)[-1] in _CONNECTORS


_CONNECTORS = {"och", "eller", "samt", "med", "av", "för", "till", "i", "på", "som", "inom", "från"}


_YEAR = r"(?:19|20)\d\d(?:\s?[-–/]\s?(?:19|20)?\d\d)?"
_YEARS_RE = re.compile(rf"{_YEAR}(?:\s{{2,}}{_YEAR})+")


def _placed(line: str, bounds: list[tuple[int, int]]) -> list[str]:
    """The words of a line put in the columns they begin in."""
    row = [""] * len(bounds)
    for m in re.finditer(r"\S+(?: \S+)*", line):
        col = next((c for c, (a, b) in enumerate(bounds) if a <= m.start() < b), len(bounds) - 1)
        row[col] = f"{row[col]} {m.group()}".strip()
    return row


def _continues_header(upper: list[str], lower: list[str]) -> bool:
    if any(_numeric(c) for c in upper + lower if c):
        return False
    under = [b for a, b in zip(upper, lower) if a and b]
    return bool(under) and all(c[:1].islower() for c in under)
