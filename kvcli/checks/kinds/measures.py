"""KV705: improvement measures (åtgärder, förbättringsåtgärder) listed without an owner, a date or a follow-up.

The measures are the list items and table rows of a section named for them ("Förbättringsåtgärder",
"Handlingsplan", "Utvecklingsområden 2016"). A measure is followed through when its text, or what governs
it, names who is responsible ("Ansvarig: enhetschef"), when ("senast i juni", "under 2017", a year in the
heading or in the line that introduces the list: "Prioriterade områden 2015:") or how it is followed up
("följs upp på APT i december"). A table row counts its filled cells under their headers: "Ansvarig |
Klart" filled in is an owner and a date. Info: a plan may hold the details elsewhere, but a reviewer asks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...model import Document, Section
from ..base import Context, Rule, report_text
from ..model import Finding


@dataclass
class _Measure:
    section: Section
    page: int | None
    line: int | None
    text: str  # the measure as written
    context: str  # the heading and the list's lead line: what they say holds for every item


@dataclass
class MeasureRule(Rule):
    headings: re.Pattern[str] | None = None
    owner: re.Pattern[str] | None = None
    when: re.Pattern[str] | None = None
    follow_up: re.Pattern[str] | None = None

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> MeasureRule:
        return cls(**cls.common(raw, source), headings=cls.pattern(raw, source, "sections"),
                   owner=cls.pattern(raw, source, "owner"), when=cls.pattern(raw, source, "when"),
                   follow_up=cls.pattern(raw, source, "follow_up"))  # fmt: skip

    def run(self, ctx: Context) -> list[Finding]:
        out = []
        for m in self._measures(ctx.doc):
            text = f"{m.context}\n{m.text}"
            if any(rx is not None and rx.search(text) for rx in (self.owner, self.when, self.follow_up)):
                continue
            quote = " ".join(m.text.split())
            quote = quote if len(quote) <= 100 else quote[:99] + "…"
            out.append(self.finding(ctx, section_id=m.section.id, page=m.page, line=m.line, measure=quote,
                                    evidence=quote))  # fmt: skip
        return out

    def _measures(self, doc: Document) -> list[_Measure]:
        out: list[_Measure] = []
        for s in doc.sections:
            if s.level == 0 or self.headings is None or not self.headings.search(s.title):
                continue
            lead = ""
            for i, ln in enumerate(report_text(s).split("\n")):
                t = ln.strip()
                if not t:
                    continue
                if t.startswith(("- ", "• ", "– ")):
                    page, line = s.where(i)
                    out.append(_Measure(s, page, line, t[2:].strip(), f"{s.title}\n{lead}"))
                else:
                    lead = t
            for tb in doc.tables:
                if tb.section_id != s.id:
                    continue
                header = tb.header[-1] if tb.header else []
                for r, row in enumerate(tb.rows):
                    if not row or not row[0].strip():
                        continue
                    cells = " ".join(f"{header[c] if c < len(header) else ''}: {v.strip()}"
                                     for c, v in enumerate(row[1:], start=1) if v.strip())  # fmt: skip
                    line = tb.line + len(tb.header) + r if tb.line is not None else None
                    out.append(_Measure(s, tb.page, line, row[0].strip(), f"{s.title}\n{tb.caption or ''}\n{cells}"))
        return out
