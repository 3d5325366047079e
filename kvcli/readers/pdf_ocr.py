"""Scanned pages with an OCR text layer: invisible words laid over the page's image.

An OCR program knows no fonts: it sets each line's font size from the height of the line's letters
(a line of capitals or with descenders comes out a point or two larger than its neighbours) and
writes no bold or italic. Read as they are, those sizes make every other body line a "larger"
heading and break paragraphs between lines of one. So on such pages the sizes are snapped to the
size classes the document uses: the body text's size, and above (and below) it groups of sizes
that lie close together; what separates the classes is a clear step in size.
"""

from __future__ import annotations

from collections import Counter

from .pdf_layout import PageGeometry

_BODY_BAND = 0.1  # sizes within a tenth of the body size are the body text, measured unevenly
_STEP = 0.08  # a class ends where the next size used is more than this much larger
_SPAN = 1.2  # and a class never spans more than this ratio, however evenly its sizes are spread
# OCR programs write whole points: one point is the least step they can show, noise included. The
# noise only ever adds: capitals and descenders make a line taller, never shorter; so a point less
# than the body is smaller type (a table's, a footnote's), and is kept apart.
_QUANTUM = 1.0


def ocr_warning(geos: list[PageGeometry]) -> str | None:
    pages = [g.number for g in geos if g.ocr_layer]
    if not pages:
        return None
    where = "all pages" if len(pages) == len(geos) else f"{len(pages)} of {len(geos)} pages"
    return (
        f"the text of {where} is an invisible OCR layer over scanned page images: words and figures "
        "may carry recognition errors, and headings are judged from text size alone"
    )


def snap_ocr_sizes(geos: list[PageGeometry]) -> None:
    """Replace the run sizes of OCR pages by their size class's (see the module's doc)."""
    runs = [r for g in geos if g.ocr_layer for r in g.runs]
    weight: Counter[float] = Counter()
    for r in runs:
        weight[r.size] += len(r.text.strip())
    if not weight:
        return
    body = weight.most_common(1)[0][0]
    to: dict[float, float] = {
        s: body for s in weight if -_BODY_BAND * body <= s - body <= max(_BODY_BAND * body, _QUANTUM)
    }
    above = sorted(s for s in weight if s not in to and s > body)
    below = sorted((s for s in weight if s not in to and s < body), reverse=True)
    for sizes, quantum in ((above, _QUANTUM), (below, 0.0)):
        group: list[float] = []
        for s in sizes:
            if group and (
                abs(s - group[-1]) > max(_STEP * min(s, group[-1]), quantum)
                or max(s, group[0]) > _SPAN * min(s, group[0])
            ):
                _assign(to, group, weight)
                group = []
            group.append(s)
        _assign(to, group, weight)
    for r in runs:
        r.size = to.get(r.size, r.size)


def _assign(to: dict[float, float], group: list[float], weight: Counter[float]) -> None:
    if group:
        common = max(group, key=lambda s: (weight[s], s))
        for s in group:
            to[s] = common
