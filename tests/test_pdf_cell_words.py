"""Words a narrow ruled table cell breaks because they do not fit its width."""

from __future__ import annotations

from pathlib import Path

from classified import read
from pdf_factory import PdfBuilder

_PROSE = [
    "Brukarundersökningen genomfördes under hösten och besvarades av de flesta ",
    "klienterna på enheten, som fick svara på frågor om tillgänglighet, bemötande ",
    "och delaktighet. Resultaten redovisas i tabellen nedan och jämförs med ",
    "föregående år, då undersökningen gjordes på samma sätt som i år.",
]


def test_a_word_broken_by_a_narrow_ruled_cell_is_one_word(tmp_path: Path) -> None:
    # The producer writes the space at which it wraps a line of prose; a cell line that ends
    # without one and is as wide as the cell's widest line was broken inside a word.
    b = PdfBuilder().new_page()
    for k, line in enumerate(_PROSE):
        b.text(line, 60, 780 - 13 * k, size=10)
    cols = [(60, 40), (100, 48), (148, 90)]
    header = [["År"], ["Tillgängli", "ghet"], ["Bemötande"]]
    for (x, w), lines in zip(cols, header):
        b.box(x, 660, w, 32)
        for n, text in enumerate(lines):
            b.text(text, x + 3, 680 - 12 * n, size=10)
    for (x, w), text in zip(cols, ["2013", "8,57", "8,70"]):
        b.box(x, 642, w, 18).text(text, x + 3, 647, size=10)
    b.text("Resultaten är i stort sett desamma som föregående år inom alla områden.", 60, 610, size=10)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    (t,) = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert t == [["År", "Tillgänglighet", "Bemötande"], ["2013", "8,57", "8,70"]]
