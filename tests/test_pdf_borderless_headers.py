"""Borderless tables whose header cells are set flush left and whose figures are set flush right."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from classified import read
from pdf_factory import PdfBuilder


def _width(text: str, size: float = 10) -> float:
    page = pdfium.PdfDocument(PdfBuilder().new_page().text(text, 10, 800, size=size).bytes())[0]
    tp = page.get_textpage()
    tp.count_rects()
    left, _, right, _ = tp.get_rect(0)
    return right - left


def test_a_header_beside_its_right_aligned_figures_heads_their_column(tmp_path: Path) -> None:
    # Cells from x 60 / 150 / 330 to 150 / 330 / 510, 5 points of padding: each header starts at its
    # cell's left edge, each figure ends at its cell's right edge, and none of them overlap.
    cells = [(60, 150), (150, 330), (330, 510)]
    rows = [("År", "Antal avslagsbeslut", "Antal överklaganden"), ("2011", "473", "31"), ("2012", "445", "18"),
            ("2013", "558", "19")]  # fmt: skip
    b = PdfBuilder().new_page()
    b.text("Nyckeltal för myndighetsenheten under de tre senaste åren redovisas i tabellen nedan.", 60, 780)
    for k, row in enumerate(rows):
        y = 740 - 15 * k
        for j, ((x0, x1), text) in enumerate(zip(cells, row)):
            x = x0 + 5 if k == 0 or j == 0 else x1 - 5 - _width(text)
            b.text(text, x, y, size=10, font="Helvetica-Bold" if k == 0 else "Helvetica")
    b.text("Antalet avslagsbeslut har ökat jämfört med föregående år, liksom antalet överklaganden.", 60, 640)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[list(r) for r in rows]]


def test_a_header_set_smaller_than_the_body_heads_the_table(tmp_path: Path) -> None:
    # No borders, the header row in 7 points over 11-point rows; the first row has a label and no
    # figure: the change of size, not the first figure, ends the header.
    rows = [("Resultatindikator", "Utfall"), ("Omvårdnad socialtjänst", ""), ("Kommunikation/information", "6"),
            ("Dokumentation", "1"), ("Säkerhet", "2")]  # fmt: skip
    b = PdfBuilder().new_page()
    b.text("Händelser som rapporterats under året redovisas i tabellen nedan per område.", 60, 780, size=11)
    y = 750.0
    for k, (label, value) in enumerate(rows):
        size = 7 if k == 0 else 11
        b.text(label, 65, y, size=size)
        if value:
            b.text(value, 300, y, size=size)
        y -= 10 if k == 0 else 16
    b.text("Antalet rapporterade händelser är lägre än föregående år inom alla områden.", 60, y - 20, size=11)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[list(r) for r in rows]]


def test_a_smaller_header_wrapped_over_two_lines_is_not_a_table_of_its_own(tmp_path: Path) -> None:
    # Both header lines are split by wide gaps like a table's rows; the figures under them are set
    # larger. The header lines head the figures' table.
    b = PdfBuilder().new_page()
    b.text("Resultatet av brukarundersökningen redovisas per område i tabellen nedan.", 60, 780, size=11)
    xs = [65, 160, 260, 380]
    for x, text in zip(xs, ("År", "Antal svar", "Bemötande och", "Trygghet och")):
        b.text(text, x, 750, size=7)
    for x, text in zip(xs[2:], ("förhållningssätt", "säkerhet")):
        b.text(text, x, 742, size=7)
    for n, row in enumerate((("2012", "129", "81", "85"), ("2013", "174", "77", "82"))):
        for x, text in zip(xs, row):
            b.text(text, x, 726 - 16 * n, size=11)
    b.text("Andelen nöjda brukare är på samma nivå som föregående år inom alla områden.", 60, 670, size=11)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[["År", "Antal svar", "Bemötande och förhållningssätt", "Trygghet och säkerhet"],
                       ["2012", "129", "81", "85"], ["2013", "174", "77", "82"]]]  # fmt: skip


def test_a_smaller_year_row_over_two_label_columns_each_is_a_header_row(tmp_path: Path) -> None:
    # No borders. A 7-point row of years, each set flush right in the first of its two columns,
    # over an 11-point row of labels set flush left, over figures set flush right: the labels
    # share no column with the figures, the years stand over the figures.
    left, right = [160, 230, 300, 370], [220, 290, 360, 430]
    b = PdfBuilder().new_page()
    b.text("Inledda och aktuella insatser per enhet och år redovisas i tabellen nedan.", 60, 780, size=11)
    for year, r in (("2011", right[0]), ("2012", right[2])):
        b.text(year, r - _width(year, 7), 750, size=7)
    for label, x in zip(("Inledda", "Aktuella", "Inledda", "Aktuella"), left):
        b.text(label, x, 733, size=11)
    body = [("CM", "2", "15", "7", "17"), ("Slussen", "11", "21", "3", "14"), ("Öppenvården", "18", "58", "18", "54")]
    for n, row in enumerate(body):
        y = 719 - 13.5 * n
        b.text(row[0], 65, y, size=11)
        for text, r in zip(row[1:], right):
            b.text(text, r - _width(text, 11), y, size=11)
    b.text("Antalet inledda insatser har ökat inom öppenvården under perioden.", 60, 660, size=11)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[["", "2011", "", "2012", ""], ["", "Inledda", "Aktuella", "Inledda", "Aktuella"]]
                      + [list(r) for r in body]]  # fmt: skip
