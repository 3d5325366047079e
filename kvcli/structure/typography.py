"""Headings from typography, for documents formatted by hand (no heading styles, no bookmarks).

A heading is a short standalone line, bold or larger than the body font (the size that
carries most text). Sizes rank the levels (largest = 1). When a document marks headings
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
        bigger = (b.size or body) > body + 0.5
        if bigger or b.bold:
            cands.append(i)
    larger = sorted({round((blocks[i].size or body) * 2) / 2 for i in cands if (blocks[i].size or body) > body + 0.5},
                    reverse=True)  # fmt: skip
    if len(larger) > 1:
        top = [i for i in cands if round((blocks[i].size or body) * 2) / 2 == larger[0]]
        first_text = next((i for i, b in enumerate(blocks) if b.text.strip()), -1)
        if len(top) == 1 and top[0] == first_text:
            # One line in the largest type, opening the document: its title, not chapter 1.
            cands.remove(top[0])
            larger = larger[1:]
    for i in cands:
        b = blocks[i]
        size = round((b.size or body) * 2) / 2
        if size > body + 0.5:
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
