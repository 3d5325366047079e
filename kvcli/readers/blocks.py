"""Neutral blocks: what every reader yields, whatever the file format.

A reader's only job is to turn bytes into an ordered list of ``Block``s with provenance
(page, line) and *evidence*: what the format itself says about a paragraph (an outline
level, a heading or TOC style, a dot-leader tab, its numbering, its typography and place on
the page) and, for a PDF, its outline (bookmarks). A reader never decides what a paragraph is
beyond that: ``kvcli.structure`` alone decides what is a heading, the table of contents, a
caption or a table's header rows, from the evidence of the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Format, HeadingSource

BlockKind = Literal["paragraph", "heading", "list_item", "table", "toc_entry", "toc_title", "caption"]


@dataclass
class Block:
    kind: BlockKind
    text: str
    page: int | None = None
    line: int | None = None
    # Set by ``structure``: a heading's level (or a TOC entry's) and how it was known.
    level: int | None = None
    heading_source: HeadingSource | None = None
    # For tables: every row including header rows; ``header_rows`` says how many lead.
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 1
    # Typography, when the format has it; used by heading heuristics.
    bold: bool = False
    italic: bool = False
    size: float | None = None
    # For toc_entry: the printed page number.
    toc_page: int | None = None
    # Left edge on the page (PDF points), when the format has geometry: TOC levels come from indentation.
    x0: float | None = None
    # Evidence from the format's markup (None/False/"" when the format has no such thing):
    marked_level: int | None = None  # the markup makes this a heading of this level (Word outline
    marked_by: HeadingSource | None = None  # level or heading style, Markdown "#"), and which markup
    toc_level: int | None = None  # a Word "toc N" style
    in_toc: bool = False  # inside a Word TOC field or TOC content control
    leader: bool = False  # a dot-leader tab stop (Word)
    number: str = ""  # the rendered list/heading number ("2.1") of a numbered paragraph
    numbered: bool = False  # the paragraph is in a numbered or bulleted list (numbering or list style)
    list_level: int = 0  # its list level (Word w:ilvl)
    caption_style: bool = False  # a caption style (Word "Caption"/"Beskrivning")
    indent: float | None = None  # left indent in the format's unit (Word twips, leading spaces in text)
    blank_before: int = 0  # blank lines just before it (plain text)
    cells: list[str] | None = None  # a plain-text line with tabs: its tab-separated cells
    # A tagged PDF's structure element for this text: H1..H6 or H, P, LI, Caption, TOCI, TH/TD ... or
    # "Table" on a table the tree spelled out; "" when the format or the page has no tags. Tags are
    # the producer's word, often wrong ("P" on every heading): ``structure`` judges them as a whole.
    tag: str = ""


@dataclass
class ReadResult:
    path: str
    format: Format
    sha256: str
    blocks: list[Block]
    pages: int | None = None
    encoding: str | None = None
    # Page furniture (running headers/footers) and the cover page: kept out of the body, used for metadata.
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The document's own outline (PDF bookmarks): (level 1.., title, 1-based page), in order.
    outline: list[tuple[int, str, int]] = field(default_factory=list)
