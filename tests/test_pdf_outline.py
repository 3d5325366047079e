"""PDF bookmarks as heading evidence: which paragraph a bookmark names."""

from __future__ import annotations

from kvcli.readers.blocks import Block
from kvcli.structure.headings import decide_headings


def _para(text: str, size: float = 12.0, bold: bool = False) -> Block:
    return Block(kind="paragraph", text=text, page=3, size=size, bold=bold)


def test_bookmark_does_not_name_a_paragraph_that_starts_with_a_longer_word() -> None:
    # "Internkontroll" is the next section's bookmark; a paragraph starting "internkontrollplanen,"
    # is body text, and none of its words may be lost.
    text = "internkontrollplanen, brukarundersökningar och olika typer av uppföljning av verksamheten."
    blocks = [_para("Egenkontroll", 14, True), _para("Viktiga delar är bland annat"), _para(text),
              _para("Internkontroll", 13, True), _para("Har interkontrollplanen följts?")]  # fmt: skip
    decide_headings(blocks, [(1, "Egenkontroll", 3), (2, "Internkontroll", 3)])
    assert [(b.kind, b.text) for b in blocks if b.kind == "heading"] == [("heading", "Egenkontroll"),
                                                                        ("heading", "Internkontroll")]  # fmt: skip
    assert blocks[2].kind == "paragraph" and blocks[2].text == text


def test_bookmark_names_a_heading_run_together_with_its_text() -> None:
    blocks = [_para("Personalstatistik Vuxensektionen Under året har fyra personer slutat.", 12, True)]
    decide_headings(blocks, [(2, "Personalstatistik Vuxensektionen", 3)])
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Personalstatistik Vuxensektionen"),
        ("paragraph", "Under året har fyra personer slutat."),
    ]


def test_bookmark_without_the_number_names_a_numbered_heading() -> None:
    # LaTeX prints "1.2 Vår enhet" and bookmarks "Vår enhet".
    blocks = [_para("1.2 Vår enhet", 12, True), _para("Verksamheten består av fem team.")]
    decide_headings(blocks, [(2, "Vår enhet", 3)])
    assert (blocks[0].kind, blocks[0].level) == ("heading", 2)
    assert blocks[1].kind == "paragraph"
