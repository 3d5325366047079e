"""The common document model every reader produces and every later stage consumes.

The JSON shape (``Document.to_dict``) is a public contract described by
``kvcli/schemas/document.schema.json``: fields may be added, never renamed;
``SCHEMA_ID`` is bumped on a breaking change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_ID = "kvcli.document/1"

Format = Literal["txt", "docx", "pdf"]
HeadingSource = Literal["outline", "style", "numbering", "typography", "toc", "text", "preamble"]
FigureSource = Literal["table", "inline", "prose"]


@dataclass
class Source:
    path: str
    format: Format
    sha256: str
    pages: int | None = None
    encoding: str | None = None


@dataclass
class Period:
    start: int
    end: int


@dataclass
class Signatory:
    name: str
    title: str | None = None


@dataclass
class Approval:
    """Who approved (fastställde, godkände) the report, when, and under which minutes paragraph."""

    by: str | None = None  # "Socialnämnden"
    date: str | None = None  # ISO YYYY-MM-DD
    paragraph: str | None = None  # "§ 45"


@dataclass
class Evidence:
    """Where a metadata value was read: the cue that gave it, the text it stood in, and its place."""

    cue: str  # "title line", "closing date line", "field 'Datum'", …
    text: str  # the source text, shortened to a line's worth
    line: int | None = None  # line (text), paragraph (Word) or line on the page (PDF)
    page: int | None = None


@dataclass
class Metadata:
    title: str | None = None
    organisation: str | None = None
    unit: str | None = None
    period: Period | None = None
    report_date: str | None = None  # ISO YYYY-MM-DD
    signatory: Signatory | None = None
    # "kvalitetsberättelse", "patientsäkerhets- och kvalitetsberättelse", … as the title names it, lower case.
    document_type: str | None = None
    # Who compiled or wrote the report ("Handläggare", "Sammanställd av"): never taken for the unit it is about.
    author: str | None = None
    approval: Approval | None = None
    # One entry per field that has a value: where it came from. A field without a value has none.
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass
class Section:
    id: str
    title: str
    level: int  # 0 = preamble before the first heading, 1.. = heading depth
    path: list[str]
    page: int | None
    line: int | None
    text: str
    heading_source: HeadingSource = "text"
    # Where each line of ``text`` came from (one entry per "\n"-separated line): its line — a Word
    # paragraph's number — and its page, so a finding points at its own line, not at the heading.
    lines: list[int | None] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)

    def where(self, index: int) -> tuple[int | None, int | None]:
        """(page, line) of text line ``index``; the heading's own when the text has no such map."""
        if 0 <= index < len(self.lines):
            return (self.pages[index] if index < len(self.pages) else self.page), self.lines[index]
        return self.page, self.line

    def where_offset(self, offset: int) -> tuple[int | None, int | None]:
        """(page, line) of the character at ``offset`` in ``text``."""
        return self.where(self.text.count("\n", 0, max(0, offset)))


@dataclass
class Table:
    id: str
    section_id: str
    caption: str | None
    page: int | None
    header: list[list[str]]  # one list per header row (two-row headers are common)
    rows: list[list[str]]
    line: int | None = None
    total_rows: list[int] = field(default_factory=list)  # indexes into ``rows``


@dataclass
class Figure:
    label: str
    column: str
    value: float
    unit: str | None
    period: int | None
    section_id: str
    table_id: str | None
    page: int | None
    line: int | None
    text: str
    is_total: bool = False
    # "table", "inline" (a "Nyckeltal 2013 2014 …" run a PDF flattened into prose) or "prose" (a sentence).
    source: FigureSource = "table"
    # A part-year figure's qualifier as the report writes it ("tom 150918", "jan–aug", "mars–december"):
    # the value covers only part of ``period``.
    period_note: str | None = None


@dataclass
class Question:
    text: str
    options: list[str]
    answer: list[str] | None  # None = unanswered
    section_id: str
    page: int | None = None
    line: int | None = None


@dataclass
class Document:
    source: Source
    metadata: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The TOC as printed (title, level, page) — kept so checks can compare it with the body.
    toc: list[TocEntry] = field(default_factory=list)
    # Page furniture kept out of the body (running headers/footers, page numbers): reported, not lost.
    furniture: list[str] = field(default_factory=list)
    schema: str = SCHEMA_ID

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        # Put the schema id first: readers of the JSON look for it there.
        return {"schema": d.pop("schema"), **d}

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        md = d.get("metadata") or {}
        period = md.get("period")
        sig = md.get("signatory")
        approval = md.get("approval")
        return cls(
            source=Source(**d["source"]),
            metadata=Metadata(
                title=md.get("title"),
                organisation=md.get("organisation"),
                unit=md.get("unit"),
                period=Period(**period) if period else None,
                report_date=md.get("report_date"),
                signatory=Signatory(**sig) if sig else None,
                # Entries written before these fields existed have none of them.
                document_type=md.get("document_type"),
                author=md.get("author"),
                approval=Approval(**approval) if approval else None,
                evidence={k: Evidence(**e) for k, e in (md.get("evidence") or {}).items()},
            ),
            sections=[Section(**s) for s in d.get("sections", [])],
            tables=[Table(**t) for t in d.get("tables", [])],
            figures=[Figure(**f) for f in d.get("figures", [])],
            questions=[Question(**q) for q in d.get("questions", [])],
            warnings=list(d.get("warnings", [])),
            toc=[TocEntry(**e) for e in d.get("toc", [])],
            furniture=list(d.get("furniture", [])),
            schema=d.get("schema", SCHEMA_ID),
        )


@dataclass
class TocEntry:
    title: str
    level: int
    page: int | None
    line: int | None = None
