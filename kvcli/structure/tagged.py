"""Headings, list items and captions from a tagged PDF's structure tree, once the tree is judged.

A tag is the producer's word, and producers say many things: a browser tags every ``<h2>`` even
when it holds a paragraph; a converter tags every paragraph ``P``, headings included; some tag
nothing but a few spans. So the tree is trusted for headings only when it tags most of the text
and names at least three headings that read like headings, most of its heading tags do, and then
for the whole document: a heading tag on a long sentence is still refused, and a page the tree
does not cover gets its headings from the typography the tagged headings use.

Levels come from the tag (``H1``…``H6``; a plain ``H`` ranks by size), lifted so the top level in
use is 1. The cover title (the first heading, in type larger than any other heading) and the TOC
title are not sections.
"""

from __future__ import annotations

from ..readers.blocks import Block
from .cues import is_toc_title, short_heading

_HEADING_TAGS = {"H", "H1", "H2", "H3", "H4", "H5", "H6"}
_MIN_HEADINGS = 3
_MIN_TAGGED_SHARE = 0.6  # of the text in paragraphs, in characters
_MAX_BAD_SHARE = 0.34  # of the heading tags: more than this on sentences and the tags are styling


def tagged_structure(blocks: list[Block]) -> int:
    """Mark headings, list items and captions the tree gives; returns how many headings (0: not trusted)."""
    prose = [b for b in blocks if b.kind in ("paragraph", "caption", "list_item")]
    chars = sum(len(b.text) for b in prose)
    tagged = sum(len(b.text) for b in prose if b.tag)
    if not chars or tagged < _MIN_TAGGED_SHARE * chars:
        return 0
    tagged_heads = [b for b in prose if b.tag in _HEADING_TAGS and b.kind == "paragraph"]
    good = [b for b in tagged_heads if _reads_as_heading(b.text)]
    if len(good) < _MIN_HEADINGS or len(tagged_heads) - len(good) > _MAX_BAD_SHARE * len(tagged_heads):
        return 0
    toc_end = max((i for i, b in enumerate(blocks) if b.kind in ("toc_entry", "toc_title")), default=-1)
    heads = [b for b in good if not is_toc_title(b.text) and blocks.index(b) > toc_end]
    title = _cover_title(heads, blocks)
    if title is not None:
        heads.remove(title)
    levels = _levels(heads)
    for b in heads:
        b.kind, b.level, b.heading_source = "heading", levels[id(b)], "style"
    _untagged_pages(blocks, heads, toc_end)
    for b in blocks:
        if b.kind == "paragraph" and b.tag == "LI":
            b.kind = "list_item"
        elif b.kind == "paragraph" and b.tag == "Caption":
            b.kind = "caption"
    return len(heads)


def _reads_as_heading(text: str) -> bool:
    t = text.strip()
    return short_heading(t) and not (t.endswith(".") and len(t.split()) > 6)


def _cover_title(heads: list[Block], blocks: list[Block]) -> Block | None:
    """The first tagged heading, on the first page, in type larger than every other heading."""
    first = heads[0] if len(heads) >= 2 else None
    if first is None or first.size is None:
        return None
    size = first.size
    first_page = next((b.page for b in blocks if b.text.strip()), None)
    if first.page != first_page:
        return None
    return first if all((b.size or 0) < size - 0.5 for b in heads[1:]) else None


def _levels(heads: list[Block]) -> dict[int, int]:
    """Tag level, a plain H ranked by size under the numbered ones, lifted so the top level is 1."""
    sizes = sorted({round((b.size or 0) * 2) / 2 for b in heads if b.tag == "H"}, reverse=True)
    numbered = [int(b.tag[1]) for b in heads if len(b.tag) == 2]
    base = max(numbered, default=0)
    raw = {id(b): int(b.tag[1]) if len(b.tag) == 2 else base + 1 + sizes.index(round((b.size or 0) * 2) / 2)
           for b in heads}  # fmt: skip
    lift = min(raw.values(), default=1) - 1
    return {k: max(1, v - lift) for k, v in raw.items()}


def _untagged_pages(blocks: list[Block], heads: list[Block], toc_end: int) -> None:
    """A page the tree leaves out gets headings where its type matches the tagged headings' type."""
    tagged_pages = {b.page for b in blocks if b.tag}
    style: dict[tuple[float, bool], int] = {}
    for b in heads:
        style.setdefault((round((b.size or 0) * 2) / 2, b.bold), b.level or 1)
    for i, b in enumerate(blocks):
        if i <= toc_end or b.page in tagged_pages or b.kind != "paragraph" or b.size is None:
            continue
        level = style.get((round(b.size * 2) / 2, b.bold))
        if level is not None and _reads_as_heading(b.text) and not b.text.rstrip().endswith((":", ",", ";")):
            b.kind, b.level, b.heading_source = "heading", level, "typography"
