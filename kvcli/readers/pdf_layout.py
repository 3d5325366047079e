"""PDF geometry: text runs from pdfium, grouped into lines, columns and paragraphs.

pdfium segments a page's text into rectangles (runs of text on one line in one style);
reading those is ~15× faster than asking for every character, and each run carries
the font size and style of its first character. Coordinates are PDF points, y upwards.
"""

from __future__ import annotations

import bisect
import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .pdf_tags import PageTags, read_page_tags


@dataclass
class Run:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    italic: bool
    # Tagged PDF: the marked-content id of the run's text (-1: none), and whether it is an Artifact
    # (page furniture the producer marked as not part of the content).
    mcid: int = -1
    artifact: bool = False

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    page: int
    runs: list[Run]
    text: str = ""
    index: int = 0  # 1-based line number on its page
    column: int = 0  # on a page in columns: 1 left, 2 right; 0 what spans them (or no columns)

    @property
    def x0(self) -> float:
        return min(r.x0 for r in self.runs)

    @property
    def x1(self) -> float:
        return max(r.x1 for r in self.runs)

    @property
    def y0(self) -> float:
        return min(r.y0 for r in self.runs)

    @property
    def y1(self) -> float:
        return max(r.y1 for r in self.runs)

    @property
    def size(self) -> float:
        return max(r.size for r in self.runs)

    @property
    def bold(self) -> bool:
        return all(r.bold for r in self.runs if r.text.strip())

    @property
    def italic(self) -> bool:
        return all(r.italic for r in self.runs if r.text.strip())


@dataclass
class PageGeometry:
    number: int
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    hlines: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y)
    vlines: list[tuple[float, float, float]] = field(default_factory=list)  # (y0, y1, x)
    warnings: list[str] = field(default_factory=list)
    tags: PageTags | None = None  # the page's structure tree, when the PDF is tagged
    # Text objects drawn invisibly (render mode 3) and visibly, and the largest share of the page one
    # image covers: an OCR program lays invisible words over the scanned page's image.
    invisible_text: int = 0
    visible_text: int = 0
    image_cover: float = 0.0

    @property
    def ocr_layer(self) -> bool:
        """The page is a scan with an OCR text layer: its text is (nearly) all invisible, over an image
        of (most of) the page. Such text has no font style, and its sizes follow each line's height."""
        return self.image_cover >= 0.5 and self.invisible_text > 0 and self.visible_text <= 0.05 * self.invisible_text


_FONT_BUF = 256


def page_geometry(page: pdfium.PdfPage, number: int, max_chars: int = 200_000, tagged: bool = False) -> PageGeometry:
    width, height = page.get_size()
    geo = PageGeometry(number=number, width=width, height=height)
    _rules(page, geo)
    if tagged:
        geo.tags = read_page_tags(page.raw)
    tp = page.get_textpage()
    try:
        n = pdfium_c.FPDFText_CountChars(tp.raw)
        if n > max_chars:
            # A content stream drawn over and over (2 000 times over: 2.8 million characters) repeats the
            # same text; what the page shows is in its first characters.
            geo.warnings.append(
                f"page {number} draws {n:,} characters, over the limit of {max_chars:,} per page; "
                f"only the first {max_chars:,} are read"
            )
        geo.runs = _runs(tp, geo.vlines, min(n, max_chars), tagged)
    finally:
        tp.close()
    if geo.tags is not None:
        geo.tags.resolve(list(dict.fromkeys(r.mcid for r in geo.runs if r.mcid >= 0)))
    return geo


def _rules(page: pdfium.PdfPage, geo: PageGeometry) -> None:
    """Drawn lines and rectangles: the skeleton of ruled tables. A rule drawn twice counts once: a page
    whose content stream is repeated would otherwise multiply the work of every rule lookup."""
    bounds = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in bounds]
    area = max(1.0, geo.width * geo.height)
    for obj, kind in _page_objects(page.raw, None, 0):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
                geo.invisible_text += 1
            else:
                geo.visible_text += 1
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            if pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
                left, bottom, right, top = (v.value for v in bounds)
                w = min(right, geo.width) - max(left, 0.0)
                h = min(top, geo.height) - max(bottom, 0.0)
                if w > 0 and h > 0:
                    geo.image_cover = max(geo.image_cover, w * h / area)
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = (v.value for v in bounds)
        w, h = right - left, top - bottom
        if h <= 2.5 and w > 8:
            geo.hlines.append((left, right, (top + bottom) / 2))
        elif w <= 2.5 and h > 4:
            geo.vlines.append((bottom, top, (left + right) / 2))
        elif w > 8 and h > 4:
            # A filled or stroked rectangle (cell border/background): its four edges are rules.
            geo.hlines += [(left, right, bottom), (left, right, top)]
            geo.vlines += [(bottom, top, left), (bottom, top, right)]
    geo.hlines = _join_segments(list(dict.fromkeys(geo.hlines)))
    geo.vlines = _join_segments(list(dict.fromkeys(geo.vlines)))


