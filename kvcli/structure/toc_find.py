"""Find the printed table of contents among a reader's paragraphs, whatever the format.

Two kinds of evidence:
* the format marks TOC paragraphs (Word "toc N" styles, a TOC field or content control, a dot-leader
  tab): each such paragraph that reads as "title … page" is an entry; the TOC title is just above;
* nothing marks them (plain text, PDF): a TOC title ("Innehåll") followed by at least two lines of
  "title … page". In a PDF a long entry wraps, its first line without leaders or page; in plain text
  two blank lines after the entries end the TOC.
Levels come from the TOC style, else from indentation, ranked (a PDF's left edges, a text's leading spaces).
Only the first TOC counts: a second "Innehåll" further on is body text.
"""

from __future__ import annotations

from ..readers.blocks import Block
from .cues import is_toc_title, toc_entry

_PROSE = ("paragraph", "list_item", "caption")
_WORD_INDENT_PER_LEVEL = 300  # twips


def find_toc(blocks: list[Block]) -> None:
    """Mark the TOC title and entries in place (kinds ``toc_title``/``toc_entry``)."""
    if any(b.toc_level is not None or b.in_toc or b.leader for b in blocks):
        _marked_toc(blocks)
    else:
        _titled_toc(blocks)


def _marked_toc(blocks: list[Block]) -> None:
    first = None
    for i, b in enumerate(blocks):
        if b.kind not in _PROSE or not (b.toc_level is not None or b.in_toc or b.leader):
            continue
        entry = toc_entry(b.text)
        if entry is None:
            continue
        b.kind, b.text, b.toc_page = "toc_entry", entry[0], entry[1]
        b.level = b.toc_level or (1 + max(0, int(b.indent or 0)) // _WORD_INDENT_PER_LEVEL)
        first = i if first is None else first
    if first is not None:
        for j in range(first - 1, max(-1, first - 3), -1):
            if is_toc_title(blocks[j].text):
                blocks[j].kind = "toc_title"
                return


def _titled_toc(blocks: list[Block]) -> None:
    for i, b in enumerate(blocks):
        if b.kind != "paragraph" or not is_toc_title(b.text):
            continue
        entries: list[tuple[int, tuple[str, int]]] = []
        folded: list[int] = []
        j = i + 1
        while j < len(blocks) and blocks[j].kind in _PROSE:
            if entries and blocks[j].blank_before >= 2:
                break
            entry = toc_entry(blocks[j].text)
            if entry is None and j + 1 < len(blocks) and blocks[j + 1].kind == "paragraph" and blocks[j].page:
                # A long entry wraps (in a PDF): its first line has no leaders and no page number.
                joined = toc_entry(blocks[j].text + " " + blocks[j + 1].text)
                if joined is not None and len(blocks[j].text) < 200:
                    blocks[j + 1].x0 = blocks[j].x0
                    folded.append(j)
                    j += 1
                    entry = joined
            if entry is None:
                break
            entries.append((j, entry))
            j += 1
        if len(entries) < 2:
            continue
        b.kind = "toc_title"
        indents = sorted({_indent_key(blocks[k]) for k, _ in entries})
        for k, (title, page) in entries:
            e = blocks[k]
            e.kind, e.text, e.toc_page = "toc_entry", title, page
            e.level = _level(e, indents)
        for k in reversed(folded):
            del blocks[k]
        return


def _indent_key(b: Block) -> float:
    return round((b.x0 or 0.0) / 6) if b.x0 is not None else (b.indent or 0)


def _level(b: Block, indents: list[float]) -> int | None:
    """The rank of the entry's indentation among the TOC's: whatever a level's step (two spaces in a typed
    TOC, four in a converter's), the least indented entries are level 1. A TOC with no indentation at
    all says nothing of levels."""
    if b.x0 is None and not any(indents):
        return None
    return indents.index(_indent_key(b)) + 1
