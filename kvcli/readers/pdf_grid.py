"""Tables drawn without vertical rules: columns found in the white space, rows in the lines.

Word processors, LaTeX (booktabs: a rule above, one under the header, one below) and exports that
drop cell borders set a table as lines whose cells are split by wide gaps. A table is a run of
such lines; its columns are where the body's cells stand (the union of their extents); a header
cell that wraps over three lines and a label that wraps under its row are one cell:

* rows are told apart by the line pitch: inside a cell lines follow at the font's own pitch, a
  table whose cells have padding puts more space between rows; without padding (LaTeX) a line
  that fills only columns the row above filled, and reads as the rest of a phrase, continues it;
* the header is what stands above the rule under it, else above the first row of figures, else
  the first row; a header over several lines is one row, unless its lines stand a row apart;
* a line holding only a label, in a table with padded rows, at the table's row pitch, is a row of
  its own with empty figures: templates leave cells empty more often than not.

A run of lines whose last cell is a rising page number along the right margin is a table of
contents, never a table.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from .pdf_layout import Line, Run, join_runs

_GAP_EM = 0.9  # a gap wider than this many em splits a line into cells
_ALIGN = 4.0  # points: a continuation line starts this close to a column's left edge
_NUMERIC_RE = re.compile(r"^[-−+]?\d[\d\s,.]*\s*%?$|^[-*–]$")
_PAGE_NO_RE = re.compile(r"^\d{1,4}$")
_OPTION_RE = re.compile(r"[☐☒□■☑]")
_CONTINUES_RE = re.compile(r"(?:[-/(,]|\b(?:och|eller|samt|av|för|med|som|till|i|på|om|inom|under|vid))$", re.I)

Joiner = Callable[[list[Line]], str]


@dataclass
class Cell:
    x0: float
    x1: float
    text: str
    runs: list[Run]


@dataclass
class GridTable:
    first: int  # index of the first line of the table (header included)
    last: int  # index of its last line
    rows: list[list[str]]
    header_rows: int


def line_cells(line: Line) -> list[Cell]:
    """Split a line at wide gaps into cells; leader dots are not a cell."""
    cells: list[Cell] = []
    cur: list[Run] = []
    for r in line.runs:
        if cur and r.x0 - cur[-1].x1 > _GAP_EM * max(1.0, r.size):
            cells.append(Cell(cur[0].x0, max(x.x1 for x in cur), join_runs(cur), cur))
            cur = []
        if not re.fullmatch(r"[.…\s]+", r.text):
            cur.append(r)
    if cur:
        cells.append(Cell(cur[0].x0, max(x.x1 for x in cur), join_runs(cur), cur))
    return cells


def grid_tables(
    lines: list[Line], rules: list[tuple[float, float, float]], pitch: Callable[[float], float], join: Joiner
) -> list[GridTable]:
    """Tables among a page's lines (in reading order). ``rules`` are the page's horizontal rules,
    ``pitch(size)`` the document's line pitch for a font size, ``join`` joins a cell's lines."""
    cells = [line_cells(ln) for ln in lines]
    tabular = [
        len(c) >= 2 and not _excluded(ln) and not _list_or_prose(c) and not _numbered_heading(ln, c)
        for ln, c in zip(lines, cells)
    ]
    out: list[GridTable] = []
    i = 0
    while i < len(lines):
        if not tabular[i]:
            i += 1
            continue
        t = _grow(lines, cells, tabular, i, rules, pitch, join, out[-1].last + 1 if out else 0)
        if t is None or _amid_toc(lines, t):
            i += 1
            continue
        merged = _header_table_over(lines, cells, out[-1], t, pitch, join) if out else None
        if merged is not None:
            out[-1] = merged
        else:
            out.append(t)
        i = t.last + 1
    return out


def _header_table_over(
    lines: list[Line], cells: list[list[Cell]], head: GridTable, t: GridTable, pitch: Callable[[float], float],
    join: Joiner,
) -> GridTable | None:
    """A header of labels set flush left over figures set flush right shares no column with them, so
    it is grown as a table of its own right above the figures' table: the two are one table when
    nothing stands between them, the header's last row has no figure and the figures' table has
    more columns (its label column, which the header leaves empty)."""
    if t.first != head.last + 1 or any(_NUMERIC_RE.match(c) for c in head.rows[-1] if c):
        return None
    if len(t.rows[0]) <= len(head.rows[0]) or not any(_NUMERIC_RE.match(c) for r in t.rows for c in r[1:] if c):
        return None
    lp = pitch(statistics.median(r.size for c in cells[t.first] for r in c.runs))
    if lines[head.last].y0 - lines[t.first].y0 > 2.0 * lp:
        return None
    built = _build(lines, cells, _Region(head.first, t.last, t.first), [], lp, join)
    if built is None or len(built.rows[0]) != len(t.rows[0]):
        return None  # the header's labels did not find the figures' columns
    return built


def _amid_toc(lines: list[Line], t: GridTable) -> bool:
    """Entries without leader dots among entries with them (LaTeX dots only the lower levels):
    page numbers in the last column, a line with leaders just above or below."""
    pages = [r[-1] for r in t.rows if r[-1]]
    if not pages or not all(_PAGE_NO_RE.match(p) for p in pages):
        return False  # (a long entry wraps: its first line has no page number)
    near = [lines[x] for x in (t.first - 1, t.last + 1) if 0 <= x < len(lines)]
    return any(re.search(r"(?:[.…]\s?){4,}", r.text) for ln in near for r in ln.runs)


_BULLET_RE = re.compile(r"^[•●▪◦‣∙·\-–\uf0b7\uf0a7]$")


def _list_or_prose(cells: list[Cell]) -> bool:
    """A bullet and its text, or a justified line whose words a wide, even spacing pulls apart."""
    if _BULLET_RE.match(cells[0].text):
        return True
    if len(cells) < 3:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(cells, cells[1:])]
    words = sum(1 for c in cells if re.fullmatch(r"[^\W\d_]{2,}[,.;:]?", c.text) and c.text[:1].islower())
    return max(gaps) <= 1.5 * max(min(gaps), 0.1) and words >= 0.6 * len(cells)


_SECTION_NO_RE = re.compile(r"^(?:\d{1,2}\.)*\d{1,2}\.?$")


def _numbered_heading(line: Line, cells: list[Cell]) -> bool:
    """A bold section number and its title ("9.2   Inledda insatser"): the number stands a wide gap
    from the title, as a figure from its label, but the line is a heading."""
    return (
        len(cells) == 2
        and line.bold
        and bool(_SECTION_NO_RE.match(cells[0].text))
        and cells[1].text[:1].isalpha()
        and not _NUMERIC_RE.match(cells[1].text)
    )


def _excluded(line: Line) -> bool:
    """Lines that are never table rows: TOC entries with leader dots, checkbox answers."""
    return any(re.search(r"(?:[.…]\s?){4,}", r.text) for r in line.runs) or bool(_OPTION_RE.search(line.text))


@dataclass
class _Region:
    first: int
    last: int
    body: int  # index of the first body line
    framed: bool = False  # rules above, under the header or below say this is a table
    bottom_rule: bool = False


def _grow(
    lines: list[Line],
    cells: list[list[Cell]],
    tabular: list[bool],
    i: int,
    rules: list[tuple[float, float, float]],
    pitch: Callable[[float], float],
    join: Joiner,
    floor: int,
) -> GridTable | None:
    """The table around the tabular line ``i``: down to its last row, up to its header."""
    size = statistics.median(r.size for c in cells[i] for r in c.runs)
    lp = pitch(size)
    # Down: tabular lines aligned with the columns so far, and the lone cells between them.
    cols = _segments([cells[i]])
    last_tab, k = i, i + 1
    while k < len(lines):
        ln, prev = lines[k], lines[k - 1]
        step = prev.y0 - ln.y0
        if abs(ln.size - size) > 0.6 or step > 2.4 * lp or step < 0 or _excluded(ln):
            break
        if tabular[k] and _aligned(cells[k], cols):
            cols = _segments([c for c in (cells[x] for x in range(i, k + 1)) if len(c) >= 2])
            last_tab = k
        elif not (len(cells[k]) == 1 and _in_column(cells[k][0], cols)):
            break
        k += 1
    if last_tab == k - 1 and _header_above(lines, cells, tabular, k, size, lp):
        return None  # a smaller header stops here: the table is grown from its first row, up
    # Rules across the table: booktabs' top, middle and bottom rule, or a rule under the header row.
    x0 = min(c.x0 for x in range(i, last_tab + 1) for c in cells[x])
    x1 = max(c.x1 for x in range(i, last_tab + 1) for c in cells[x])
    frame = sorted({r[2] for r in rules if r[0] <= x0 + 6 and r[1] >= x1 - 6 and r[1] - r[0] < 3 * (x1 - x0) + 50})
    # After the last tabular line: inside the bottom rule, the rest of a wrapped cell, or (padded
    # rows) a row whose only filled cell is its label.
    below = lines[k].y1 if k < len(lines) else float("-inf")
    # A rule straight under a lone header line is the header's rule, not the table's end.
    under_header = lines[i + 1].y1 if last_tab == i and i + 1 < k else float("-inf")
    bottom = min((y for y in frame if below - 1 <= y < lines[last_tab].y0 and y <= under_header), default=None)
    end = last_tab
    row_steps = _row_steps(lines, cells, i, last_tab)
    for x in range(last_tab + 1, k):
        ln = lines[x]
        if bottom is not None:
            if ln.y0 <= bottom:
                break
            end = x
            continue
        step = lines[x - 1].y0 - ln.y0
        ref = statistics.median(row_steps) if row_steps else step
        if step <= 1.12 * lp:
            end = x
        elif 1.15 * lp < step <= 1.8 * lp and abs(step - ref) <= 2.0 and cells[x][0].x0 <= cols[0][0] + _ALIGN:
            end = x
            row_steps.append(step)
        else:
            break
    # Up: header lines over the columns (a header cell wrapped over lines starts above the first row).
    first = i
    head_size: float | None = None
    head_end = i  # with a smaller header: the first line set in the body's size
    while first > floor:
        ln = lines[first - 1]
        if _excluded(ln) or not _over(cells[first - 1], cols):
            break
        if abs(ln.size - size) > 0.6:
            # A header set smaller than the body (borderless house styles do): a line whose cells
            # spread over the columns, or another line of that header wrapped in its cell.
            if ln.size > size - 0.6 or not (
                len(cells[first - 1]) >= 2 or (head_size is not None and abs(ln.size - head_size) <= 0.6)
            ):
                break
            head_size, head_end = ln.size, first if head_size is None else head_end
        if ln.y0 - lines[first].y0 > 1.6 * lp:
            break
        first -= 1
    inside = [y for y in frame if lines[end].y1 < y < lines[first].y0]
    framed = any(lines[first].y0 <= y < lines[first].y1 + 2 * lp for y in frame) or bottom is not None
    if inside:
        mid = max(inside)  # the rule under the header
        body = next((x for x in range(first, end + 1) if (lines[x].y0 + lines[x].y1) / 2 < mid), end + 1)
    elif head_size is not None:
        body = head_end  # the change of size ends the header: a label row without figures is body
    else:
        body = _first_figures(lines, cells, first, end, i)
    if first == end and not inside and not framed and not any(abs(y - lines[first].y0) < 1.5 * lp for y in frame):
        return None  # one line split by wide gaps is a table only with a rule to say so
    region = _Region(first, end, body, framed or bool(inside), bottom is not None)
    return _build(lines, cells, region, cols, lp, join)


def _header_above(lines: list[Line], cells: list[list[Cell]], tabular: list[bool], k: int, size: float,
                  lp: float) -> bool:
    """Lines set smaller than the tabular line ``k`` right under them, over its columns: they are the
    header of the table that starts at ``k``, not a table of their own."""
    if k >= len(lines) or not tabular[k] or lines[k].size <= size + 0.6:
        return False
    step = lines[k - 1].y0 - lines[k].y0
    return 0 < step <= 2.4 * lp and _over(cells[k - 1], _segments([cells[k]]))


def _row_steps(lines: list[Line], cells: list[list[Cell]], a: int, b: int) -> list[float]:
    """Distances from one row's first line to the next row's, where rows are tabular lines."""
    starts = [x for x in range(a, b + 1) if len(cells[x]) >= 2]
    return [lines[p].y0 - lines[q].y0 for p, q in zip(starts, starts[1:]) if q == p + 1]


def _first_figures(lines: list[Line], cells: list[list[Cell]], first: int, end: int, seed: int) -> int:
    """Without a rule, the header ends at the first line with a figure after its label."""
    for x in range(first, end + 1):
        if len(cells[x]) >= 2 and any(_NUMERIC_RE.match(c.text) for c in cells[x][1:]):
            return x if x > first else first + 1
    return seed + 1 if seed == first else seed


def _segments(rows: list[list[Cell]]) -> list[tuple[float, float]]:
    """Column extents: the union of the extents of the cells' runs, left to right (runs, not cells:
    a label that comes closer than a wide gap to the figure beside it is still two columns)."""
    spans = sorted((r.x0, r.x1) for row in rows for c in row for r in c.runs)
    out: list[tuple[float, float]] = []
    for a, b in spans:
        if out and a <= out[-1][1] + 1.0:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _aligned(row: list[Cell], cols: list[tuple[float, float]]) -> bool:
    """A line continues the table when at least two of its cells fall in the table's columns."""
    hits = sum(1 for c in row if any(c.x0 < b + _ALIGN and c.x1 > a - _ALIGN for a, b in cols))
    return hits >= min(2, len(row)) and (len(cols) < 2 or hits >= 2)


