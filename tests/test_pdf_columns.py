"""Pages set in two columns: which gutter splits them, and where a column's lines end their paragraph."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from classified import read
from pdf_factory import PdfBuilder

_TEXT = (
    "Under året har verksamheten arbetat vidare med rutiner för dokumentation och uppföljning av "
    "insatser för enskilda. Arbetet har skett i samverkan med regionens psykiatri och primärvården, "
    "och med kommunens öppenvård för personer med missbruk eller beroende samt deras anhöriga."
).split()


def _widths(words: list[str], size: float = 10) -> list[float]:
    """Each word's printed width in Helvetica, as pdfium lays it out."""
    b = PdfBuilder().new_page()
    for k, w in enumerate(words):
        b.text(w, 10, 800 - 12 * k, size=size)
    page = pdfium.PdfDocument(b.bytes())[0]
    tp = page.get_textpage()
    out: list[float] = []
    for r in range(tp.count_rects()):
        left, _, right, _ = tp.get_rect(r)
        out.append(right - left)
    return out


def _wrap(words: list[str], width: float) -> list[list[str]]:
    """Greedy line breaking at a column width, as a word processor breaks a ragged-right column."""
    sizes = dict(zip(words, _widths(words)))
    space = 2.8
    lines: list[list[str]] = [[]]
    used = 0.0
    for w in words:
        if lines[-1] and used + space + sizes[w] > width:
            lines.append([])
            used = -space
        lines[-1].append(w)
        used += space + sizes[w]
    return lines


def test_justified_columns_whose_words_stand_apart_are_read_one_after_the_other(tmp_path: Path) -> None:
    # Justified text in a narrow column spreads its words more than an em apart, so every word is a
    # run of its own; the page is still two columns of prose, not a table of words.
    b = PdfBuilder().new_page()
    for side, x0 in (("Vänster", 60.0), ("Höger", 320.0)):
        lines = _wrap([side] + _TEXT, 170)
        for k, words in enumerate(lines):
            x, y = x0, 760 - 13 * k
            for w, width in zip(words, _widths(words)):
                b.text(w, x, y, size=10)
                x += width + 10.5  # a word space spread to more than an em: each word a run of its own
    f = tmp_path / "cols.pdf"
    f.write_bytes(b.bytes())
    text = " ".join(x.text for x in read(f).blocks)
    assert "Vänster Under året" in text and "Höger Under året" in text
    assert text.index("anhöriga.") < text.index("Höger")


def test_a_left_column_paragraph_is_one_block(tmp_path: Path) -> None:
    # Every line of the left column stops far short of the page's right edge; what says whether a
    # line ended its paragraph is the edge of its own column.
    b = PdfBuilder().new_page()
    for side, x0 in (("Vänster", 60.0), ("Höger", 320.0)):
        for k, words in enumerate(_wrap([side] + _TEXT, 215)):
            b.text(" ".join(words), x0, 760 - 13 * k, size=10)
    f = tmp_path / "cols.pdf"
    f.write_bytes(b.bytes())
    paragraphs = [x.text for x in read(f).blocks if x.kind == "paragraph"]
    assert paragraphs == [" ".join(["Vänster"] + _TEXT), " ".join(["Höger"] + _TEXT)]
