"""Formatters for parsed documents: readable outline, JSON, JSON Lines, Markdown.

All output passes through ``output.safe`` as its last step: kvcli never prints an identity number,
and the file name is shown the one safe way (escaped; in JSON with ``source.path_bytes`` when escaped).
"""

from __future__ import annotations

import json
from collections import Counter

from ..model import Document
from .safe import mask_output, safe_path, safe_text, with_path_bytes


def to_json(doc: Document, indent: int | None = 2) -> str:
    d = doc.to_dict()
    d["source"] = with_path_bytes(d["source"], "path")
    return mask_output(json.dumps(mask_output(d), ensure_ascii=False, indent=indent))


def to_jsonl(doc: Document) -> str:
    return to_json(doc, indent=None)


def to_text(doc: Document) -> str:
    """A tree of sections with their table/figure/question counts, then metadata."""
    tables = Counter(t.section_id for t in doc.tables)
    figures = Counter(f.section_id for f in doc.figures)
    questions = Counter(q.section_id for q in doc.questions)
    out = [
        f"{safe_path(doc.source.path)}  ({doc.source.format}"
        + (f", {doc.source.pages} pages" if doc.source.pages else "")
        + (f", {doc.source.encoding}" if doc.source.encoding else "")
        + ")"
    ]
    for s in doc.sections:
        counts = []
        for n, what in ((tables[s.id], "table"), (figures[s.id], "figure"), (questions[s.id], "question")):
            if n:
                counts.append(f"{n} {what}{'s' if n > 1 else ''}")
        title = s.title or "(preamble)"
        loc = f"p.{s.page}" if s.page else (f"l.{s.line}" if s.line else "")
        indent = "  " * max(0, s.level - 1)
        extra = f"  [{', '.join(counts)}]" if counts else ""
        out.append(f"  {indent}{title}{extra}  {loc}".rstrip())
    out.append("")
    out += _metadata_lines(doc)
    answered = sum(1 for q in doc.questions if q.answer)
    out.append(
        f"  {len(doc.sections)} sections, {len(doc.tables)} tables, {len(doc.figures)} figures, "
        f"{len(doc.questions)} questions ({answered} answered)"
    )
    for w in doc.warnings:
        out.append(f"  warning: {w}")
    return safe_text("\n".join(out))


def _metadata_lines(doc: Document) -> list[str]:
    """One line per field: the value, then where it was read (the cue and its line or page)."""
    md = doc.metadata
    period = None
    if md.period is not None:
        period = str(md.period.start) if md.period.start == md.period.end else f"{md.period.start}–{md.period.end}"
    sig = None if md.signatory is None else ", ".join(x for x in (md.signatory.name, md.signatory.title) if x)
    approval = None
    if md.approval is not None:
        approval = ", ".join(x for x in (md.approval.by, md.approval.date, md.approval.paragraph) if x)
    rows = [
        ("title", "title", md.title), ("report type", "document_type", md.document_type),
        ("organisation", "organisation", md.organisation), ("unit", "unit", md.unit),
        ("author", "author", md.author), ("period", "period", period), ("report date", "report_date", md.report_date),
        ("signatory", "signatory", sig), ("approval", "approval", approval),
    ]  # fmt: skip
    out = []
    for label, key, value in rows:
        ev = md.evidence.get(key)
        where = ""
        if value is not None and ev is not None:
            loc = ", ".join(x for x in (f"p.{ev.page}" if ev.page else "", f"l.{ev.line}" if ev.line else "") if x)
            where = f"  [{ev.cue}{', ' + loc if loc else ''}]"
        out.append(f"  {label + ':':<14}{value if value is not None else '-'}{where}")
    return out


def to_markdown(doc: Document) -> str:
    """Re-render the document as Markdown: headings, body text and tables in document order."""
    by_section: dict[str, list[str]] = {}
    for t in doc.tables:
        by_section.setdefault(t.section_id, []).append(_md_table(t.caption, t.header, t.rows))
    out: list[str] = []
    if doc.metadata.title:
        out.append(f"<!-- {doc.metadata.title} -->")
    for s in doc.sections:
        if s.level > 0:
            out.append("#" * min(s.level, 6) + " " + s.title)
            out.append("")
        if s.text:
            out.append(s.text.replace("\n", "\n\n"))
            out.append("")
        for rendered in by_section.get(s.id, []):
            out.append(rendered)
            out.append("")
    return safe_text("\n".join(out).rstrip() + "\n")


def _md_table(caption: str | None, header: list[list[str]], rows: list[list[str]]) -> str:
    width = max([len(r) for r in header + rows] or [1])
    head = [
        " ".join(filter(None, col)).strip() for col in zip(*[(h + [""] * width)[:width] for h in header])
    ] or [""] * width

    def esc(c: str) -> str:
        return c.replace("|", "\\|").replace("\n", " ")

    lines = []
    if caption:
        lines.append(f"*{esc(caption)}*")
        lines.append("")
    lines.append("| " + " | ".join(esc(c) for c in head) + " |")
    lines.append("|" + "---|" * width)
    for r in rows:
        lines.append("| " + " | ".join(esc(c) for c in (r + [""] * width)[:width]) + " |")
    return "\n".join(lines)


RENDER = {"text": to_text, "json": to_json, "jsonl": to_jsonl, "markdown": to_markdown}