def _in_column(cell: Cell, cols: list[tuple[float, float]]) -> bool:
    """A lone cell starts at a column's left edge and ends before the next column begins."""
    for n, (a, _b) in enumerate(cols):
        if abs(cell.x0 - a) <= _ALIGN:
            nxt = cols[n + 1][0] if n + 1 < len(cols) else float("inf")
            return cell.x1 < nxt - 2.0
    return False


def _over(row: list[Cell], cols: list[tuple[float, float]]) -> bool:
    """A header line above the table: every cell stands over a column (a wrapped header may start
    anywhere in its column) and does not reach into the next column."""
    if not cols:
        return False
    left, right = cols[0][0] - _ALIGN, cols[-1][1] + 30.0
    for c in row:
        if c.x0 < left or c.x0 > right:
            return False
        inside = [n for n, (a, b) in enumerate(cols) if c.x0 < b + _ALIGN and c.x1 > a - _ALIGN]
        if len(inside) > 1:
            return False
    return True


def _build(
    lines: list[Line],
    cells: list[list[Cell]],
    reg: _Region,
    cols: list[tuple[float, float]],
    lp: float,
    join: Joiner,
) -> GridTable | None:
    body_cells = [cells[x] for x in range(reg.body, reg.last + 1) if len(cells[x]) >= 2]
    head_cells = [c for x in range(reg.first, reg.body) for c in cells[x]]
    cols = _segments(body_cells) if body_cells else _segments([head_cells])
    if body_cells:
        cols = _claim_headers(cols, [cells[x] for x in range(reg.first, reg.body)], body_cells)
    for c in head_cells:  # a header over a column the body leaves empty
        if not any(c.x0 < b + _ALIGN and c.x1 > a - _ALIGN for a, b in cols):
            cols = sorted(cols + [(c.x0, c.x1)])
    if len(cols) < 2:
        return None
    padded = _padded(lines, cells, reg, lp)
    wraps = _wraps(lines, cells, reg)
    rows: list[list[list[Line]]] = []  # per row, per column, the cell's lines (one Line per fragment)
    filled: list[set[int]] = []
    header_rows = 0
    prev_y: float | None = None
    for x in range(reg.first, reg.last + 1):
        ln = lines[x]
        placed = _place(cells[x], cols)
        in_header = x < reg.body
        step = (prev_y - ln.y0) if prev_y is not None else None
        prev_y = ln.y0
        # Header lines of two sizes are two header rows (a smaller group row over the labels).
        resized = in_header and x > reg.first and abs(ln.size - lines[x - 1].size) > 0.6
        new_row = not rows or (x == reg.body) or resized or _starts_row(step, placed, filled[-1] if filled else set(),
                                                             rows[-1] if rows else [], lp, padded, in_header,
                                                             [b for _, b in cols], wraps)  # fmt: skip
        if new_row:
            rows.append([[] for _ in cols])
            filled.append(set())
            if in_header:
                header_rows += 1
        for col, cell in placed:
            rows[-1][col].append(Line(page=ln.page, runs=cell.runs, text=cell.text))
            filled[-1].add(col)
    if len(rows) < 2 and not (reg.framed or sum(1 for c in rows[0] if c) >= 2):
        return None
    texts = [[join(c) if c else "" for c in row] for row in rows]
    if _toc_like(texts, cols, lines[reg.first : reg.last + 1]):
        return None
    if len(texts) < 2 and sum(1 for c in texts[0] if c) < 2:
        return None
    if not reg.framed and not _tabular_content(texts, header_rows):
        return None
    return GridTable(reg.first, reg.last, texts, max(1, header_rows))


