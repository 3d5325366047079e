"""What the overview page is built from (typed inputs), and the rows and cells it shows.

The inputs are the library's own types — a ``Document`` and its ``FileReport`` per file, the rule packs'
concepts — so the page can be fed from the batch runner today and from ``kvcli.api`` later, and never
from dicts. Turning them into rows is pure: no I/O, the same inputs give the same page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ...checks.concepts import Concept, ConceptResult
from ...checks.model import FileReport, Finding
from ...model import Document, Section
from .texts import Words

STATUS_MARK = {"present": "✔", "weak": "~", "missing": "✘", "none": "–"}
STATUS_RANK = {"none": -1, "missing": 0, "weak": 1, "present": 2}
SEVERITIES = ("error", "warning", "info")
QUOTE_CHARS = 180


@dataclass(frozen=True)
class ReportEntry:
    """One readable file: what was parsed, and what the check said about it."""

    document: Document
    report: FileReport


@dataclass(frozen=True)
class Unreadable:
    path: str
    reason: str


@dataclass(frozen=True)
class PackInfo:
    name: str
    title: str
    sha256: str


@dataclass
class ReportMeta:
    """What the header says about the run; ``concepts`` are the heatmap's columns, in pack order."""

    generated: datetime
    version: str
    inputs: list[str]
    packs: list[PackInfo]
    concepts: list[Concept]
    title: str | None = None


@dataclass
class Cell:
    concept: Concept
    status: str  # present | weak | missing | none (not assessed)
    evidence: str  # the deciding sentence, or why there is none
    quote: str = ""
    location: str = ""

    def summary(self, w: Words) -> str:
        """One line for the hover text: verdict, place, evidence."""
        return ": ".join(x for x in (w[self.status], self.location, self.evidence) if x)


@dataclass
class Row:
    anchor: str
    entry: ReportEntry
    organisation: str | None
    unit: str | None
    start: int | None
    end: int | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.entry.report.path

    @property
    def findings(self) -> list[Finding]:
        return self.entry.report.findings

    def count(self, severity: str) -> int:
        return self.entry.report.count(severity)

    def unit_label(self, w: Words) -> str:
        return f"{self.organisation or w['unknown_org']} › {self.unit or w['unknown_unit']}"

    def period_label(self, w: Words) -> str:
        if self.start is None or self.end is None:
            return w["unknown_period"]
        return str(self.end) if self.start == self.end else f"{self.start}–{self.end}"

    def label(self, w: Words) -> str:
        return f"{self.unit_label(w)} › {self.period_label(w)}"


_SWEDISH_ORDER = str.maketrans(
    {"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "æ": "z\u0002", "ø": "z\u0003"}
)


def swedish_key(text: str | None) -> str:
    """Alphabetical as a Swedish reader expects it: å, ä, ö after z (code points put ä before å)."""
    return (text or "").casefold().translate(_SWEDISH_ORDER)


def _sort_key(entry: ReportEntry) -> tuple[object, ...]:
    md = entry.document.metadata
    period = md.period
    # Reports without metadata go last, not first: they are the ones to look at, but after the known ones.
    return (
        md.organisation is None, swedish_key(md.organisation),
        md.unit is None, swedish_key(md.unit),
        period is None, period.start if period else 0, period.end if period else 0,
        entry.report.path,
    )  # fmt: skip


def build_rows(entries: list[ReportEntry], concepts: list[Concept], w: Words) -> list[Row]:
    patterns = {c.id: _keywords(c) for c in concepts}
    rows = []
    for n, entry in enumerate(sorted(entries, key=_sort_key), start=1):
        md = entry.document.metadata
        row = Row(f"r{n}", entry, md.organisation, md.unit,
                  md.period.start if md.period else None, md.period.end if md.period else None)  # fmt: skip
        results = {c.id: c for c in entry.report.concepts}
        row.cells = [cell(entry.document, results.get(c.id), c, w, patterns[c.id]) for c in concepts]
        rows.append(row)
    return rows


def cell(
    doc: Document, result: ConceptResult | None, concept: Concept, w: Words, pattern: re.Pattern[str] | None
) -> Cell:
    """The verdict and the evidence it rests on: the first section the check cited, and the sentence in it
    that names the concept. The one place to change when the check records its own deciding sentence."""
    if result is None:
        return Cell(concept, "none", w["not_assessed"])
    sections = [s for sid in result.section_ids if (s := doc.section(sid)) is not None]
    if not sections:
        return Cell(concept, result.status, w["not_found"])
    # The first cited section whose text names the concept; else the first one the check cited.
    first, quote = next(((s, q) for s in sections if (q := _sentence(s, pattern))), (sections[0], ""))
    quote = quote or _sentence(first, None)
    evidence = w["quote"].format(quote) if quote else w["heading_only"]
    return Cell(concept, result.status, evidence, quote, location(first.page, first.line, w, first))


def location(page: int | None, line: int | None, w: Words, section: Section | None = None) -> str:
    parts = []
    if page:
        parts.append(f"{w['page']} {page}")
    if line:
        parts.append(f"{w['line']} {line}")
    if section is not None and section.title:
        parts.append(f"{w['section']} " + w["quote"].format(" › ".join(section.path or [section.title])))
    return ", ".join(parts) or w["no_location"]


_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]?")


def _keywords(concept: Concept) -> re.Pattern[str] | None:
    words = sorted(
        {k.casefold() for k in concept.keywords + concept.headings if k.strip()}, key=len, reverse=True
    )
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(k) for k in words) + r")\w{0,4}\b", re.I)


def _sentence(section: Section, pattern: re.Pattern[str] | None) -> str:
    """The first sentence that matches ``pattern`` (any sentence if None), whitespace tidied, shortened."""
    for m in _SENTENCE_RE.finditer(section.text):
        text = " ".join(m.group(0).split())
        if len(text.split()) >= 3 and (pattern is None or pattern.search(text)):
            return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
    return ""
