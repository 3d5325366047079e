"""Scanned reports run through OCR: invisible words over page images, sizes from each line's height."""

from __future__ import annotations

from pathlib import Path

from pdf_factory import PdfBuilder
from test_pdf_layout import _body

import kvcli
from kvcli.readers import read


def _scan(tmp_path: Path, pages: list[list[tuple[str, float]]]) -> Path:
    """Pages of (line, size) set as an OCR layer: one invisible object per word, over a page image."""
    b = PdfBuilder()
    for lines in pages:
        b.new_page().scan_image()
        y = 780.0
        for k, (text, size) in enumerate(lines):
            if k and size >= 11:
                y -= 10  # space before a heading
            b.ocr_line(text, 60, y, size)
            y -= 1.5 * (size if size >= 11 else 9) + (8 if size >= 11 else 0)  # lines stand where the scan has them
    f = tmp_path / "scan.pdf"
    f.write_bytes(b.bytes())
    return f


_WORDS = ["verksamheten", "uppföljning", "brukarnas", "delaktighet", "kvaliteten", "rutinerna", "personalen"]


def _even_line(k: int) -> str:
    """Nine words of nine letters, each line's in another order: lines of one paragraph, equally long."""
    return " ".join((_WORDS[(k + j) % len(_WORDS)] + "xxxxxxxxxxx")[:9] for j in range(9))


def _report(tmp_path: Path) -> tuple[Path, list[tuple[int, str]]]:
    # Body text at 9 pt, measured by the OCR program as 9 or 10 pt from line to line (capitals and
    # descenders make a line taller); chapter headings at 14 or 15 pt, sections at 11 or 12 pt.
    pages: list[list[tuple[str, float]]] = []
    want: list[tuple[int, str]] = []
    k = 0
    for p, (h1, size1) in enumerate((("Inledning", 14), ("Verksamhet", 15))):
        lines: list[tuple[str, float]] = [(h1, size1)]
        want.append((1, h1))
        for h2, size2 in ((f"Bakgrund för {h1.lower()}", 11), (f"Uppdrag för {h1.lower()}", 12)):
            lines.append((h2, size2))
            want.append((2, h2))
            for j in range(4):
                lines.append((_even_line(p * 7 + k + j), 10 if (k + j) % 2 else 9))
            k += 1
        pages.append(lines)
    return _scan(tmp_path, pages), want


def test_ocr_layer_headings_from_size_classes_not_each_lines_measured_size(tmp_path: Path) -> None:
    f, want = _report(tmp_path)
    doc = kvcli.parse(f)
    assert [(s.level, s.title) for s in doc.sections if s.title] == want


def test_ocr_layer_body_lines_measured_a_point_apart_stay_one_paragraph(tmp_path: Path) -> None:
    f, _ = _report(tmp_path)
    rr = read(f)
    paragraphs = [b for b in rr.blocks if b.kind == "paragraph" and len(b.text) > 60]
    assert all(len(b.text) == 4 * 90 - 1 for b in paragraphs)
    assert len(paragraphs) == 4  # four lines each under four headings, of sizes 9 and 10 in turn


def test_ocr_layer_is_named_in_a_warning(tmp_path: Path) -> None:
    f, _ = _report(tmp_path)
    warnings = read(f).warnings
    assert any("invisible OCR layer" in w and "all pages" in w for w in warnings)


def test_visible_text_over_an_image_is_no_ocr_layer(tmp_path: Path) -> None:
    b = PdfBuilder().new_page().scan_image()
    b.text("Inledning", 60, 780, size=14).text(_body(0, 0), 60, 750, size=9)
    f = tmp_path / "img.pdf"
    f.write_bytes(b.bytes())
    assert not any("OCR" in w for w in read(f).warnings)


def test_ocr_layer_smaller_type_a_point_below_the_body_keeps_its_size(tmp_path: Path) -> None:
    # A table set a point smaller than the body: measured noise only makes lines taller, so 8 pt
    # under 9 pt body text is its own size (the table does not run on into the body), 10 pt is body.
    body = [(_even_line(k), 10 if k % 2 else 9) for k in range(8)]
    table = [(f"Antal ärenden {k} under året\t{100 + k}\t{120 + k}", 8) for k in range(4)]
    f = _scan(tmp_path, [[("Inledning", 14), *body[:4], *table, *body[4:]]])
    sizes = {b.text[:13]: b.size for b in read(f).blocks if b.kind == "paragraph"}
    assert sizes["Antal ärenden"] == 8
    assert set(sizes.values()) == {8, 9, 14}


def test_ocr_layer_a_paragraph_line_measured_taller_is_no_heading(tmp_path: Path) -> None:
    # One line of a paragraph measured a point and a half taller than its neighbours (brackets, "Å" and
    # descenders): with no fonts to tell, only space and short lines break an OCR paragraph.
    pages = []
    for p, h in enumerate(("Inledning", "Verksamhet")):
        lines: list[tuple[str, float]] = [(h, 14)]
        lines += [(_even_line(4 * p + k), 10.5 if k == 1 else 9) for k in range(4)]
        pages.append(lines)
    f = _scan(tmp_path, pages)
    doc = kvcli.parse(f)
    assert [s.title for s in doc.sections if s.title] == ["Inledning", "Verksamhet"]
    assert len([b for b in read(f).blocks if b.kind == "paragraph" and len(b.text) > 60]) == 2
