"""From page geometry to blocks: tables first, page furniture out, then paragraphs in reading order.

Tables come from the structure tree when it spells them out, else from drawn rules, else from
aligned columns of text. What is left is grouped into lines, the lines into paragraphs: a break at
vertical space, a change of style, a bullet, a short line or, in a tagged PDF, a change of the
structure element the text belongs to. Each block carries its evidence (typography, left edge, tag).
"""

from __future__ import annotations

import re
from collections import Counter

from .blocks import Block
from .pdf_furniture import find_furniture
from .pdf_grid import grid_tables
from .pdf_layout import (
    Line,
    PageGeometry,
    Run,
    group_lines,
    is_bullet,
    split_columns,
    strip_bullet,
)
from .pdf_tables import PdfTable, ruled_tables, tagged_tables
from .pdf_words import Joiner

_PAGE_AT_END_RE = re.compile(r"\t\d{1,4}$")
_LEADERS_RE = re.compile(r"\s*(?:[.…]\s?){4,}\s*")  # LaTeX spaces its dots: ". . . ."
# Producers mark headers, footers and decoration as Artifact; a document where a third of the text is
# "artifact" marks its content so, and those marks say nothing.
_MAX_ARTIFACT_SHARE = 0.3
# A measured line height a quarter above the line's before it is another type, not a tall line.
_OCR_SIZE_STEP = 0.25

Owner = tuple[int, str, int]  # (element serial on its page, element type, list depth)


def layout_blocks(geos: list[PageGeometry]) -> tuple[list[Block], list[str]]:
    page_tables: dict[int, list[PdfTable]] = {}
    page_lines: list[list[Line]] = []
    column_of: dict[int, int] = {}  # id(line) -> column number on its page
    for g in geos:
        tables = tagged_tables(g)
        used: set[int] = set().union(*(t.runs for t in tables)) if tables else set()
        tables += ruled_tables(g, used)
        used = set().union(*(t.runs for t in tables)) if tables else set()
        free = [r for k, r in enumerate(g.runs) if k not in used]
        lines: list[Line] = []
        for col, runs in enumerate(split_columns(free, g.width)):
            for ln in group_lines(runs, g.number):
                column_of[id(ln)] = col
                ln.column = col
                lines.append(ln)
        for n, ln in enumerate(lines, start=1):
            ln.index = n
        page_tables[g.number] = tables
        page_lines.append(lines)
    furn_ids = find_furniture(page_lines) | _artifact_lines(page_lines)
    body_lines = [[ln for ln in lines if (ln.page, ln.index) not in furn_ids] for lines in page_lines]
    ctx = _Context(Joiner(body_lines), _line_pitches(body_lines))
    for tables in page_tables.values():
        for t in tables:
            if t.cell_runs:
                t.rows = [[_cell_text(ctx.joiner, runs, t.page) for runs in row] for row in t.cell_runs]
    furniture: list[str] = []
    for lines in page_lines:
        for ln in lines:
            if (ln.page, ln.index) in furn_ids and ln.text not in furniture:
                furniture.append(ln.text)
    blocks: list[Block] = []
    for g, lines in zip(geos, page_lines):
        body = [ln for ln in lines if (ln.page, ln.index) not in furn_ids]
        _emit(blocks, _reading_order(g, page_tables[g.number], body, column_of), g, ctx)
    blocks[:] = [b for b in blocks if b.kind == "table" or b.text.strip()]
    return blocks, furniture


def _reading_order(
    g: PageGeometry, tables: list[PdfTable], lines: list[Line], column_of: dict[int, int]
) -> list[tuple[float, object]]:
    """Columns left to right, each read to its end, within the bands that full-width lines and
    tables (a heading, a float across both columns) cut the page into; tables where they stand."""
    columns = len({column_of[id(ln)] for ln in lines} - {0}) > 0
    wide: list[tuple[float, object]] = []
    narrow: list[tuple[float, int, object]] = []
    for t in tables:
        xs = [x for k in t.runs if k < len(g.runs) for x in (g.runs[k].x0, g.runs[k].x1)]
        if not columns or not xs or max(xs) - min(xs) > 0.6 * g.width:
            wide.append((t.top, t))
        else:
            narrow.append((t.top, 1 if (min(xs) + max(xs)) / 2 < g.width / 2 else 2, t))
    for ln in lines:
        col = column_of[id(ln)]
        if col == 0:
            wide.append((ln.y1, ln))
        else:
            narrow.append((ln.y1, col, ln))
    tops = sorted((y for y, _ in wide), reverse=True)

    def band(y: float) -> int:
        return sum(1 for t in tops if t > y + 0.01)

    keyed = [((band(y), 3, -y), it) for y, it in wide] + [((band(y), col, -y), it) for y, col, it in narrow]
    keyed.sort(key=lambda k: k[0])
    return [(0.0, it) for _, it in keyed]


