"""Tables: captions, header rows and total rows, whatever reader produced them."""

from __future__ import annotations

import re

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
