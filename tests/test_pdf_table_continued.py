"""A table split by a page break whose header row is not repeated on the next page."""

from __future__ import annotations

from pathlib import Path

from classified import read
from pdf_factory import PdfBuilder

_COLS = [(60, 200), (262, 120), (384, 120)]


def _row(b: PdfBuilder, y: float, row: tuple[str, str, str], font: str = "Helvetica") -> None:
    for (x, w), text in zip(_COLS, row):
        b.box(x, y, w, 18).text(text, x + 4, y + 5, size=10, font=font)


def test_the_rows_on_the_next_page_continue_the_table(tmp_path: Path) -> None:
    b = PdfBuilder().new_page()
    b.text("Tabellen nedan visar antalet ärenden per område och år under perioden.", 60, 780, size=10)
    _row(b, 120, ("Område", "2013", "2014"), font="Helvetica-Bold")
    _row(b, 102, ("Ekonomiskt bistånd", "611", "753"))
    _row(b, 84, ("Missbruksvård", "97", "92"))
    b.new_page()
    _row(b, 760, ("Barn och unga", "496", "602"))
    _row(b, 742, ("Familjehem", "145", "171"))
    b.text("Antalet ärenden har ökat inom alla områden jämfört med föregående år.", 60, 700, size=10)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[["Område", "2013", "2014"], ["Ekonomiskt bistånd", "611", "753"], ["Missbruksvård", "97", "92"],
                       ["Barn och unga", "496", "602"], ["Familjehem", "145", "171"]]]  # fmt: skip


def test_a_new_table_with_its_own_header_on_the_next_page_stays_apart(tmp_path: Path) -> None:
    b = PdfBuilder().new_page()
    _row(b, 120, ("Område", "2013", "2014"), font="Helvetica-Bold")
    _row(b, 102, ("Ekonomiskt bistånd", "611", "753"))
    b.new_page()
    _row(b, 760, ("Enhet", "Budget", "Utfall"), font="Helvetica-Bold")
    _row(b, 742, ("Öppenvården", "11 893", "11 984"))
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert len(tables) == 2


def test_a_header_of_two_rows_repeated_on_the_next_page_is_dropped_whole(tmp_path: Path) -> None:
    # The first header row's value cell spans both year columns; a word processor repeats both
    # header rows at the top of the page the table goes on to.
    def header(y: float) -> None:
        b.box(60, y + 18, 200, 18).box(262, y + 18, 242, 18).text("År", 266, y + 23, size=10, font="Helvetica-Bold")
        _row(b, y, ("Nyckeltal", "2013", "2014"), font="Helvetica-Bold")

    b = PdfBuilder().new_page()
    b.text("Tabellen nedan visar antalet ärenden per område och år under perioden.", 60, 780, size=10)
    header(120)
    _row(b, 102, ("Ekonomiskt bistånd", "611", "753"))
    _row(b, 84, ("Missbruksvård", "97", "92"))
    b.new_page()
    header(742)
    _row(b, 724, ("Barn och unga", "496", "602"))
    b.text("Antalet ärenden har ökat inom alla områden jämfört med föregående år.", 60, 680, size=10)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[["", "År", ""], ["Nyckeltal", "2013", "2014"], ["Ekonomiskt bistånd", "611", "753"],
                       ["Missbruksvård", "97", "92"], ["Barn och unga", "496", "602"]]]  # fmt: skip
