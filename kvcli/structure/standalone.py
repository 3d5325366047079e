"""Headings in plain text without a TOC or Markdown markup: short standalone lines.

Structured text puts one paragraph per line, so a heading is a short line without
closing punctuation, between paragraphs. Four or more such lines in a row are a list
(a cover page, a list of documents), not a cascade of empty chapters.
"""

from __future__ import annotations

import re

from ..readers.blocks import Block
from .cues import short_heading
from .questions import parse_option_line

_MAX_RUN = 3


def is_heading_candidate(b: Block) -> bool:
    if b.kind not in ("paragraph",) or not b.text:
        return False
    t = b.text.strip()
    if not short_heading(t, plain=True):
        return False
    if t.endswith((".", ",", ":", ";", "!")) or not (t[0].isupper() or t[0].isdigit()):
        return False
    if re.fullmatch(r"[\d\s.,%–-]+", t) or parse_option_line(t) is not None:
        return False
    return True


def promote_standalone_headings(blocks: list[Block]) -> None:
    """Mark candidate lines as headings (level left for ``infer_levels``)."""
    if any(b.kind in ("heading", "toc_entry") for b in blocks):
        return  # the document says where its headings are
    cands = [is_heading_candidate(b) for b in blocks]
    i = 0
    while i < len(blocks):
        if not cands[i]:
            i += 1
            continue
        j = i
        while j < len(blocks) and cands[j]:
            j += 1
        if j - i <= _MAX_RUN and j < len(blocks):  # a heading needs something after it
            for k in range(i, j):
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                # A question is answered by the option line after it, it does not head a section.
                if blocks[k].text.rstrip().endswith("?") and nxt is not None and parse_option_line(nxt.text):
                    continue
                blocks[k].kind = "heading"
                blocks[k].heading_source = "text"
        i = j
