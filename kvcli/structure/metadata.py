"""Report metadata: title and kind of report, organisation, unit, author, period, date, signatory, approval.

Every field is ``None`` unless the document states it: a guess presented as fact would mislead an
auditor comparing archives. Every value carries its evidence — the cue that gave it and the line and
page it stood on — so a reader can check it, and the same report as .txt, .docx or .pdf gives the same
values: the cues read the text of the lines, never the format's layout.
"""

from __future__ import annotations

import re

from ..model import Evidence, Metadata, Period
from . import meta_org, meta_sign
from .meta_text import SourceLine
from .meta_title import document_type, find_title, matter_title, period_field, period_from_title, year_line

__all__ = ["SourceLine", "extract_metadata"]

_FRONT_LINES = 40


def extract_metadata(body: list[SourceLine], front_end: int, furniture: list[SourceLine]) -> Metadata:
    """``body``: every body line in order (headings included); ``front_end``: where the cover and preamble
    end (the first heading); ``furniture``: running headers and footers."""
    front = [ln for ln in body[: min(front_end, _FRONT_LINES)] if ln.kind != "heading"]
    md = Metadata()
    ev: dict[str, Evidence] = {}

    found = find_title(front, furniture, body[0] if body and front_end > 0 else None)
    if found is None:
        found = _matter(body)
    if found:
        md.title, ev["title"] = found
        kind = document_type(md.title)
        if kind:
            md.document_type, ev["document_type"] = (
                kind,
                Evidence("named in the title", md.title, ev["title"].line, ev["title"].page),
            )

    org = meta_org.organisation(furniture, front, body)
    if org:
        md.organisation, ev["organisation"] = org
    who = meta_org.author(front + body[:_FRONT_LINES])
    if who:
        md.author, ev["author"] = who
    unit = meta_org.unit(front + furniture, body, md.title, ev.get("title"), md.author)
    if unit:
        md.unit, ev["unit"] = unit

    closing = meta_sign.closing_date(body)
    dated = meta_sign.report_date(body, closing)
    if dated:
        md.report_date, ev["report_date"] = dated
    signed = meta_sign.signatory(body, closing, front_end)
    if signed:
        md.signatory, ev["signatory"] = signed
    approved = meta_sign.approval(body + furniture)
    if approved:
        md.approval, ev["approval"] = approved

    period = _period(md, ev, front, body)
    if period:
        md.period, ev["period"] = period
    md.evidence = ev
    return md


def _matter(body: list[SourceLine]) -> tuple[str, Evidence] | None:
    for i, ln in enumerate(body[:_FRONT_LINES]):
        if ln.kind == "heading" and ln.text.strip().casefold() == "förslag till beslut" and i > 0:
            return matter_title(body[i - 1].text, body[i - 1])
    return None


def _period(md: Metadata, ev: dict[str, Evidence], front: list[SourceLine],
            body: list[SourceLine]) -> tuple[Period, Evidence] | None:  # fmt: skip
    if md.title:
        p = period_from_title(md.title)
        if p:
            t = ev["title"]
            return p, Evidence("years in the title", t.text, t.line, t.page)
    found = period_field(front + body[:_FRONT_LINES]) or year_line(front)
    if found:
        return found
    if md.report_date:
        # A report dated early in a year reports on the year before, when its text keeps naming that year.
        y = int(md.report_date[:4]) - 1
        n = sum(len(re.findall(rf"(?<!\d){y}(?!\d)", ln.text)) for ln in body)
        if n >= 3:
            d = ev["report_date"]
            return Period(y, y), Evidence(
                f"year before the report date, named {n} times", d.text, d.line, d.page
            )
    return None
