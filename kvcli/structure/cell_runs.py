"""Tables a web page or a copy-paste flattened to one cell per paragraph.

"Nämnd", "Beröm", "Klagomål", "Totalt", "Socialnämnden", "4", "12", "16", … : a run of short paragraphs
that is a header run of labels, then rows of the same width with a label first and numbers in every
other place. Such a run is rebuilt as the table it was; its cells are never headings and its row labels
never become an outline. The grid has to hold for at least two rows: one label and a number are prose.
"""

from __future__ import annotations

import re

from ..numbers import parse_number
from ..readers.blocks import Block
from .cues import is_toc_title

_MAX_CELL_CHARS = 60
_MAX_CELL_WORDS = 8
_MIN_WIDTH, _MAX_WIDTH = 2, 8
_MIN_ROWS = 2
_MISSING = {"-", "–", "—", "*", ".."}


def rebuild_cell_tables(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and _cell_like(blocks[j]):
            j += 1
        if j - i >= _MIN_WIDTH * (1 + _MIN_ROWS):
            k, table = _grid(blocks[i:j])
            if table is not None:
                out += blocks[i : i + k]
                out.append(table)
                i += k + sum(len(r) for r in table.rows)
                continue
        out += blocks[i : max(j, i + 1)]
        i = max(j, i + 1)
    return out


def _cell_like(b: Block) -> bool:
    t = b.text.strip()
    return (
        b.kind == "paragraph"
        and 0 < len(t) <= _MAX_CELL_CHARS
        and len(t.split()) <= _MAX_CELL_WORDS
        and "\t" not in t
        and not re.search(r"[.:;!?]$", t)
    )


def _value(t: str) -> bool:
    return t in _MISSING or parse_number(t) is not None


def _grid(run: list[Block]) -> tuple[int, Block | None]:
    """The widest grid found in ``run``: (cells before it, the table block)."""
    best: tuple[int, int, int] | None = None  # (cells covered, start, width)
    texts = [b.text.strip() for b in run]
    for start in range(0, len(texts)):
        for w in range(_MIN_WIDTH, _MAX_WIDTH + 1):
            head = texts[start : start + w]
            # A TOC one line per cell ("Innehåll", "Inledning", "3", …) has page numbers, not values.
            if len(head) < w or any(_value(c) for c in head) or is_toc_title(head[0]):
                continue
            rows = 0
            pos = start + w
            while pos + w <= len(texts):
                row = texts[pos : pos + w]
                if _value(row[0]) or not all(_value(c) for c in row[1:]):
                    break
                rows += 1
                pos += w
            if rows >= _MIN_ROWS and (best is None or (rows + 1) * w > best[0]):
                best = ((rows + 1) * w, start, w)
        if best is not None:
            break  # the first grid in the run; a later one starts a run of its own
    if best is None:
        return 0, None
    covered, start, w = best
    cells = run[start : start + covered]
    grid = [[c.text.strip() for c in cells[r : r + w]] for r in range(0, covered, w)]
    first = cells[0]
    return start, Block(kind="table", text="", page=first.page, line=first.line, rows=grid, header_rows=1)