def _claim_headers(
    cols: list[tuple[float, float]], head_lines: list[list[Cell]], body: list[list[Cell]]
) -> list[tuple[float, float]]:
    """A header cell in the gap between two of the body's columns heads the neighbour that has no
    header over it: a word processor sets a header flush left in its cell and the figures under it
    flush right, so without borders the two never overlap, and would read as a header-only and a
    headerless column side by side. The column then reaches out to its header."""

    def over(c: Cell, a: float, b: float) -> bool:
        return c.x0 < b + _ALIGN and c.x1 > a - _ALIGN

    head = [c for ln in head_lines for c in ln]
    line_of = {id(c): n for n, ln in enumerate(head_lines) for c in ln}
    heads = [[h for h in head if over(h, a, b)] for a, b in cols]
    out = list(cols)
    for h in head:
        if any(over(h, a, b) for a, b in cols):
            continue
        j = next((n for n, (a, _b) in enumerate(cols) if a > h.x1), len(cols))
        if j == len(cols) or (j > 0 and cols[j - 1][1] >= h.x0):
            continue
        # A header line over the column that starts where this one does is the same header wrapped;
        # a label of another header row set flush right with the figures (a year over its two
        # columns' "Inledda  Aktuella") heads the column too.
        if all(
            abs(o.x0 - h.x0) <= _ALIGN or (line_of[id(o)] != line_of[id(h)] and abs(o.x1 - out[j][1]) <= _ALIGN)
            for o in heads[j]
        ):
            out[j] = (min(out[j][0], h.x0), out[j][1])
    return out


