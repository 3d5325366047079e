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
