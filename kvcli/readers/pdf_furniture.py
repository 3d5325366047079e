"""Page furniture: running headers, footers and page numbers, found by repetition across pages.

Cropping fixed margins eats body text on some layouts and leaves furniture on others.
Instead, a line near the top or bottom of a page is furniture when a line with the same
text (digits normalised, so "Sida 3 (17)" matches "Sida 4 (17)") sits at about the same
height on other pages, or when it is a bare page number there.

A running header that names the current chapter ("9 LOKAL UPPFÖLJNING OCH STATISTIK  11")
repeats its text only within a chapter. It is found by position and shape: the outermost line
of most pages stands in one band, in one style, and on each page it carries the page's own
number or repeats the line of the page before or after it (dates, times, URLs and numbers aside).
The first line of body text also stands in one band on every page, but it neither numbers the
pages nor repeats.
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
    out |= _running_lines([p[0] for p in pages if p], n_pages)
    out |= _running_lines([p[-1] for p in pages if p], n_pages)
    return out


_URL_RE = re.compile(r"\b(?:https?://|file://|www\.)\S+", re.I)
_LEADING_NO_RE = re.compile(r"^(\d{1,4})\b")
_TRAILING_NO_RE = re.compile(r"(\d{1,4})(?:\s*(?:/|av|of|\()\s*\d{1,4}\)?)?$")
_SHARE = 0.5  # of the pages: a band this full is a running header or footer band
_AGREE = 0.8  # of a band's lines: numbering the pages or repeating a neighbour's text


def _running_lines(outer: list[Line], n_pages: int) -> set[tuple[int, int]]:
    """The outermost lines (the first, or the last, of each page) that form a running band."""
    if n_pages < 3:
        return set()
    out: set[tuple[int, int]] = set()
    bands: dict[int, list[Line]] = {}
    for ln in outer:
        bands.setdefault(round(ln.y0 / _Y_TOL), []).append(ln)
    for b in sorted(bands):
        # A band is the lines within one tolerance of its centre: a header may sit a point higher
        # on some pages.
        members = [ln for d in (-1, 0, 1) for ln in bands.get(b + d, [])]
        if len(members) < max(3, _SHARE * n_pages) or len(bands.get(b, [])) < len(members) / 2:
            continue
        style = Counter((round(ln.size * 2), ln.bold, ln.italic) for ln in members).most_common(1)[0][0]
        members = [ln for ln in members if (round(ln.size * 2), ln.bold, ln.italic) == style]
        good = _numbering(members) | _repeating(members)
        if len(good) >= max(3, _AGREE * len(members)):
            out |= {(ln.page, ln.index) for ln in members if (ln.page, ln.index) in good}
    return out


def _numbering(members: list[Line]) -> set[tuple[int, int]]:
    """Lines whose first or last number is the page's number (give or take a fixed offset: a cover
    page that is not counted). A chapter number may stand first: either end may be the page's."""
    offsets: dict[tuple[int, int], set[int]] = {}
    for ln in members:
        text = ln.text.strip()
        found = {int(m.group(1)) - ln.page for m in (_LEADING_NO_RE.search(text), _TRAILING_NO_RE.search(text)) if m}
        if found:
            offsets[(ln.page, ln.index)] = found
    if not offsets:
        return set()
    offset = Counter(off for found in offsets.values() for off in found).most_common(1)[0][0]
    return {key for key, found in offsets.items() if offset in found}


def _repeating(members: list[Line]) -> set[tuple[int, int]]:
    """Lines whose text (dates, times, URLs and numbers aside) is on the band of the page before or after."""
    by_page = {ln.page: _URL_RE.sub("<url>", _key(ln.text)) for ln in members}
    return {
        (ln.page, ln.index)
        for ln in members
        if by_page[ln.page] in (by_page.get(ln.page - 1), by_page.get(ln.page + 1))
    }


def _is_outermost(ln: Line, pages: list[list[Line]]) -> bool:
    lines = next((p for p in pages if p and p[0].page == ln.page), [])
    return bool(lines) and (ln is lines[0] or ln is lines[-1])