_FORM_DEPTH = 2  # a path inside a form inside the page is drawn; deeper nesting is not looked into


def _page_objects(page_raw: object, form: object, level: int) -> Iterator[tuple[object, int]]:
    """(object, type) of the page's objects, and of the forms' objects they hold, in drawing order.
    Raw calls: a Python wrapper per object was a tenth of the parse on a browser print (7 700 objects)."""
    if form is None:
        n = pdfium_c.FPDFPage_CountObjects(page_raw)
    else:
        n = pdfium_c.FPDFFormObj_CountObjects(form)
    if n < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    for i in range(n):
        obj = pdfium_c.FPDFPage_GetObject(page_raw, i) if form is None else pdfium_c.FPDFFormObj_GetObject(form, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        yield obj, kind
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < _FORM_DEPTH - 1:
            yield from _page_objects(page_raw, obj, level + 1)


_SEGMENT_GAP = 3.0  # points: pieces of one rule further apart than this are two rules


def _join_segments(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Pieces of one rule drawn cell by cell (a browser draws each cell's border, with a hairline gap
    between cells) become one rule, so that the cells of a row or a column form one table."""
    if len(segments) < 2:
        return segments
    out: list[tuple[float, float, float]] = []
    for a, b, c in sorted(segments, key=lambda s: (round(s[2] * 2), s[0])):
        if out:
            pa, pb, pc = out[-1]
            if abs(pc - c) <= 0.5 and a <= pb + _SEGMENT_GAP:
                out[-1] = (pa, max(pb, b), pc)
                continue
        out.append((a, b, c))
    return out


# pdfium's FPDFText_GetTextObject returning the object's address as an int: the hot loop keys fonts by
# it, and casting each returned pointer object to an address cost as much as the call itself.
_TEXT_OBJECT_AT = ctypes.cast(
    pdfium_c.FPDFText_GetTextObject, ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
)


_FONT_OF = ctypes.cast(pdfium_c.FPDFTextObj_GetFont, ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p))


def _page_codes(raw: object, n: int) -> list[int]:
    """Every character's code, from one call for the page: pdfium's page text holds one code per
    character (its soft-hyphen marker as 0xFFFE, not 2). When the lengths disagree, code by code."""
    buf = (ctypes.c_ushort * (n + 1))()
    got = pdfium_c.FPDFText_GetText(raw, 0, n, buf) if n else 0
    codes = list(buf)[: max(0, got - 1)]
    if len(codes) != n or any(0xD800 <= c <= 0xDFFF for c in codes):
        return [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(n)]
    return codes


def _tenths(x: float) -> int:
    """n such that round(x, 1) == n / 10. round() converts to decimal exactly, which was a fifth of the
    character loop; x * 10 is off by far less than a millionth, so floor(x * 10 + 0.5) is n except at a
    tie (12.25, where round() goes to even), and there round() decides."""
    t = x * 10.0 + 0.5
    n = int(t)
    if n > t:
        n -= 1  # int() truncates towards zero: this is floor
    if t - n < 1e-6 or t - n > 0.999999:
        return round(round(x, 1) * 10)
    return n


def _runs(tp: pdfium.PdfTextPage, vlines: list[tuple[float, float, float]], n: int, tagged: bool = False) -> list[Run]:
    """Characters → runs: a new run at a style change, a baseline change or a gap wider than a space.

    Character by character, because pdfium's own text rectangles overlap where glyphs come from
    fallback fonts (checkbox boxes), and asking for the text inside a rectangle then repeats it.
    What belongs to a text object (font, style, size, marks) is asked once per object.
    """
    raw = tp.raw
    raw_address = ctypes.cast(raw, ctypes.c_void_p).value
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    buf = ctypes.create_string_buffer(_FONT_BUF)
    objects: dict[int, tuple[float, bool, bool, int, bool]] = {}  # address → (size, bold, italic, mcid, artifact)
    fonts: dict[int, tuple[bool, bool]] = {}  # font address → (bold, italic), for this page's lifetime
    rules = _RuleIndex(vlines) if vlines else None
    drawn: dict[tuple[int, float, float], int] = {}
    runs: list[Run] = []
    chars: list[str] = []  # the open run's text; its box and style below
    bx0 = by0 = bx1 = by1 = 0.0
    px0 = px1 = float("nan")  # the previous character's box edges (none yet)
    style: tuple[float, bool, bool, int, bool] = (0.0, False, False, -1, False)

    for i, code in enumerate(_page_codes(raw, n)):
        if code == 13 or code == 10:
            if chars:
                _emit(runs, chars, bx0, by0, bx1, by1, style)
                chars = []
            continue
        ch = "-" if code == 0xFFFE or code == 2 else chr(code) if 0 < code < 0x110000 else ""
        if not ch:
            continue
        # The loose box spans the font's ascent to descent, so "," and "4" share a line band.
        loose_box(raw, i, rect_ref)
        x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        # (code, round(x0, 1), round(y0, 1)), as tenths: round() only where it could disagree (see _tenths)
        tx, ty = x0 * 10.0 + 0.5, y0 * 10.0 + 0.5
        kx, ky = int(tx), int(ty)
        if not (kx <= tx and 1e-6 < tx - kx < 0.999999):
            kx = _tenths(x0)
        if not (ky <= ty and 1e-6 < ty - ky < 0.999999):
            ky = _tenths(y0)
        spot = (code, kx, ky)
        seen = drawn.get(spot)
        if seen is not None and seen < i - 1:
            continue  # the same glyph painted again on the same spot shows once; read it once
        drawn[spot] = i  # (a ligature, "tt", gives two neighbours on one spot: both are text)
        if ch.isspace():
            if chars:
                chars.append(" ")
            continue
        key = _TEXT_OBJECT_AT(raw_address, i) or 0
        found = objects.get(key) if key else None
        if found is None:
            found = _object_style(raw, i, key, buf, tagged, fonts)
            if key:
                objects[key] = found
        size = found[0] or round(y1 - y0, 1)
        cur = (size, *found[1:]) if size != found[0] else found
        if chars:
            gap = x0 - bx1
            # The parts of a ligature ("ﬂ" read as "f", "l") share one glyph's box: the second is no
            # step back. A table rule between two characters separates cells, however narrow the gap.
            ligature = x0 == px0 and x1 == px1
            if (
                not abs((y0 + y1) / 2 - (by0 + by1) / 2) <= 0.35 * max(size, 1.0)  # not on the same line
                or gap > 0.9 * size
                or (gap < -0.5 * size and not ligature)
                or style != cur
                or (rules is not None and rules.crosses(bx1 - 0.5, x0 + 0.5, (y0 + y1) / 2))
            ):
                _emit(runs, chars, bx0, by0, bx1, by1, style)
                chars = []
        if not chars:
            bx0, by0, bx1, by1 = x0, y0, x1, y1
            style = cur
        else:  # the run's box grows (comparisons, not min/max: this is the hot loop)
            if x0 < bx0:
                bx0 = x0
            if y0 < by0:
                by0 = y0
            if x1 > bx1:
                bx1 = x1
            if y1 > by1:
                by1 = y1
        chars.append(ch)
        px0, px1 = x0, x1
    if chars:
        _emit(runs, chars, bx0, by0, bx1, by1, style)
    return runs


def _emit(runs: list[Run], chars: list[str], x0: float, y0: float, x1: float, y1: float,
          style: tuple[float, bool, bool, int, bool]) -> None:  # fmt: skip
    text = "".join(chars)
    if text.strip():
        if _SWAPPED_RE.search(text):
            text = _unswap(text)
        runs.append(Run(x0, y0, x1, y1, text, *style))


# A ligature whose Unicode mapping was written with its bytes swapped (a re-distilled PDF's "ti" read as
# U+7400 U+6900, "Systema琀椀skt"): a CJK character whose low byte is 0 and whose high byte is a Latin
# letter, beside a Latin letter, is that letter.
_SWAPPED_RE = re.compile(
    "(?<=[A-Za-zÀ-ÖØ-öø-ÿ])[\u4100-\u5a00\u6100-\u7a00]+|[\u4100-\u5a00\u6100-\u7a00]+(?=[A-Za-zÀ-ÖØ-öø-ÿ])"
)


def _unswap(text: str) -> str:
    def letters(m: re.Match[str]) -> str:
        return "".join(chr(ord(c) >> 8) if ord(c) & 0xFF == 0 else c for c in m.group())

    return _SWAPPED_RE.sub(letters, text)


def _object_style(raw: object, i: int, key: int, buf: ctypes.Array[ctypes.c_char], tagged: bool,
                  fonts: dict[int, tuple[bool, bool]]) -> tuple[float, bool, bool, int, bool]:  # fmt: skip
    """(font size rounded to half points, or 0; bold; italic; marked-content id; in an Artifact) of the
    text object character ``i`` belongs to. pdfium gives one size per text object; a font's style is
    read once per page (a browser print has a text object per word, and a handful of fonts)."""
    size = round(float(pdfium_c.FPDFText_GetFontSize(raw, i)) * 2) / 2
    obj = pdfium_c.FPDFText_GetTextObject(raw, i) if key else None
    font = _FONT_OF(key) if key else None
    style = fonts.get(font) if font else None
    if style is None:
        style = _font_style(obj, buf)
        if font:
            fonts[font] = style
    return (size, *style, *(_marks(obj) if tagged else (-1, False)))


class _RuleIndex:
    """Vertical rules sorted by x: which rule lies between two characters is a bisect, not a scan."""

    def __init__(self, vlines: list[tuple[float, float, float]]) -> None:
        ordered = sorted(vlines, key=lambda v: v[2])
        self.xs = [v[2] for v in ordered]
        self.spans = [(v[0], v[1]) for v in ordered]

    def crosses(self, left: float, right: float, y: float) -> bool:
        if left > right:
            return False
        lo, hi = bisect.bisect_left(self.xs, left), bisect.bisect_right(self.xs, right)
        return any(a <= y <= b for a, b in self.spans[lo:hi])


_ARTIFACT = "Artifact".encode("utf-16-le")


def _marks(obj: object) -> tuple[int, bool]:
    """The marked-content id of a text object and whether it sits inside an Artifact."""
    if not obj:
        return -1, False
    mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj)
    artifact = False
    name = (ctypes.c_ushort * 16)()
    size = ctypes.c_ulong()
    for j in range(min(pdfium_c.FPDFPageObj_CountMarks(obj), 8)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, j)
        if mark and pdfium_c.FPDFPageObjMark_GetName(mark, name, ctypes.sizeof(name), ctypes.byref(size)):
            if bytes(name)[: max(0, size.value - 2)] == _ARTIFACT:
                artifact = True
    return mcid, artifact


def _font_style(obj: object, buf: ctypes.Array[ctypes.c_char]) -> tuple[bool, bool]:
    if not obj:
        return False, False
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    if not font:
        return False, False
    n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, _FONT_BUF)
    name = buf.raw[: max(0, n - 1)].decode("latin-1", errors="replace").lower() if n else ""
    weight = pdfium_c.FPDFFont_GetWeight(font) if hasattr(pdfium_c, "FPDFFont_GetWeight") else -1
    bold = weight >= 600 or any(w in name for w in ("bold", "black", "heavy", "semibold"))
    italic = "italic" in name or "oblique" in name
    return bold, italic


def group_lines(runs: list[Run], page: int) -> list[Line]:
    """Runs sharing a baseline band form a line; lines are returned top to bottom."""
    ordered = sorted(runs, key=lambda r: (-r.cy, r.x0))
    lines: list[Line] = []
    for r in ordered:
        placed = False
        for ln in reversed(lines[-3:]):
            h = max(ln.y1 - ln.y0, r.y1 - r.y0)  # leader dots are thin: use the taller box
            if abs(ln.runs[0].cy - r.cy) <= max(2.0, 0.45 * h):
                ln.runs.append(r)
                placed = True
                break
        if not placed:
            lines.append(Line(page=page, runs=[r]))
    for n, ln in enumerate(lines, start=1):
        ln.runs.sort(key=lambda r: r.x0)
        ln.text = join_runs(ln.runs)
        ln.index = n
    return lines


def join_runs(runs: list[Run]) -> str:
    """Text of runs on one line: a wide gap is a tab (a column or leader gap), a narrow one a space."""
    parts: list[str] = []  # text pieces and the separators between them; joined once (linear)
    prev: Run | None = None
    for r in runs:
        t = r.text.strip()
        if prev is not None:
            gap = r.x0 - prev.x1
            em = max(1.0, r.size)
            sep = "\t" if gap > 1.2 * em else " " if gap > 0.12 * em or prev.text.endswith(" ") else ""
            if sep:
                while parts and parts[-1] in (" ", "\t", ""):
                    parts.pop()  # a separator replaces the trailing blanks before it, as rstrip did
                if parts:
                    parts[-1] = parts[-1].rstrip()
                parts.append(sep)
        parts.append(t)
        prev = r
    return "".join(parts).strip()


def split_columns(runs: list[Run], width: float) -> list[list[Run]]:
    """Two-column pages: a vertical gutter that no run crosses, with text on both sides.

    Single-column text lines are one run each and cross the middle of the page, so they
    never split; a two-column page reads its left column before its right one.
    """
    if len(runs) < 8:
        return [runs]
    # Counted by bisection over sorted edges, not by a scan per candidate gutter. A run with x0 < x1
    # lies left of x, right of it or across it; the odd ones (empty or reversed boxes) are counted directly.
    proper = [r for r in runs if r.x0 < r.x1]
    odd = [r for r in runs if not r.x0 < r.x1]
    x0s, x1s, m = sorted(r.x0 for r in proper), sorted(r.x1 for r in proper), len(proper)
    # The gutter is where fewest runs cross: in justified text every word of a line can be a run of
    # its own, and a few of them then cross any x inside a column as seldom as text crosses the gutter.
    candidates: list[tuple[int, float, float]] = []
    x = width * 0.35
    while x <= width * 0.65:
        left = bisect.bisect_right(x1s, x)
        right = m - bisect.bisect_left(x0s, x)
        crossing = m - left - right
        if odd:
            crossing += sum(1 for r in odd if r.x0 < x < r.x1)
            left += sum(1 for r in odd if r.x1 <= x)
            right += sum(1 for r in odd if r.x0 >= x)
        if crossing <= len(runs) * 0.03 and left >= len(runs) * 0.3 and right >= len(runs) * 0.3:
            candidates.append((crossing, abs(x - width / 2), x))
        x += 4.0
    for _, _, x in sorted(candidates)[:_GUTTER_TRIES]:
        if _prose(runs, x, width):
            spanning = [r for r in runs if r.x0 < x < r.x1]
            # Always three groups, so that group 0 is what spans the gutter and 1, 2 the columns.
            return [spanning, [r for r in runs if r.x1 <= x], [r for r in runs if r.x0 >= x]]
    return [runs]


_GUTTER_TRIES = 8  # the best-placed candidate gutters that are checked for prose on both sides


def _prose(runs: list[Run], x: float, width: float) -> bool:
    """Columns of prose have wide lines on both sides; a table's label and number columns do not.

    Measured on line pieces, not runs: justified text in a narrow column spreads its words so far
    apart that each word is a run of its own, and a bullet is one too."""
    for side in ([r for r in runs if r.x1 <= x], [r for r in runs if r.x0 >= x]):
        widths = sorted(_pieces(side))
        if not widths or widths[len(widths) // 2] < 0.15 * width:
            return False
    return True


_WORD_GAP = 2.0  # ems: a justified line's widest word space; a table's columns stand further apart


def _pieces(runs: list[Run]) -> list[float]:
    """Widths of the stretches of text on each line: runs of one baseline closer than a wide gap."""
    out: list[float] = []
    ordered = sorted(runs, key=lambda r: (round(r.cy), r.x0))
    start = end = cy = 0.0
    for k, r in enumerate(ordered):
        if k and abs(r.cy - cy) <= 0.35 * max(r.size, 1.0) and r.x0 - end <= _WORD_GAP * max(r.size, 1.0):
            end = max(end, r.x1)
            continue
        if k:
            out.append(end - start)
        start, end, cy = r.x0, r.x1, r.cy
    if ordered:
        out.append(end - start)
    return out


_BULLET_RE = re.compile(r"^\s*[•●▪◦‣∙·\-–]\s+")


def is_bullet(text: str) -> bool:
    return bool(_BULLET_RE.match(text)) or text[:1] in ("\uf0b7", "\uf0a7", "")


def strip_bullet(text: str) -> str:
    return _BULLET_RE.sub("", text.lstrip("\uf0b7\uf0a7 \t")).strip()
