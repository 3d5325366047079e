"""Headings from typography, for documents formatted by hand (no heading styles, no bookmarks).

A heading is a short standalone line, bold or larger than the body font (the size that
carries most text; half a point larger counts). Sizes rank the levels (largest = 1). Lines
opening the document in a style no heading shares are its cover. When a document marks headings
by size, a bold line at body size ("Kommentar:", "Enhetschefens kommentar") is emphasis,
not a heading. A single line in the largest type opening the document is its title.
Lines before the end of a table of contents belong to the cover.
"""

from __future__ import annotations

import re
from collections import Counter

from ..readers.blocks import Block
from .cues import short_heading

_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<title>\S.*)$")


def typography_headings(blocks: list[Block]) -> None:
    sizes = Counter()  # type: Counter[float]
    for b in blocks:
        if b.kind == "paragraph" and b.size:
            sizes[round(b.size * 2) / 2] += len(b.text)
    if not sizes:
        return
    body = sizes.most_common(1)[0][0]
    toc_end = max((i for i, b in enumerate(blocks) if b.kind in ("toc_entry", "toc_title")), default=-1)
    cands: list[int] = []
    for i, b in enumerate(blocks):
        if i <= toc_end or b.kind not in ("paragraph", "caption") or not short_heading(b.text.strip()):
            continue
        t = b.text.strip()
        if t.endswith((".", ":", ";", ",")) or "☐" in t or "☒" in t:
            continue
        bigger = _size(b, body) > body
        if bigger or b.bold:
            cands.append(i)
    _drop_cover(blocks, cands, body)
    larger = sorted({_size(blocks[i], body) for i in cands if _size(blocks[i], body) > body}, reverse=True)
    if len(larger) > 1:
        top = [i for i in cands if round((blocks[i].size or body) * 2) / 2 == larger[0]]
        first_text = next((i for i, b in enumerate(blocks) if b.text.strip()), -1)
        if len(top) == 1 and top[0] == first_text:
            # One line in the largest type, opening the document: its title, not chapter 1.
            cands.remove(top[0])
            larger = larger[1:]
    for i in cands:
        b = blocks[i]
        size = _size(b, body)
        if size > body:
            level = larger.index(size) + 1
        elif larger:
            continue  # the document marks headings by size: a bold body-size line is emphasis
        else:
            level = 1
        m = _NUMBERED_RE.match(b.text.strip())
        if m:
            level = m.group("num").count(".") + 1
        b.kind = "heading"
        b.level = level
        b.heading_source = "numbering" if m else "typography"


def _size(b: Block, body: float) -> float:
    """Font size in half points: 11 pt over 10.5 pt body text is larger (a browser's h3)."""
    return round((b.size or body) * 2) / 2


def _drop_cover(blocks: list[Block], cands: list[int], body: float) -> None:
    """Lines opening the document in a style no heading shares (a subtitle, the unit's name under
    the title) are its cover, up to the first line in a style that recurs."""
    style = Counter((_size(blocks[i], body), blocks[i].bold) for i in cands)
    first_page = next((b.page for b in blocks if b.text.strip()), None)
    leading: list[int] = []
    for i in cands:
        if style[(_size(blocks[i], body), blocks[i].bold)] > 1:
            break
        if blocks[i].page != first_page:
            return
        leading.append(i)
    if len(leading) < len(cands):
        for i in leading:
            cands.remove(i)
