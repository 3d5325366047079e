"""Make small PDFs in tests with pdfium (text at chosen positions, rules, cell boxes, images-only pages)."""

from __future__ import annotations

import ctypes
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


class PdfBuilder:
    def __init__(self) -> None:
        self.pdf = pdfium.PdfDocument.new()
        self.page: pdfium.PdfPage | None = None

    def new_page(self, width: float = 595, height: float = 842) -> PdfBuilder:
        if self.page is not None:
            pdfium_c.FPDFPage_GenerateContent(self.page.raw)
        self.page = self.pdf.new_page(width, height)
        return self

    def text(self, s: str, x: float, y: float, size: float = 11, font: str = "Helvetica") -> PdfBuilder:
        assert self.page is not None
        obj = pdfium_c.FPDFPageObj_NewTextObj(self.pdf.raw, font.encode(), ctypes.c_float(size))
        ws = (s + "\0").encode("utf-16-le")
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(ws), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)
        return self

    def ocr_word(self, s: str, x: float, y: float, size: float, width: float | None = None) -> PdfBuilder:
        """A word as an OCR program lays it over a scan: invisible (render mode 3), in a plain font at a
        size taken from the line's height, stretched horizontally to fill the word's box."""
        assert self.page is not None
        obj = pdfium_c.FPDFPageObj_NewTextObj(self.pdf.raw, b"Helvetica", ctypes.c_float(size))
        ws = (s + "\0").encode("utf-16-le")
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(ctypes.c_char_p(ws), ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE)
        scale = 1.0
        if width is not None:
            left, bottom, right, top = (ctypes.c_float() for _ in range(4))
            pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top)))
            natural = right.value - left.value
            scale = width / natural if natural > 0 else 1.0
        pdfium_c.FPDFPageObj_Transform(obj, scale, 0, 0, 1, x, y)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)
        return self

    def ocr_line(self, s: str, x: float, y: float, size: float, letter: float = 4.8) -> PdfBuilder:
        """A line of OCR words, one invisible text object per word (with its space), each as wide as the
        scan shows it (``letter`` points a letter, whatever size the line was measured at)."""
        words = s.split()
        for k, word in enumerate(words):
            w = letter * len(word)
            self.ocr_word(word + (" " if k + 1 < len(words) else ""), x, y, size, w + (letter if k + 1 < len(words) else 0))
            x += w + letter
        return self

    def scan_image(self, width: float = 595, height: float = 842) -> PdfBuilder:
        """An image over the whole page, as a scanned page is (a small grey bitmap, stretched)."""
        assert self.page is not None
        bitmap = pdfium_c.FPDFBitmap_Create(8, 8, 0)
        pdfium_c.FPDFBitmap_FillRect(bitmap, 0, 0, 8, 8, 0xFFEEEEEE)
        obj = pdfium_c.FPDFPageObj_NewImageObj(self.pdf.raw)
        pdfium_c.FPDFImageObj_SetBitmap(None, 0, obj, bitmap)
        pdfium_c.FPDFImageObj_SetMatrix(obj, width, 0, 0, height, 0, 0)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)
        pdfium_c.FPDFBitmap_Destroy(bitmap)
        return self

    def rect(self, x: float, y: float, w: float, h: float) -> PdfBuilder:
        assert self.page is not None
        obj = pdfium_c.FPDFPageObj_CreateNewRect(x, y, w, h)
        pdfium_c.FPDFPath_SetDrawMode(obj, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)
        return self

    def box(self, x: float, y: float, w: float, h: float, width: float = 0.6) -> PdfBuilder:
        """A stroked rectangle: a browser draws each table cell's border so."""
        assert self.page is not None
        obj = pdfium_c.FPDFPageObj_CreateNewRect(x, y, w, h)
        pdfium_c.FPDFPageObj_SetStrokeWidth(obj, ctypes.c_float(width))
        pdfium_c.FPDFPageObj_SetStrokeColor(obj, 120, 120, 120, 255)
        pdfium_c.FPDFPath_SetDrawMode(obj, 0, 1)
        pdfium_c.FPDFPage_InsertObject(self.page.raw, obj)
        return self

    def hrule(self, x0: float, x1: float, y: float, width: float = 0.5) -> PdfBuilder:
        """A horizontal rule (booktabs draws a table's top, middle and bottom rules so)."""
        return self.rect(x0, y - width / 2, x1 - x0, width)

    def bytes(self) -> bytes:
        if self.page is not None:
            pdfium_c.FPDFPage_GenerateContent(self.page.raw)
        buf = io.BytesIO()
        self.pdf.save(buf)
        return buf.getvalue()


def encrypted_pdf(password: str = "hemligt") -> bytes:
    """A one-page PDF protected by a user password (made with pypdf, a test-only dependency)."""
    import pypdf

    src = pypdf.PdfReader(io.BytesIO(PdfBuilder().new_page().text("Hemligt", 50, 700).bytes()))
    writer = pypdf.PdfWriter()
    for page in src.pages:
        writer.add_page(page)
    writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A minimal PDF from object bodies (object i+1 = objects[i]), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