def _padded(lines: list[Line], cells: list[list[Cell]], reg: _Region, lp: float) -> bool:
    """Rows stand further apart than the lines of a cell: the table has cell padding. Measured on
    the steps up to each tabular line of the body after its first, as a row starts there."""
    steps = [lines[x - 1].y0 - lines[x].y0 for x in range(reg.body + 1, reg.last + 1) if len(cells[x]) >= 2]
    return bool(steps) and statistics.median(steps) > 1.15 * lp


def _starts_row(
    step: float | None,
    placed: list[tuple[int, Cell]],
    filled: set[int],
    row: list[list[Line]],
    lp: float,
    padded: bool,
    in_header: bool,
    rights: list[float],
    wraps: bool,
) -> bool:
    cols = {c for c, _ in placed}
    if step is not None and step > 1.25 * lp and (padded or in_header):
        return True  # a row apart
    if in_header:
        return False  # a header cell wrapped over several lines
    if padded:
        return step is None or step > 1.12 * lp
    # No padding: a line continues the row when it fills only columns the row already has, the
    # line above in each of them was full (its next word would not have fitted) and the text goes
    # on: in lower case, after "och", or (in a table that wraps its cells) beside figures the line
    # leaves to the row above.
    if not cols <= filled:
        return True
    for col, cell in placed:
        if not row[col]:
            return True
        before = row[col][-1]
        goes_on = (wraps and len(cols) < len(filled)) or _goes_on(before.text, cell.text)
        if not (goes_on and _wrapped(before, cell, rights[col])):
            return True
    return False


