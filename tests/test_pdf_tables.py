"""PDF tables as producers draw them: cell boxes, rules only, or nothing but white space."""

from __future__ import annotations

from pathlib import Path

from classified import read
from pdf_factory import PdfBuilder


def _tables(b: PdfBuilder, tmp_path: Path) -> list[list[list[str]]]:
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    return [x.rows for x in read(f).blocks if x.kind == "table"]


def test_table_of_cell_boxes_with_gaps_is_one_table(tmp_path: Path) -> None:
    # A browser print: each cell its own stroked box, a hairline gap between neighbours.
    b = PdfBuilder().new_page().text("Sjukfrånvaro per enhet", 60, 760, size=13)
    cols = [(60, 150), (212, 70), (284, 70)]
    rows = [("Enhet", "2019", "2020"), ("Hemtjänst norra", "7,4", "6,1"), ("Särskilt boende", "9,0", "8,3")]
    for i, row in enumerate(rows):
        y = 720 - 22 * i
        for (x, w), text in zip(cols, row):
            b.box(x, y, w, 20).text(text, x + 4, y + 6, size=10.5)
    assert _tables(b, tmp_path) == [[list(r) for r in rows]]


def _prose(b: PdfBuilder, y: float, n: int = 4, size: float = 11, pitch: float = 13.2) -> float:
    """A paragraph of ``n`` lines: the document's line pitch is learnt from its body text."""
    words = "Verksamheten har under året arbetat vidare med rutiner för dokumentation och uppföljning av"
    for k in range(n):
        b.text(words, 60, y - k * pitch, size=size)
    return y - n * pitch


def test_borderless_table_with_wrapped_header_and_label_cells(tmp_path: Path) -> None:
    # A word processor's table without borders: cells padded, header cells wrapped over two
    # lines, a label wrapped under its row, a number grouped by a space.
    b = PdfBuilder().new_page()
    y = _prose(b, 780) - 20
    cols = (60, 260, 380)
    b.text("År", cols[0], y).text("Antal", cols[1], y).text("Antal", cols[2], y)
    y -= 13.2
    b.text("avslagsbeslut", cols[1], y).text("överklaganden", cols[2], y)
    body = [("2011", "1 473", "31"), ("Hushåll med", "445", "18"), ("2013", "558", "19")]
    for row in body:
        y -= 19.0
        for x, text in zip(cols, row):
            b.text(text, x, y)
        if row[0] == "Hushåll med":
            y -= 13.2
            b.text("försörjningsstöd", cols[0], y)
    _prose(b, y - 30)
    assert _tables(b, tmp_path) == [[
        ["År", "Antal avslagsbeslut", "Antal överklaganden"],
        ["2011", "1 473", "31"],
        ["Hushåll med försörjningsstöd", "445", "18"],
        ["2013", "558", "19"],
    ]]  # fmt: skip


def test_table_with_horizontal_rules_only(tmp_path: Path) -> None:
    # LaTeX booktabs: a rule above, one under the header, one below; rows at the line pitch, no
    # padding; a label wrapped onto a second line goes on in lower case.
    b = PdfBuilder().new_page()
    y = _prose(b, 780, size=10, pitch=12) - 20
    cols = (60, 300, 380)
    b.hrule(56, 440, y + 12)
    b.text("Insats", cols[0], y, size=10).text("2012", cols[1], y, size=10).text("2013", cols[2], y, size=10)
    b.hrule(56, 440, y - 5)
    y -= 5
    rows = [("Öppenvård missbruk, inledda", "45", "52"), ("insatser under året", "", ""), ("Boendestöd", "12", "9")]
    for row in rows:
        y -= 12
        for x, text in zip(cols, row):
            if text:
                b.text(text, x, y, size=10)
    b.hrule(56, 440, y - 4)
    _prose(b, y - 30, size=10, pitch=12)
    assert _tables(b, tmp_path) == [[
        ["Insats", "2012", "2013"],
        ["Öppenvård missbruk, inledda insatser under året", "45", "52"],
        ["Boendestöd", "12", "9"],
    ]]  # fmt: skip


def test_borderless_table_continued_on_next_page_is_one_table(tmp_path: Path) -> None:
    b = PdfBuilder()
    cols = (60, 260, 380)
    years = iter(range(2001, 2021))
    for page in range(2):
        b.new_page()
        y = _prose(b, 780) - 20 if page == 0 else 780.0
        b.text("År", cols[0], y).text("Beslut", cols[1], y).text("Ärenden", cols[2], y)
        for _ in range(8):
            y -= 19.0
            yr = next(years)
            b.text(str(yr), cols[0], y).text(str(yr - 1900), cols[1], y).text(str(yr - 1990), cols[2], y)
    got = _tables(b, tmp_path)
    assert len(got) == 1
    assert got[0][0] == ["År", "Beslut", "Ärenden"]
    assert [r[0] for r in got[0][1:]] == [str(y) for y in range(2001, 2017)]


