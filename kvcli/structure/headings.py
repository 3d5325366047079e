"""Which paragraphs are headings, list items and captions, from the evidence the reader handed up.

Trust order for headings: what the markup says (a Word outline level or heading style, a Markdown
"#") → Word numbering that reads as a chapter number ("2.1 Avvikelser") → a tagged PDF's structure
tree, when it is judged sound (``tagged``) → the document's own outline (PDF bookmarks), less the
entries that name the cover title or the TOC title → typography, used only when the document has
almost no marked headings (formatted by hand). Plain text with none of these gets its headings later, from its lines alone
(``standalone``). A caption is a caption-styled paragraph, or a short italic one beside a table.
"""

from __future__ import annotations

import re

from ..readers.blocks import Block
from .cues import is_toc_title, short_heading
from .tagged import tagged_structure
from .toc import title_score
from .typography import typography_headings

_MIN_MARKED = 3  # fewer marked headings than this: the document was formatted by hand
_MAX_LEVEL = 9


def decide_headings(blocks: list[Block], outline: list[tuple[int, str, int]]) -> None:
    marked = _marked(blocks)
    if marked < _MIN_MARKED and any(b.tag for b in blocks) and tagged_structure(blocks):
        pass  # the structure tree has spoken
    elif outline:
        _apply_outline(blocks, _sections_only(blocks, outline))
    elif marked < _MIN_MARKED:
        typography_headings(blocks)
    _captions(blocks)


def _sections_only(blocks: list[Block], outline: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """Bookmarks less those naming the TOC or the cover title (the document's first line, when more
    bookmarks follow): a browser's outline has both, and neither is a section."""
    first = next((b.text.strip() for b in blocks if b.text.strip()), "")
    out = [e for e in outline if not is_toc_title(e[1])]
    if len(out) > 2 and out[0][2] == 1 and title_score(out[0][1], first) >= 95:
        out = out[1:]
    return out


def _marked(blocks: list[Block]) -> int:
    """Headings and list items from markup; returns how many headings the markup gave."""
    count = 0
    for b in blocks:
        if b.kind != "paragraph" or b.toc_level is not None or b.in_toc:
            continue  # a TOC-styled paragraph that is not an entry is text, never a heading
        text = b.text.strip()
        level, source = b.marked_level, b.marked_by
        if level is not None and source != "text" and not short_heading(text):
            level = None  # a "heading" paragraph of 40 words is a styling accident
        if level is None and b.number and short_heading(text) and _chapter_number(b, text):
            level = b.number.count(".") + 1 if "." in b.number else b.list_level + 1
            source, b.text = "numbering", f"{b.number} {text}"
        if level is not None:
            b.kind, b.level, b.heading_source = "heading", max(1, min(level, _MAX_LEVEL)), source
            count += 1
        elif b.numbered:
            b.kind = "list_item"
    return count


def _chapter_number(b: Block, text: str) -> bool:
    """A numbered paragraph is a heading when its numbering is multi-level decimal and the line is title-like."""
    if text.endswith((".", ":", ";", ",")) or not text[:1].isupper():
        return False
    return bool(re.fullmatch(r"\d+(\.\d+)*\.?", b.number)) and (b.bold or "." in b.number)


def _apply_outline(blocks: list[Block], outline: list[tuple[int, str, int]]) -> None:
    """Each bookmark, in order, names the first paragraph on its page (or the next) that reads like it."""
    start = 0
    toc_end = max((i for i, b in enumerate(blocks) if b.kind in ("toc_entry", "toc_title")), default=-1)
    for level, title, page in outline:
        for i in range(max(start, toc_end + 1), len(blocks)):
            b = blocks[i]
            if b.page is not None and b.page > page + 1:
                break
            if b.kind not in ("paragraph", "caption") or (b.page is not None and b.page < page):
                continue
            rest = _named(b, title)
            if rest is not None:
                b.kind = "heading"
                b.level = level
                b.heading_source = "outline"
                if b.text.strip() != title and len(b.text) > len(title) + 3:
                    b.text = title
                    if rest:
                        blocks.insert(i + 1, Block(kind="paragraph", text=rest, page=b.page, line=b.line))
                start = i + 1
                break


_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)*\.?\s+")


def _named(b: Block, title: str) -> str | None:
    """What follows the title when the bookmark names this paragraph, else None. The paragraph
    reads like the title, or (a heading run together with its text) starts with the title's whole
    words, after its number if the title has none; never with a longer word: "Internkontroll" does
    not name "internkontrollplanen, brukarundersökningar …"."""
    for text in dict.fromkeys((b.text, _NUMBER_RE.sub("", b.text, count=1))):
        if len(text) <= len(title) + 3:
            if title_score(title, text) >= 90:
                return ""
        elif text.startswith(title) and not text[len(title) : len(title) + 1].isalnum():
            if title_score(title, text) >= 90 or (len(title) >= 8 and b.size is not None):
                return text[len(title) :].strip()
    return None


def _captions(blocks: list[Block]) -> None:
    for i, b in enumerate(blocks):
        if b.kind != "paragraph":
            continue
        if b.caption_style:
            b.kind = "caption"
        elif b.italic and len(b.text) <= 160:
            near = [blocks[k].kind for k in (i - 1, i + 1) if 0 <= k < len(blocks)]
            if "table" in near:
                b.kind = "caption"
