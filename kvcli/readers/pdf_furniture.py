"""Page furniture: running headers, footers and page numbers, found by repetition across pages.

Cropping fixed margins eats body text on some layouts and leaves furniture on others.
Instead, a line near the top or bottom of a page is furniture when a line with the same
text (digits normalised, so "Sida 3 (17)" matches "Sida 4 (17)") sits at about the same
height on other pages, or when it is a bare page number there.
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_layout import Line

_EDGE_LINES = 3  # furniture sits among the first or last lines of a page
_Y_TOL = 6.0
_PAGE_NO_RE = re.compile(r"^\s*((sida|page|s\.)\s*)?\d{1,4}(\s*(\(|/|av|of)\s*\d{1,4}\)?)?\s*$", re.I)


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def find_furniture(pages: list[list[Line]]) -> set[tuple[int, int]]:
    """(page, line index) of every furniture line."""
    edge: list[tuple[int, Line]] = []
    for lines in pages:
        if not lines:
            continue
        picked = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
        edge += [(ln.page, ln) for ln in {id(x): x for x in picked}.values()]
    counts: Counter[tuple[str, int]] = Counter()
    for _, ln in edge:
        counts[(_key(ln.text), round(ln.y0 / _Y_TOL))] += 1
    n_pages = sum(1 for p in pages if p)
    needed = max(2, int(n_pages * 0.3))
    out: set[tuple[int, int]] = set()
    for page, ln in edge:
        k = _key(ln.text)
        near = sum(counts.get((k, round(ln.y0 / _Y_TOL) + d), 0) for d in (-1, 0, 1))
        if near >= needed or (_PAGE_NO_RE.match(ln.text) and _is_outermost(ln, pages)):
            out.add((page, ln.index))
    return out


def _is_outermost(ln: Line, pages: list[list[Line]]) -> bool:
    lines = next((p for p in pages if p and p[0].page == ln.page), [])
    return bool(lines) and (ln is lines[0] or ln is lines[-1])
