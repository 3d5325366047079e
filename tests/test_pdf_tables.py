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
