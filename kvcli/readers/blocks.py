"""Neutral blocks: what every reader yields, whatever the file format.

A reader's only job is to turn bytes into an ordered list of ``Block``s with
provenance (page, line). Everything above it (sections, tables, figures,
questions, metadata) is format-independent and lives in ``kvcli.structure``.
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
    # For headings: the level when the reader knows it (docx styles, pdf bookmarks), else None.
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