def _cell_text(joiner: Joiner, runs: list[Run], page: int) -> str:
    """A ruled or tagged table cell's lines, joined as a grid table's are: knowing the document's words."""
    if not runs:
        return ""
    return joiner.join_cell(group_lines(runs, page)).replace("\t", " ").strip()


def _artifact_lines(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """Lines the producer marked as Artifact in full, unless it marked much of the text so."""
    chars = artifact = 0
    for lines in pages:
        for ln in lines:
            for r in ln.runs:
                chars += len(r.text)
                artifact += len(r.text) if r.artifact else 0
    if not artifact or artifact > _MAX_ARTIFACT_SHARE * chars:
        return set()
    return {(ln.page, ln.index) for lines in pages for ln in lines if all(r.artifact for r in ln.runs)}


class _Context:
    """What every page's blocks are built with: the document's words and its line pitch by font size."""

    def __init__(self, joiner: Joiner, pitches: dict[float, float]) -> None:
        self.joiner = joiner
        self.pitches = pitches

    def pitch(self, size: float) -> float:
        if not self.pitches:
            return 1.2 * size
        near = min(self.pitches, key=lambda s: abs(s - size))
        return self.pitches[near] * size / near if near else 1.2 * size


def _line_pitches(pages: list[list[Line]]) -> dict[float, float]:
    """The usual distance between the baselines of two lines of a paragraph, by font size."""
    steps: dict[float, Counter[float]] = {}
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            step = a.y0 - b.y0
            if abs(a.size - b.size) < 0.3 and abs(a.x0 - b.x0) < 3.0 and 0.8 * a.size < step < 2.0 * a.size:
                steps.setdefault(round(a.size * 2) / 2, Counter())[round(step * 2) / 2] += 1
    return {size: c.most_common(1)[0][0] for size, c in steps.items() if sum(c.values()) >= 3}


def _emit(blocks: list[Block], items: list[tuple[float, object]], g: PageGeometry, ctx: _Context) -> None:
    pending: list[Line] = []

    def flush() -> None:
        if pending:
            _paragraphs(blocks, pending, g, ctx)
            pending.clear()

    for _, it in items:
        if isinstance(it, PdfTable):
            flush()
            prev = blocks[-1] if blocks else None
            if (
                prev is not None
                and prev.kind == "table"
                and prev.page == g.number - 1
                and prev.rows[:1] == it.rows[:1]
            ):
                prev.rows.extend(it.rows[_repeated_header(prev.rows, it.rows) :])
                continue
            if prev is not None and _continues_without_header(prev, it, g.number):
                prev.rows.extend(it.rows)
                continue
            blocks.append(
                Block(
                    kind="table",
                    text="",
                    page=g.number,
                    rows=it.rows,
                    header_rows=max(1, it.header_rows),
                    bold=it.bold_first_row,
                    tag="Table" if it.tagged else "",
                )  # fmt: skip
            )
        else:
            assert isinstance(it, Line)
            pending.append(it)
    flush()


_MAX_REPEATED_HEADER = 3


def _repeated_header(before: list[list[str]], rows: list[list[str]]) -> int:
    """How many leading rows of a table continued on this page repeat its header: a header of
    several rows (a group label spanning the columns over the years) is repeated whole. Never all
    the rows, and at most a few: a body row is not a header because the one above it repeats."""
    n = 1
    while n < min(_MAX_REPEATED_HEADER, len(rows) - 1, len(before)) and rows[n] == before[n]:
        n += 1
    return n


def _continues_without_header(prev: Block, t: PdfTable, page: int) -> bool:
    """A table that opens a page goes on with the table that closed the page before, when the header
    row was not repeated: nothing stands between them, the columns are as many, and the new part's
    first row is no header (neither tagged so nor bold). A tagged PDF marks a repeated header as
    an Artifact, so there too the continued part starts with a body row."""
    if prev.kind != "table" or prev.page != page - 1 or not t.rows or not prev.rows:
        return False
    header = t.header_rows > 0 if t.tagged else t.bold_first_row
    return not header and len(t.rows[0]) == len(prev.rows[0]) == max(len(r) for r in prev.rows)


def _add_table(blocks: list[Block], t: Block) -> None:
    """Append a table, or continue the table that ended the page before: a table split by a page
    break repeats its header rows there, and a row split by it goes on in its first cell."""
    prev = blocks[-1] if blocks else None
    h = t.header_rows
    if (
        prev is not None
        and prev.kind == "table"
        and prev.page == (t.page or 0) - 1
        and len(t.rows) > h
        and prev.rows[:h] == t.rows[:h]
    ):
        body = [list(r) for r in t.rows[h:]]
        first = body[0]
        if len(prev.rows) > prev.header_rows and first[0][:1].islower() and not any(first[1:]):
            prev.rows[-1][0] = (prev.rows[-1][0] + " " + first[0]).strip()
            body = body[1:]
        prev.rows.extend(body)
        return
    blocks.append(t)


def _owner(line: Line, g: PageGeometry) -> Owner | None:
    """The structure element that owns a line's text (its first tagged run's)."""
    if g.tags is None:
        return None
    for r in line.runs:
        if r.mcid >= 0 and r.mcid in g.tags.owner:
            return g.tags.owner[r.mcid]
    return None


def _paragraphs(blocks: list[Block], lines: list[Line], g: PageGeometry, ctx: _Context) -> None:
    """Group lines into paragraphs: a break at vertical space, a style change, a bullet or a short line."""
    # Tables without vertical rules first: aligned multi-cell lines.
    grids = grid_tables(lines, g.hlines, ctx.pitch, ctx.joiner.join_cell)
    table_at = {t.first: t for t in grids}
    skip: set[int] = set()
    for t in grids:
        skip.update(range(t.first, t.last + 1))
    # A line is short against the right edge of its own column: on a page in two columns every
    # line of the left one would be short against the page's.
    page_right = max((ln.x1 for ln in lines), default=g.width)
    col_right: dict[int, float] = {}
    for ln in lines:
        if ln.column:
            col_right[ln.column] = max(col_right.get(ln.column, 0.0), ln.x1)
    owners = [_owner(ln, g) for ln in lines]
    # Some producers tag each line as a paragraph: then only a change of element type is a break.
    per_element = Counter(o[0] for o in owners if o is not None and o[1] == "P")
    paragraphs_tagged = any(n > 1 for n in per_element.values())
    group: list[Line] = []
    group_owner: Owner | None = None

    def close() -> None:
        if not group:
            return
        first = group[0]
        text = ctx.joiner.join(group)
        kind = "paragraph"
        if is_bullet(first.text):
            kind, text = "list_item", strip_bullet(text)
        tag = group_owner[1] if group_owner else ""
        blocks.append(Block(kind=kind, text=text.replace("\t", " ") if kind != "paragraph" else text, page=first.page,  # type: ignore[arg-type]
                            line=first.index, bold=first.bold, italic=first.italic, size=first.size, x0=first.x0,
                            tag=tag, list_level=group_owner[2] if group_owner else 0))  # fmt: skip
        group.clear()

    for i, ln in enumerate(lines):
        if i in table_at:
            close()
            t = table_at[i]
            _add_table(blocks, Block(kind="table", text="", page=g.number, line=ln.index, rows=t.rows,
                                     header_rows=t.header_rows))  # fmt: skip
        if i in skip:
            continue
        if group:
            prev = group[-1]
            right = col_right.get(prev.column, page_right)
            height = max(1.0, prev.y1 - prev.y0)
            gap = prev.y0 - ln.y1
            style_change = abs(prev.size - ln.size) > 0.4 or prev.bold != ln.bold
            if g.ocr_layer:
                # An OCR layer's sizes are measured line heights, not fonts: a line of a paragraph
                # measured a size or two larger is no new paragraph; space, short lines and a
                # clearly larger type still break.
                style_change = abs(prev.size - ln.size) > _OCR_SIZE_STEP * min(prev.size, ln.size)
            # A line ends its paragraph when the next word would have fitted on it, or when it ends
            # a sentence well short of the margin (a long word wrapped early goes on the next line).
            short_prev = right > prev.x0 and (
                _room_left(prev, ln, right)
                or (prev.x1 < right - 0.15 * (right - prev.x0) and prev.text.rstrip().endswith((".", "!", "?", ":")))
            )
            if prev.bold and ln.bold and prev.size == ln.size and not _fits_after(prev, ln, right):
                # A heading wrapped over two lines is still one heading; but a wrap never leaves room
                # for the whole next line: two short bold lines ("Enhetschefens kommentar" twice, a
                # label and a label) are two.
                short_prev = False
            leaders = _LEADERS_RE.search(prev.text) or _LEADERS_RE.search(ln.text)  # one TOC entry per line
            if _continues_options(prev.text, ln.text) and gap <= 0.65 * height:
                pass  # "☐ Ja ☐ Delvis⏎☐ Nej", "☒⏎Ja": one answer wrapped over two lines
            elif (
                gap > 0.65 * height
                or prev.y0 - ln.y0 > 1.3 * ctx.pitch(prev.size)  # space between paragraphs
                or style_change
                or is_bullet(ln.text)
                or short_prev
                or _is_option_line(ln.text)
                or _OPTIONS_END_RE.search(prev.text)  # a question line never takes the next line's text
                or leaders
                or _PAGE_AT_END_RE.search(prev.text)  # a TOC entry without leader dots
                or _new_element(group_owner, owners[i], paragraphs_tagged)
            ):
                close()
        if not group:
            group_owner = owners[i]
        group.append(ln)
    close()


def _fits_after(prev: Line, ln: Line, right: float) -> bool:
    """All of the next line would have fitted at the end of this one."""
    return prev.x1 + 0.3 * ln.size + (ln.x1 - ln.x0) < right


def _room_left(prev: Line, ln: Line, right: float) -> bool:
    """The next line's first word would have fitted at the end of this one: the line ends its
    paragraph. A line that wrapped before a long word is short too, and goes on; a line ending
    in a hyphen was full."""
    if prev.text.endswith(("-", "\u00ad")):
        return False
    run = ln.runs[0]
    text = run.text.strip()
    word = text.split(" ", 1)[0]
    # The word's width from the run's mean letter width, with a quarter more: "behov" is wider
    # than five average letters, and a word that just fits must not read as room left.
    width = 1.25 * (run.x1 - run.x0) * len(word) / max(1, len(text))
    return prev.x1 + 0.3 * run.size + width < right


def _new_element(cur: Owner | None, nxt: Owner | None, paragraphs_tagged: bool) -> bool:
    """The structure tree starts a new block here: another element of another type, or another
    paragraph where the producer tags paragraphs (not lines)."""
    if cur is None or nxt is None or cur[0] == nxt[0]:
        return False
    return cur[1] != nxt[1] or cur[1] != "P" or paragraphs_tagged


_BOX = "☐☒□■☑"
_OPTION = r"(?:ja|nej|delvis|vet ej|ej aktuellt|ej relevant)"
_OPTIONS_END_RE = re.compile(rf"[{_BOX}]\s*{_OPTION}\s*$", re.I)
_OPTIONS_ONLY_RE = re.compile(rf"^\s*(?:[{_BOX}]\s*{_OPTION}?\s*)+$|^\s*{_OPTION}(?:\s+[{_BOX}]\s*{_OPTION})*\s*$", re.I)


def _continues_options(prev: str, text: str) -> bool:
    """The line goes on with the answer of the line above: more options after its options, or the
    label of a box that ends it."""
    if re.search(rf"[{_BOX}]\s*$", prev):
        return bool(_OPTIONS_ONLY_RE.match(text))
    return bool(_OPTIONS_END_RE.search(prev)) and bool(_OPTIONS_ONLY_RE.match(text)) and text.lstrip()[:1] in _BOX


def _is_option_line(text: str) -> bool:
    return bool(re.match(r"^\s*[☐☒□■]", text))
