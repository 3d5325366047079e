"""PDF reader: pdfium (Apache/BSD) text geometry → lines → furniture removed → tables, headings, paragraphs.

Every block carries its page, its typography (size, bold, italic) and its left edge; the PDF
outline (bookmarks) goes up as the document's outline. Which lines are headings, the printed TOC
or captions is decided in ``kvcli.structure`` from that evidence.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from ..errors import InputError, LimitError
from ..limits import Limits
from .blocks import Block, ReadResult
from .pdf_furniture import find_furniture
from .pdf_layout import (
    Line,
    PageGeometry,
    group_lines,
    is_bullet,
    join_paragraph,
    page_geometry,
    split_columns,
    strip_bullet,
)
from .pdf_safety import check_streams
from .pdf_tables import PdfTable, ruled_tables, unruled_tables

_LEADERS_RE = re.compile(r"\s*[.…]{4,}\s*")


def read_pdf(name: str, data: bytes, sha: str, limits: Limits) -> ReadResult:
    check_streams(name, data, limits)
    pdf = _open(name, data)
    try:
        n = len(pdf)
        if n > limits.max_pages:
            raise LimitError(name, f"PDF has {n:,} pages, over the limit of {limits.max_pages:,}")
        if n == 0:
            raise InputError(name, "PDF has no pages")
        warnings: list[str] = []
        geos: list[PageGeometry] = []
        for i in range(n):
            try:
                page = pdf[i]
                try:
                    geos.append(page_geometry(page, i + 1, limits.max_page_chars))
                    warnings += geos[-1].warnings
                finally:
                    page.close()
            except pdfium.PdfiumError as exc:
                warnings.append(f"page {i + 1} could not be read ({exc}); its text is missing")
                geos.append(PageGeometry(number=i + 1, width=595, height=842))
        if not any(g.runs for g in geos):
            raise InputError(
                name, "PDF has no text layer (a scanned document?); OCR is needed before kvcli can read it"
            )
        bookmarks = _bookmarks(pdf)
    finally:
        pdf.close()
    blocks, furniture = _layout(geos)
    if sum(1 for g in geos if not g.runs) and sum(1 for g in geos if g.runs):
        warnings.append(f"{sum(1 for g in geos if not g.runs)} page(s) have no text layer (images only?)")
    return ReadResult(path=name, format="pdf", sha256=sha, blocks=blocks, pages=n, furniture=furniture,
                      warnings=warnings, outline=bookmarks)  # fmt: skip


def _open(name: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(
                name, "lösenordsskyddad (password-protected) PDF; remove the password and try again"
            ) from None
        raise InputError(name, f"not a valid PDF: {msg}") from None
    except Exception as exc:  # pdfium bindings raise plain errors for some damage
        raise InputError(name, f"not a valid PDF: {type(exc).__name__}: {exc}") from None


def _bookmarks(pdf: pdfium.PdfDocument) -> list[tuple[int, str, int]]:
    """(level 1.., title, 1-based page) for each outline entry, in order."""
    out: list[tuple[int, str, int]] = []
    try:
        for bm in pdf.get_toc(max_depth=6):
            dest = bm.get_dest()
            index = dest.get_index() if dest is not None else None
            title = (bm.get_title() or "").strip()
            if title and index is not None:
                out.append((bm.level + 1, title, index + 1))
            if len(out) > 5000:
                break
    except Exception:  # a broken outline is no reason to lose the text
        return []
    return out


def _layout(geos: list[PageGeometry]) -> tuple[list[Block], list[str]]:
    page_tables: dict[int, list[PdfTable]] = {}
    page_lines: list[list[Line]] = []
    column_of: dict[int, int] = {}  # id(line) -> column number on its page
    for g in geos:
        tables = ruled_tables(g)
        used = set().union(*(t.runs for t in tables)) if tables else set()
        free = [r for k, r in enumerate(g.runs) if k not in used]
        lines: list[Line] = []
        for col, runs in enumerate(split_columns(free, g.width)):
            for ln in group_lines(runs, g.number):
                column_of[id(ln)] = col
                lines.append(ln)
        for n, ln in enumerate(lines, start=1):
            ln.index = n
        page_tables[g.number] = tables
        page_lines.append(lines)
    furn_ids = find_furniture(page_lines)
    furniture: list[str] = []
    for lines in page_lines:
        for ln in lines:
            if (ln.page, ln.index) in furn_ids and ln.text not in furniture:
                furniture.append(ln.text)
    blocks: list[Block] = []
    for g, lines in zip(geos, page_lines):
        # Reading order: columns left to right, top to bottom within each; tables where they stand.
        items: list[tuple[float, object]] = [(t.top, t) for t in page_tables[g.number]]
        for ln in lines:
            if (ln.page, ln.index) not in furn_ids:
                items.append((ln.y1 - 100000.0 * column_of[id(ln)], ln))
        items.sort(key=lambda it: -it[0])
        _emit(blocks, items, g)
    blocks[:] = [b for b in blocks if b.kind == "table" or b.text.strip()]
    return blocks, furniture


def _emit(blocks: list[Block], items: list[tuple[float, object]], g: PageGeometry) -> None:
    pending: list[Line] = []

    def flush() -> None:
        if pending:
            _paragraphs(blocks, pending, g)
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
                prev.rows.extend(it.rows[1:])  # a table continued on this page repeats its header row
                continue
            blocks.append(
                Block(
                    kind="table", text="", page=g.number, rows=it.rows, header_rows=1, bold=it.bold_first_row
                )
            )
        else:
            assert isinstance(it, Line)
            pending.append(it)
    flush()


def _paragraphs(blocks: list[Block], lines: list[Line], g: PageGeometry) -> None:
    """Group lines into paragraphs: a break at vertical space, a style change, a bullet or a short line."""
    # Unruled tables first: aligned multi-cell lines.
    spans = unruled_tables(lines, g.number)
    table_at = {s[0]: s for s in spans}
    skip: set[int] = set()
    for s in spans:
        skip.update(range(s[0], s[1] + 1))
    right = max((ln.x1 for ln in lines), default=g.width)
    group: list[Line] = []

    def close() -> None:
        if not group:
            return
        first = group[0]
        text = join_paragraph([ln.text for ln in group])
        kind = "paragraph"
        if is_bullet(first.text):
            kind, text = "list_item", strip_bullet(text)
        blocks.append(Block(kind=kind, text=text.replace("\t", " ") if kind != "paragraph" else text, page=first.page,  # type: ignore[arg-type]
                            line=first.index, bold=first.bold, italic=first.italic, size=first.size, x0=first.x0))  # fmt: skip
        group.clear()

    for i, ln in enumerate(lines):
        if i in table_at:
            close()
            blocks.append(
                Block(kind="table", text="", page=g.number, line=ln.index, rows=table_at[i][2], header_rows=1)
            )
        if i in skip:
            continue
        if group:
            prev = group[-1]
            height = max(1.0, prev.y1 - prev.y0)
            gap = prev.y0 - ln.y1
            style_change = abs(prev.size - ln.size) > 0.4 or prev.bold != ln.bold
            short_prev = right > prev.x0 and prev.x1 < right - 0.15 * (right - prev.x0)
            if prev.bold and ln.bold and prev.size == ln.size:
                short_prev = False  # a heading wrapped over two lines is still one heading
            leaders = _LEADERS_RE.search(prev.text) or _LEADERS_RE.search(ln.text)  # one TOC entry per line
            if (
                gap > 0.65 * height
                or style_change
                or is_bullet(ln.text)
                or short_prev
                or _is_option_line(ln.text)
                or leaders
            ):
                close()
        group.append(ln)
    close()


def _is_option_line(text: str) -> bool:
    return bool(re.match(r"^\s*[☐☒□■]", text))
