"""Tables: captions, header rows and total rows, whatever reader produced them."""

from __future__ import annotations

import re

from ..readers.blocks import Block

TOTAL_RE = re.compile(r"^\s*(totalt?|summa|sum|samtliga|alla|hela\s+\w+)\b", re.I)


def is_total_label(label: str) -> bool:
    return bool(TOTAL_RE.match(label))


def total_row_indexes(rows: list[list[str]]) -> list[int]:
    return [i for i, r in enumerate(rows) if r and is_total_label(r[0])]


def looks_like_caption(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 90 or len(t.split()) > 8 or t.endswith((".", "?", ":", "!")):
        return False
    return not re.match(r"^(ja|nej)\b", t, re.I)


def infer_header_rows(rows: list[list[str]]) -> int:
    """Header rows the layout implies, whatever the format marked.

    A two-row header has a first row with gaps that a fully labelled second row explains
    (``| 2011 | | 2012 | |`` over ``| Inledda | Aktuella | … |``); a title row holding only
    its first cell ("Totalt antal anmälningar 0-20 år, 2011-2014") sits above the real header.
    """
    if len(rows) < 3:
        return 1
    first, second = rows[0], rows[1]
    first_gaps = sum(1 for c in first[1:] if not c.strip())
    second_text = [c for c in second[1:] if c.strip()]
    if first_gaps and len(second_text) == len(second) - 1 and not any(_numeric(c) for c in second_text):
        return 2
    return 1


def _numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"[-−+]?\d[\d\s.,]*\s*%?", cell.strip()))


_RULER_RE = re.compile(r"[-–—=_ ]*")


def group_line_tables(blocks: list[Block]) -> list[Block]:
    """Plain text: a run of consecutive tab-separated lines (no blank line between; a line the reader
    merged into a cell does not count) is one table. Ruler rows ("----") are dropped,
    trailing empty columns are tab noise, ragged rows are padded. A lone line with two filled cells
    ("Resultatindikator | Utfall") is still a table, an empty one; other lone tab lines stay text."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.cells is None or b.kind not in ("paragraph", "list_item"):
            out.append(b)
            i += 1
            continue
        j = i + 1
        while (j < len(blocks) and blocks[j].cells is not None and blocks[j].kind in ("paragraph", "list_item")
               and (blocks[j].line == (blocks[j - 1].line or 0) + 1 or blocks[j].blank_before == 0)):  # fmt: skip
            j += 1
        rows = [r for r in (blocks[k].cells or [] for k in range(i, j)) if not all(_RULER_RE.fullmatch(c) for c in r)]
        if len(rows) >= 2 or (rows and sum(1 for c in rows[0] if c) >= 2):
            width = max(_used(r) for r in rows)
            out.append(Block(kind="table", text="", page=b.page, line=b.line, rows=[(r + [""] * width)[:width] for r in rows]))
        else:
            out += blocks[i:j]
        i = j
    return out


def _used(row: list[str]) -> int:
    n = len(row)
    while n and not row[n - 1]:
        n -= 1
    return n