def test_tight_columns_and_rows_with_empty_figures(tmp_path: Path) -> None:
    # LaTeX sets columns 12 pt apart whatever the font size; rows whose figures are empty are rows
    # of their own, not the rest of the label above them.
    b = PdfBuilder().new_page()
    y = _prose(b, 780, size=10, pitch=12) - 20
    x2 = 160 + 0.556 * 10 * 4 + 12  # "2012" is 22.2 pt wide in Helvetica 10 pt: the next column 12 pt on
    b.hrule(56, 260, y + 12)
    b.text("Kallelser", 60, y, size=10).text("2012", 160, y, size=10).text("2013", x2, y, size=10)
    b.hrule(56, 260, y - 5)
    y -= 5
    rows = [("LOB", "62", "17"), ("Rattonykterhet", "", ""), ("Övrigt", "", ""), ("Totalt", "67", "24")]
    for row in rows:
        y -= 12
        for x, text in zip((60, 160, x2), row):
            if text:
                b.text(text, x, y, size=10)
    b.hrule(56, 260, y - 4)
    _prose(b, y - 30, size=10, pitch=12)
    assert _tables(b, tmp_path) == [[["Kallelser", "2012", "2013"], *[list(r) for r in rows]]]


def test_rule_under_the_header_of_a_table_with_empty_figures(tmp_path: Path) -> None:
    # A word processor's table style: a rule under the header row only; every figure is empty
    # (a template not yet filled in), so the header is the table's only line of several cells.
    b = PdfBuilder().new_page()
    y = _prose(b, 780, size=12, pitch=14) - 24
    b.text("Resultatindikator", 72, y, size=12).text("Utfall", 270, y, size=12)
    b.hrule(66, 463, y - 3)
    labels = ["Förbättringsförslag", "Klagomål", "Beröm"]
    for label in labels:
        y -= 18
        b.text(label, 72, y, size=12)
    b.text("Brukarundersökning", 72, y - 30, size=14)
    _prose(b, y - 54, size=12, pitch=14)
    assert _tables(b, tmp_path) == [[["Resultatindikator", "Utfall"], *[[x, ""] for x in labels]]]


def test_a_group_label_spanning_the_year_columns_stands_in_the_first_of_them(tmp_path: Path) -> None:
    # Boxed cells; in the first row one box spans both year columns and its label is centred, so it
    # starts inside the second of them. A word processor keeps it in the first column of the span.
    cols = [(60, 200), (262, 120), (384, 120)]
    b = PdfBuilder().new_page()
    b.text("Tabellen nedan visar antalet ärenden per område och år under perioden.", 60, 780, size=10)
    b.box(60, 700, 200, 18).box(262, 700, 242, 18).text("År", 400, 705, size=10, font="Helvetica-Bold")
    rows = [("Nyckeltal", "2013", "2014"), ("Ekonomiskt bistånd", "611", "753"), ("Missbruksvård", "97", "92")]
    for k, row in enumerate(rows):
        for (x, w), text in zip(cols, row):
            b.box(x, 682 - 18 * k, w, 18).text(text, x + 4, 687 - 18 * k, size=10)
    b.text("Antalet ärenden har ökat inom alla områden jämfört med föregående år.", 60, 600, size=10)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[["", "År", ""]] + [list(r) for r in rows]]


def test_inner_rules_drawn_in_the_header_row_only_span_nothing(tmp_path: Path) -> None:
    # Outer frame and row rules throughout, a column rule in the header row only: the body's
    # figures stay in their own column, they are not taken for a span of the label column.
    b = PdfBuilder().new_page()
    b.rect(60, 700, 300, 0.5).rect(60, 682, 300, 0.5).rect(60, 664, 300, 0.5).rect(60, 646, 300, 0.5)
    b.rect(60, 646, 0.5, 54.5).rect(360, 646, 0.5, 54.5).rect(250, 682, 0.5, 18)
    b.text("Nyckeltal", 64, 687, size=10).text("2014", 300, 687, size=10)
    b.text("Ekonomiskt bistånd", 64, 669, size=10).text("753", 300, 669, size=10)
    b.text("Missbruksvård", 64, 651, size=10).text("92", 300, 651, size=10)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[["Nyckeltal", "2014"], ["Ekonomiskt bistånd", "753"], ["Missbruksvård", "92"]]]


def test_a_boxed_header_row_taller_than_usual_stays_in_the_table(tmp_path: Path) -> None:
    # At 1.5 line spacing a header cell wrapped over four lines makes a first row some 80 points
    # tall: it is still the table's first row, framed by the boxes' sides.
    cols = [(60, 200), (262, 120), (384, 120)]
    b = PdfBuilder().new_page()
    b.text("Tabell 5. Avslutade utredningar med och utan insats", 60, 780, size=10)
    lines = ["Antal avslutade", "utredningar med", "insats respektive", "utan insats"]
    for (x, w) in cols:
        b.box(x, 680, w, 82)
    for n, text in enumerate(lines):
        b.text(text, 64, 748 - 18 * n, size=10, font="Helvetica-Bold")
    rows = [("0-12 år", "51", "50"), ("13-17 år", "50", "25")]
    for k, row in enumerate(rows):
        for (x, w), text in zip(cols, row):
            b.box(x, 662 - 18 * k, w, 18).text(text, x + 4, 667 - 18 * k, size=10)
    b.text("Andelen utredningar med insats har ökat jämfört med föregående år.", 60, 600, size=10)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    tables = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert tables == [[[" ".join(lines), "", ""]] + [list(r) for r in rows]]
