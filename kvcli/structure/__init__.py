"""From a reader's neutral blocks to the document model (sections, tables, questions, metadata).

Format-independent: the same steps run on blocks from text, Word and PDF. Every body
block lands in exactly one section (a level-0 preamble catches what precedes the first
heading), so nothing the reader saw is lost.
"""

from __future__ import annotations

from ..model import Document, Question, Section, Source, Table, TocEntry
from ..readers.blocks import Block, ReadResult
from .cell_runs import rebuild_cell_tables
from .flattened import is_flattened, unflatten
from .headings import decide_headings
from .levels import infer_levels
from .metadata import SourceLine, extract_metadata
from .questions import is_question_text, parse_option_line
from .standalone import promote_chapters_outside_toc, promote_standalone_headings
from .tables import group_line_tables, infer_header_rows, looks_like_caption, total_row_indexes
from .toc import apply_toc
from .toc_find import find_toc
from .transcript import read_transcript

PREAMBLE_ID = "s0"


def classify_blocks(rr: ReadResult) -> list[Block]:
    """The reader's blocks with what each one is decided: the TOC, plain-text tables, headings by markup,
    outline or typography, list items and captions (before TOC matching and level inference)."""
    blocks = list(rr.blocks)
    find_toc(blocks)
    blocks = group_line_tables(blocks)
    decide_headings(blocks, rr.outline)
    return blocks


def build_document(rr: ReadResult) -> Document:
    warnings = list(rr.warnings)
    furniture = list(rr.furniture)
    blocks = classify_blocks(rr)
    # Text without typography or markup (a plain or flattened transcript) has only its lines to go by.
    plain = not any(b.size is not None or b.marked_by not in (None, "text") for b in blocks)
    if plain:
        blocks = rebuild_cell_tables(blocks)
    flattened = plain and is_flattened(blocks)
    if flattened:
        blocks, page_numbers = unflatten(blocks)
        furniture += page_numbers
        warnings.append(
            f"flattened text: {len(page_numbers)} trailing page numbers removed, headings recovered heuristically"
        )
    elif plain:
        blocks, chrome = read_transcript(blocks)
        furniture += chrome
    warnings += apply_toc(blocks)
    if plain and not flattened:
        promote_standalone_headings(blocks)
        promote_chapters_outside_toc(blocks)
    infer_levels(blocks)
    toc = [
        TocEntry(title=b.text, level=b.level or 1, page=b.toc_page, line=b.line)
        for b in blocks
        if b.kind == "toc_entry"
    ]
    body = [b for b in blocks if b.kind not in ("toc_entry", "toc_title")]

    doc = Document(
        source=Source(path=rr.path, format=rr.format, sha256=rr.sha256, pages=rr.pages, encoding=rr.encoding),
        toc=toc,
        furniture=furniture,
    )
    _sections_tables_questions(doc, body)
    lines = [SourceLine(b.text, b.line, b.page, b.kind) for b in body if b.kind != "table"]
    doc.metadata = extract_metadata(lines, _first_heading(lines), [SourceLine(f) for f in furniture])
    doc.warnings = warnings
    return doc


def _first_heading(body: list[SourceLine]) -> int:
    for i, b in enumerate(body):
        if b.kind == "heading":
            return i
    return min(len(body), 15)


def _sections_tables_questions(doc: Document, body: list[Block]) -> None:
    stack: list[Section] = []
    current = Section(
        id=PREAMBLE_ID, title="", level=0, path=[], page=None, line=None, text="", heading_source="preamble"
    )
    texts: dict[str, list[str]] = {PREAMBLE_ID: []}
    places: dict[str, list[tuple[int | None, int | None]]] = {PREAMBLE_ID: []}  # (page, line) per text line
    sections = [current]
    pending_question: tuple[str, Block] | None = None
    for i, b in enumerate(body):
        if b.kind == "heading":
            level = max(1, b.level or 1)
            while stack and stack[-1].level >= level:
                stack.pop()
            sec = Section(
                id=f"s{len(sections)}",
                title=b.text.strip(),
                level=level,
                path=[s.title for s in stack] + [b.text.strip()],
                page=b.page,
                line=b.line,
                text="",
                heading_source=b.heading_source or "text",
            )
            stack.append(sec)
            sections.append(sec)
            texts[sec.id] = []
            places[sec.id] = []
            current = sec
            pending_question = None
            continue
        if b.kind == "table":
            _add_table(doc, current.id, body, i)
            pending_question = None
            continue
        opt = parse_option_line(b.text)
        if opt is not None:
            qtext = opt.question or (pending_question[1].text if pending_question else None)
            if qtext:
                src = b if opt.question else pending_question[1] if pending_question else b
                doc.questions.append(
                    Question(
                        text=qtext.strip(),
                        options=opt.options,
                        answer=opt.answer,
                        section_id=current.id,
                        page=src.page,
                        line=src.line,
                    )
                )
            pending_question = None
        elif is_question_text(b.text):
            pending_question = (current.id, b)
        texts[current.id].append(("- " + b.text) if b.kind == "list_item" else b.text)
        places[current.id] += [(b.page, b.line)] * (b.text.count("\n") + 1)
    for s in sections:
        s.text = "\n".join(texts[s.id])
        s.pages = [p for p, _ in places[s.id]]
        s.lines = [ln for _, ln in places[s.id]]
    first_page = next((b.page for b in body if b.page is not None), None)
    if sections[0].page is None:
        sections[0].page = first_page  # the preamble starts where the document does
    # A preamble with nothing in it is noise; keep it only when it holds something.
    if not sections[0].text and not any(t.section_id == PREAMBLE_ID for t in doc.tables):
        sections = sections[1:]
    doc.sections = sections


def _add_table(doc: Document, section_id: str, body: list[Block], i: int) -> None:
    b = body[i]
    marked = max(b.header_rows, infer_header_rows(b.rows))
    h = max(1, min(marked, len(b.rows) - 1)) if len(b.rows) > 1 else min(1, len(b.rows))
    caption = None
    prev = body[i - 1] if i > 0 else None
    if prev is not None and (
        prev.kind in ("caption", "heading") or (prev.kind == "paragraph" and looks_like_caption(prev.text))
    ):
        caption = prev.text.strip()
    elif i + 1 < len(body) and body[i + 1].kind == "caption":
        caption = body[i + 1].text.strip()
    rows = [list(r) for r in b.rows[h:]]
    doc.tables.append(
        Table(
            id=f"t{len(doc.tables) + 1}",
            section_id=section_id,
            caption=caption,
            page=b.page,
            header=[list(r) for r in b.rows[:h]],
            rows=rows,
            line=b.line,
            total_rows=total_row_indexes(rows),
        )
    )
