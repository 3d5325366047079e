"""PDF reader: pdfium (Apache/BSD) text geometry → lines → furniture removed → tables, headings, paragraphs.

Every block carries its page, its typography (size, bold, italic), its left edge and, in a tagged
PDF, the structure element its text belongs to; the PDF outline (bookmarks) goes up as the
document's outline. Which lines are headings, the printed TOC
or captions is decided in ``kvcli.structure`` from that evidence.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..errors import InputError, LimitError
from ..limits import Limits
from .blocks import ReadResult
from .pdf_blocks import layout_blocks
from .pdf_layout import PageGeometry, page_geometry
from .pdf_legible import illegible
from .pdf_ocr import ocr_warning, snap_ocr_sizes
from .pdf_safety import check_streams


def read_pdf(name: str, data: bytes, sha: str, limits: Limits) -> ReadResult:
    check_streams(name, data, limits)
    pdf = _open(name, data)
    try:
        n = len(pdf)
        if n > limits.max_pages:
            raise LimitError(name, f"PDF has {n:,} pages, over the limit of {limits.max_pages:,}")
        if n == 0:
            raise InputError(name, "PDF has no pages")
        warnings: list[str] = []
        geos: list[PageGeometry] = []
        tagged = _is_tagged(pdf)
        for i in range(n):
            try:
                page = pdf[i]
                try:
                    geos.append(page_geometry(page, i + 1, limits.max_page_chars, tagged))
                    warnings += geos[-1].warnings
                finally:
                    page.close()
            except pdfium.PdfiumError as exc:
                warnings.append(f"page {i + 1} could not be read ({exc}); its text is missing")
                geos.append(PageGeometry(number=i + 1, width=595, height=842))
        if not any(g.runs for g in geos):
            raise InputError(
                name, "PDF has no text layer (a scanned document?); OCR is needed before kvcli can read it"
            )
        if illegible("\n".join(r.text for g in geos for r in g.runs)):
            raise InputError(name, _ILLEGIBLE)
        bookmarks = _bookmarks(pdf)
    finally:
        pdf.close()
    ocr = ocr_warning(geos)
    if ocr:
        warnings.append(ocr)
        snap_ocr_sizes(geos)
    blocks, furniture = layout_blocks(geos)
    if sum(1 for g in geos if not g.runs) and sum(1 for g in geos if g.runs):
        warnings.append(f"{sum(1 for g in geos if not g.runs)} page(s) have no text layer (images only?)")
    return ReadResult(path=name, format="pdf", sha256=sha, blocks=blocks, pages=n, furniture=furniture,
                      warnings=warnings, outline=bookmarks)  # fmt: skip


_ILLEGIBLE = (
    "PDF text layer does not read as text (its fonts do not say which letters their glyphs are, as when "
    "printed to PDF through PostScript); OCR is needed before kvcli can read it"
)


def _open(name: str, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(
                name, "lösenordsskyddad (password-protected) PDF; remove the password and try again"
            ) from None
        raise InputError(name, f"not a valid PDF: {msg}") from None
    except Exception as exc:  # pdfium bindings raise plain errors for some damage
        raise InputError(name, f"not a valid PDF: {type(exc).__name__}: {exc}") from None


def _is_tagged(pdf: pdfium.PdfDocument) -> bool:
    """The catalog says the document carries a structure tree (/MarkInfo /Marked true)."""
    try:
        return bool(pdfium_c.FPDFCatalog_IsTagged(pdf.raw))
    except Exception:  # an old pdfium without the call: read the layout only
        return False


def _bookmarks(pdf: pdfium.PdfDocument) -> list[tuple[int, str, int]]:
    """(level 1.., title, 1-based page) for each outline entry, in order."""
    out: list[tuple[int, str, int]] = []
    try:
        for bm in pdf.get_toc(max_depth=6):
            dest = bm.get_dest()
            index = dest.get_index() if dest is not None else None
            title = (bm.get_title() or "").strip()
            if title and index is not None:
                out.append((bm.level + 1, title, index + 1))
            if len(out) > 5000:
                break
    except Exception:  # a broken outline is no reason to lose the text
        return []
    return out
