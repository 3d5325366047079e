"""Joining a PDF's wrapped lines: spaces the producer dropped, words broken inside, hyphens."""

from __future__ import annotations

from pathlib import Path

from classified import read
from pdf_factory import PdfBuilder

from kvcli.readers.pdf_layout import Line, Run
from kvcli.readers.pdf_words import Joiner


def _line(text: str, x0: float = 60.0, y: float = 700.0, size: float = 10.0, width: float | None = None) -> Line:
    """A one-run line; 0.5 em a character unless told its width."""
    w = width if width is not None else 0.5 * size * len(text.rstrip())
    return Line(page=1, runs=[Run(x0, y, x0 + w, y + size, text, size, False, False)], text=text.strip())


# A word processor writes the space at which it wraps: the document's lines teach the joiner so.
_PROSE = [
    [
        _line("Verksamheten har arbetat med stöd och umgänge för barn ", y=700 - 12 * k)
        if k % 2 == 0
        else _line("samt med tillgänglighet och uppföljning av insatser ", y=700 - 12 * k)
        for k in range(8)
    ]
]


def test_cell_broken_inside_a_long_word_is_joined() -> None:
    j = Joiner(_PROSE)
    assert j.join_cell([_line("Tillgänglig"), _line("het", y=688)]) == "Tillgänglighet"


def test_cell_line_with_room_left_wrapped_at_a_dropped_space() -> None:
    # "Stödja" is narrower than "umgänge" below it: had the word gone on, more of it would have fitted.
    j = Joiner(_PROSE)
    cell = [_line("Stödja", size=12, width=38.7), _line("umgänge", y=686, size=12, width=50.0)]
    assert j.join_cell(cell) == "Stödja umgänge"


def test_range_broken_at_its_dash_stays_a_range() -> None:
    j = Joiner(_PROSE)
    assert j.join_cell([_line("Anmälan ungdom 13-"), _line("17 år", y=688)]) == "Anmälan ungdom 13-17 år"


def test_paragraph_keeps_a_suspended_compound_the_document_writes(tmp_path: Path) -> None:
    # The document writes "riskbruk- missbruk" inside a line, so at a line end it is the same
    # suspended compound; "verksam-⏎heten" is a word broken by the layout ("verksamheten" is used).
    b = PdfBuilder().new_page()
    lines = [
        "Stöd till barn i familjer med riskbruk- missbruk och beroende ges i grupp",
        "och enskilt. Verksamheten erbjuder även stöd till vuxna med riskbruk-",
        "missbruk och deras anhöriga. Under året har verksamheten utvecklat sitt arbete",
        "med uppföljning, och den nya modellen har införts i hela verksam-",
        "heten under hösten.",
    ]
    for k, text in enumerate(lines):
        b.text(text, 60, 700 - 13.2 * k)
    f = tmp_path / "p.pdf"
    f.write_bytes(b.bytes())
    text = " ".join(x.text for x in read(f).blocks)
    assert "vuxna med riskbruk- missbruk och" in text
    assert "i hela verksamheten under hösten" in text


def test_a_compound_the_document_writes_with_its_hyphen_keeps_it_at_a_line_end() -> None:
    # Justified text puts each word in a run of its own, so "unga-vuxna" stands at a run's edge; broken
    # after its hyphen at a line end it was read "ungavuxna". A word hyphenated only by the layout
    # still joins ("verksam-⏎heten").
    pages = [[_line("målgrupperna"), _line("unga-vuxna,", y=688), _line("samsjukliga", y=676),
              _line("verksamheten har arbetat", y=664)]]  # fmt: skip
    j = Joiner(pages)
    assert j.join([_line("riktat arbete för målgruppen unga-"), _line("vuxna tillsammans med MY.", y=688)]) == (
        "riktat arbete för målgruppen unga-vuxna tillsammans med MY."
    )
    assert j.join([_line("inom hela verksam-"), _line("heten under året", y=688)]) == "inom hela verksamheten under året"
