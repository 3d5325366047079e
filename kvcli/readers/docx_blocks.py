"""Word paragraphs as neutral blocks, with the evidence Word holds about each one.

What the markup says, resolved through the style chain: the paragraph's outline level or heading
style (``marked_level``), a "toc N" style, a TOC field or content control, a dot-leader tab, its
rendered numbering and list level, a list or caption style, its indent and typography. Which of
them are headings, TOC entries, list items or captions is decided in ``kvcli.structure``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .blocks import Block
from .docx_styles import Styles

if TYPE_CHECKING:
    from .docx import Para

_MAX_OUTLINE = 9  # w:outlineLvl 9 is "body text"


def to_blocks(paras: list[Para], styles: Styles) -> list[Block]:
    blocks: list[Block] = []
    for p in paras:
        blocks.append(_block(p, styles))
        for extra in p.extra_tables:
            blocks.append(Block(kind="table", text="", line=p.index, rows=extra, header_rows=1))
    return blocks


def _block(p: Para, styles: Styles) -> Block:
    if p.table is not None:
        return Block(kind="table", text="", line=p.index, rows=p.table, header_rows=p.header_rows)
    b = Block(kind="paragraph", text=p.text.strip(), line=p.index, bold=p.bold, italic=p.italic, size=p.size,
              toc_level=styles.toc_level(p.style), in_toc=p.in_toc, leader=p.dot_leader, indent=p.indent,
              number=p.number if p.num_id else "", list_level=p.ilvl,
              numbered=bool(p.num_id and p.num_id != "0") or styles.is_list(p.style),
              caption_style=styles.is_caption(p.style))  # fmt: skip
    if p.outline is not None and p.outline < _MAX_OUTLINE:
        b.marked_level, b.marked_by = p.outline + 1, "outline"
    elif (level := styles.heading_level(p.style)) is not None:
        b.marked_level, b.marked_by = level, "style"
    return b
