"""Decide what each Word paragraph is: heading (and how we know), TOC entry, list item, caption, text.

Trust order for headings: outline level on the paragraph → style chain → numbering →
typography. Typography (bold, larger than the body font, short, standalone) is only used
when the document has almost no real headings, i.e. it was formatted by hand; then sizes
rank the levels, and body-size bold lines ("Kommentar:", "Enhetschefens kommentar")
are headings only if nothing larger exists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .blocks import Block
from .docx_styles import Styles
from .typography import typography_headings

if TYPE_CHECKING:
    from .docx import Para

_TOC_ENTRY_RE = re.compile(r"^(?P<title>.+?)[\s.…]*\t[\s.…]*(?P<page>\d{1,4})\s*$", re.S)
_TOC_TITLE_RE = re.compile(r"^\s*(innehåll(sförteckning)?|contents|table of contents)\s*:?\s*$", re.I)
_MAX_HEADING_CHARS = 150
_MAX_HEADING_WORDS = 18


def classify(paras: list[Para], styles: Styles) -> list[Block]:
    blocks: list[Block] = []
    strong = 0
    for p in paras:
        b = _classify_one(p, styles)
        blocks.append(b)
        if b.kind == "heading":
            strong += 1
        for extra in p.extra_tables:
            blocks.append(Block(kind="table", text="", line=p.index, rows=extra, header_rows=1))
    _toc_title(blocks)
    if strong < 3:
        typography_headings(blocks)
    return blocks


def _classify_one(p: Para, styles: Styles) -> Block:
    if p.table is not None:
        return Block(kind="table", text="", line=p.index, rows=p.table, header_rows=p.header_rows)
    text = p.text.strip()
    base = dict(line=p.index, bold=p.bold, italic=p.italic, size=p.size)
    toc_level = styles.toc_level(p.style)
    m = _TOC_ENTRY_RE.match(text)
    if m and (p.in_toc or toc_level is not None or p.dot_leader):
        return Block(kind="toc_entry", text=m.group("title").strip(), toc_page=int(m.group("page")),
                     level=toc_level or (1 + max(0, p.indent) // 300), **base)  # type: ignore[arg-type]  # fmt: skip
    if toc_level is not None or p.in_toc:
        return Block(kind="paragraph", text=text, **base)  # type: ignore[arg-type]
    if _short(text):
        if p.outline is not None and p.outline < 9:
            return _heading(p, text, p.outline + 1, "outline")
        level = styles.heading_level(p.style)
        if level is not None:
            return _heading(p, text, level, "style")
        if p.number and p.num_id and _numbered_heading(p, styles):
            return _heading(p, f"{p.number} {text}", p.number.count(".") + 1 if "." in p.number else p.ilvl + 1,
                            "numbering")  # fmt: skip
    if p.num_id and p.num_id != "0" or styles.is_list(p.style):
        return Block(kind="list_item", text=text, **base)  # type: ignore[arg-type]
    if styles.is_caption(p.style) or (p.italic and len(text) <= 160 and not text.endswith(".")):
        return Block(kind="caption", text=text, **base)  # type: ignore[arg-type]
    return Block(kind="paragraph", text=text, **base)  # type: ignore[arg-type]


def _short(text: str) -> bool:
    return (
        0 < len(text) <= _MAX_HEADING_CHARS and len(text.split()) <= _MAX_HEADING_WORDS and "\t" not in text
    )


def _heading(p: Para, text: str, level: int, source: str) -> Block:
    return Block(kind="heading", text=text, line=p.index, level=max(1, min(level, 9)), heading_source=source,  # type: ignore[arg-type]
                 bold=p.bold, size=p.size)  # fmt: skip


def _numbered_heading(p: Para, styles: Styles) -> bool:
    """A numbered paragraph is a heading when its numbering is multi-level decimal and the line is title-like."""
    text = p.text.strip()
    if text.endswith((".", ":", ";", ",")) or not text[:1].isupper():
        return False
    return bool(re.fullmatch(r"\d+(\.\d+)*\.?", p.number)) and (p.bold or "." in p.number)


def _toc_title(blocks: list[Block]) -> None:
    for i, b in enumerate(blocks):
        if b.kind == "toc_entry":
            for j in range(i - 1, max(-1, i - 3), -1):
                if _TOC_TITLE_RE.match(blocks[j].text):
                    blocks[j].kind = "toc_title"
                    blocks[j].level = None
                    blocks[j].heading_source = None
                    return
            return
