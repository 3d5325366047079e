"""KV703/KV704: goals followed up — each listed goal ("Mål:", "Målsättning 2:") with a status, and a goal
not (fully) reached with a next step.

A goal runs from its label to the next goal label or the end of its section. Its status is wording that
says how far it got ("Målet är delvis uppnått", "pågår", "Utfall:"); a next step is wording after the first
status that looks ahead ("arbetet fortsätter", "kommer att", "nästa år", a year after the period, "åtgärder").
A sentence naming a year of the period describes that year, not what comes next ("Under 2016 kommer vi att
fokusera …" in the goal's own description). Goals set for a later year ("Mål för 2017") are not followed up
yet and are left alone. A goal without status is a warning: results are what the report is for. A goal not
reached without a next step is info: the next step may be in next year's plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import RuleError
from ...model import Document
from ..base import Context, Rule, report_text
from ..model import Finding

_YEAR_RE = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d-])")
_SENTENCE_RE = re.compile(r"[^.!?;\n]+[.!?;]?")


@dataclass
class _Goal:
    section_id: str
    index: int  # line of the label in the section's text
    title: str
    body: str  # the goal's lines after its title


@dataclass
class GoalRule(Rule):
    check: str = "status"  # or "next-step"
    markers: re.Pattern[str] | None = None  # a goal's label ("Mål:")
    progress: re.Pattern[str] | None = None  # how far a goal got: its status
    unmet: re.Pattern[str] | None = None  # a status that leaves something to do
    next_step: re.Pattern[str] | None = None
    later: re.Pattern[str] | None = None  # a goal set for later ("kommande år")

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> GoalRule:
        check = cls.choice(raw, source, "check", ("status", "next-step"))
        markers = cls.pattern(raw, source, "markers")
        if "rest" not in markers.groupindex:
            raise RuleError(f"{source}: rule {raw.get('code')}: 'markers' needs a group (?P<rest>…) for the goal's text")
        return cls(**cls.common(raw, source), check=check, markers=markers, progress=cls.pattern(raw, source, "progress"),
                   unmet=cls.pattern(raw, source, "unmet"), next_step=cls.pattern(raw, source, "next_step"),
                   later=cls.pattern(raw, source, "later"))  # fmt: skip

    def run(self, ctx: Context) -> list[Finding]:
        md = ctx.doc.metadata
        end = md.period.end if md.period else None
        out = []
        for g in self._goals(ctx.doc):
            sec = ctx.doc.section(g.section_id)
            head = f"{sec.title if sec else ''} {g.title}"
            if self.later is not None and self.later.search(head):
                continue
            if end is not None and any(int(y) > end for y in _YEAR_RE.findall(head)):
                continue  # a goal for a year after the period
            found = self.progress.search(g.body) if self.progress else None
            if self.check == "status":
                if found is None:
                    out.append(self._at(ctx, g, goal=g.title))
                continue
            if found is None or self.unmet is None or not any(self.unmet.search(m.group(0))
                                                            for m in self.progress.finditer(g.body)):  # type: ignore[union-attr]
                continue  # no status (KV703's), or reached in full
            after = g.body[found.start():]
            ahead = [s for s in _SENTENCE_RE.findall(after)
                     if not (end is not None and any(int(y) <= end for y in _YEAR_RE.findall(s)))]  # fmt: skip
            if not any(self.next_step.search(s) for s in ahead) and not (  # type: ignore[union-attr]
                end is not None and any(int(y) > end for s in ahead for y in _YEAR_RE.findall(s))
            ):
                status = " ".join(found.group(0).split())
                out.append(self._at(ctx, g, goal=g.title, status=status))
        return out

    def _at(self, ctx: Context, g: _Goal, **values: str) -> Finding:
        sec = ctx.doc.section(g.section_id)
        page, line = sec.where(g.index) if sec else (None, None)
        return self.finding(ctx, section_id=g.section_id, page=page, line=line, evidence=g.title, **values)

    def _goals(self, doc: Document) -> list[_Goal]:
        out = []
        for si, s in enumerate(doc.sections):
            lines = report_text(s).split("\n")
            starts = []
            for i, ln in enumerate(lines):
                m = self.markers.match(ln.strip()) if self.markers else None
                if m:
                    starts.append((i, m.group("rest").strip()))
            for n, (i, rest) in enumerate(starts):
                stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
                body = [ln for ln in lines[i + 1 : stop]]
                title = rest
                if not title:
                    k = next((j for j, ln in enumerate(body) if ln.strip()), None)
                    nxt = doc.sections[si + 1] if si + 1 < len(doc.sections) else None
                    if k is None and nxt is not None and n + 1 == len(starts):
                        # "Mål:" closing its section: plain text took the goal's short title for a heading.
                        title, body = nxt.title, report_text(nxt).split("\n")
                    elif k is None:
                        continue  # a label with nothing under it is KV203's
                    else:
                        title, body = body[k].strip(), body[k + 1 :]
                out.append(_Goal(s.id, i, _clip(title), "\n".join(body)))
        return out


def _clip(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= 100 else t[:99] + "…"