def _goes_on(before: str, text: str) -> bool:
    """The text reads as the rest of the phrase before it: "… och" + "barn", "Anmälan barn" + "0-12 år"."""
    if text[:1].isdigit():
        return before[-1:].isalpha()
    return text[:1].islower() or bool(_CONTINUES_RE.search(before))


def _wraps(lines: list[Line], cells: list[list[Cell]], reg: _Region) -> bool:
    """Some line of the body is plainly the rest of the label above it: the table's cells wrap."""
    return any(
        len(cells[x]) == 1 and cells[x - 1] and _goes_on(cells[x - 1][0].text, cells[x][0].text)
        for x in range(reg.body + 1, reg.last + 1)
    )


def _wrapped(before: Line, cell: Cell, right: float) -> bool:
    """The first word of ``cell`` would not have fitted after ``before`` in a column ending at
    ``right`` (the widest text the column holds): the line was broken there by the column's width."""
    run = cell.runs[0]
    text = run.text.strip()
    word = text.split(" ", 1)[0]
    width = (run.x1 - run.x0) * len(word) / max(1, len(text))
    return before.x1 + 0.25 * run.size + width > right - 1.0


def _place(row: list[Cell], cols: list[tuple[float, float]]) -> list[tuple[int, Cell]]:
    """Each run of a line under the column it overlaps most (the nearest when it overlaps none): a
    header cell and its neighbour closer than a wide gap still go to their own columns."""
    by_col: dict[int, list[Run]] = {}
    for c in row:
        for r in c.runs:
            best, best_n = -1e9, 0
            for n, (a, b) in enumerate(cols):
                overlap = min(r.x1, b) - max(r.x0, a)
                if overlap <= 0:
                    overlap = -min(abs(r.x0 - b), abs(a - r.x1))
                if overlap > best:
                    best, best_n = overlap, n
            by_col.setdefault(best_n, []).append(r)
    out: list[tuple[int, Cell]] = []
    for n in sorted(by_col):
        runs = sorted(by_col[n], key=lambda r: r.x0)
        out.append((n, Cell(runs[0].x0, max(r.x1 for r in runs), join_runs(runs).replace("\t", " "), runs)))
    return out


def _toc_like(rows: list[list[str]], cols: list[tuple[float, float]], lines: list[Line]) -> bool:
    """Entries and rising page numbers in the rightmost column: a table of contents."""
    pages = [r[-1] for r in rows if r[-1]]
    if len(pages) < 3 or not all(_PAGE_NO_RE.match(p) for p in pages):
        return False
    nums = [int(p) for p in pages]
    if nums != sorted(nums) or any(_NUMERIC_RE.match(c) for r in rows for c in r[1:-1] if c):
        return False
    return any(re.search(r"[^\W\d_]", r[0] + " " + " ".join(r[1:-1])) for r in rows)


def _tabular_content(rows: list[list[str]], header_rows: int) -> bool:
    """Without a frame, a table needs figures in its body, or short labels throughout: a form or a
    piece of prose split by wide gaps has neither."""
    body = rows[header_rows:] or rows
    cells = [c for r in body for c in r[1:] if c]
    if cells and sum(1 for c in cells if _NUMERIC_RE.match(c)) >= 0.5 * len(cells):
        return True
    everything = [c for r in rows for c in r if c]
    return bool(everything) and all(len(c.split()) <= 12 and not c.endswith((".", "?", "!")) for c in everything)
