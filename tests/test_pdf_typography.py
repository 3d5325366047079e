"""Heading levels from typography alone (no tags, no bookmarks), as a browser or a hand-formatted document sets them."""

from __future__ import annotations

from pathlib import Path

from pdf_factory import PdfBuilder
from test_pdf_layout import _body

import kvcli


def test_levels_from_sizes_with_a_subtitle_and_a_half_point_larger_h3(tmp_path: Path) -> None:
    # Title 22 pt, the unit's name under it in 14 pt, h1 16 pt, h2 13 pt, h3 11 pt bold over
    # 10.5 pt body text: the subtitle is the cover, not a level of its own, and the h3 counts.
    b = PdfBuilder().new_page()
    y = 780.0

    def line(text: str, size: float, bold: bool = False) -> None:
        nonlocal y
        b.text(text, 60, y, size=size, font="Helvetica-Bold" if bold else "Helvetica")
        y -= 1.6 * size

    line("Kvalitetsberättelse 2016", 22, True)
    line("Behandlingssektionen", 14)
    k = 0
    want = []
    for h1 in ("Inledning", "Verksamhet"):
        if y < 250:
            b.new_page()
            y = 780.0
        line(h1, 16, True)
        want.append((1, h1))
        for h2, h3 in ((f"Bakgrund för {h1.lower()}", "Mål och resultat"), (f"Uppdrag för {h1.lower()}", "Kommentar")):
            line(h2, 13, True)
            want.append((2, h2))
            for _ in range(3):
                line(_body(k, 0), 10.5)
                k += 1
            line(h3, 11, True)
            want.append((3, h3))
            for _ in range(3):
                line(_body(k, 0), 10.5)
                k += 1
    f = tmp_path / "typo.pdf"
    f.write_bytes(b.bytes())
    doc = kvcli.parse(f)
    assert [(s.level, s.title) for s in doc.sections if s.title] == want
