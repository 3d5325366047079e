"""KV203: a heading, or a template prompt ("Enhetschefens kommentar"), with nothing under it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...structure.questions import parse_option_line
from ..base import Context, Rule
from ..model import Finding


@dataclass
class EmptySectionRule(Rule):
    labels: list[str] = field(default_factory=list)

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> EmptySectionRule:
        return cls(**cls.common(raw, source), labels=[str(x).casefold() for x in raw.get("labels", [])])

    def _is_label(self, line: str) -> bool:
        t = re.sub(r"[\s:.]+$", "", line.strip().casefold())
        return bool(t) and t in self.labels

    def run(self, ctx: Context) -> list[Finding]:
        doc = ctx.doc
        out: list[Finding] = []
        busy = {t.section_id for t in doc.tables} | {q.section_id for q in doc.questions}
        secs = doc.sections
        for i, s in enumerate(secs):
            if s.level == 0:
                continue
            has_children = i + 1 < len(secs) and secs[i + 1].level > s.level
            if not s.text.strip() and s.id not in busy and not has_children:
                out.append(self.finding(ctx, section_id=s.id, page=s.page, line=s.line, title=s.title,
                                        evidence=s.title))  # fmt: skip
            # Template prompts inside the text: a label followed by another label or by nothing. Each is
            # reported at its own line (two blank "Kommentar:" in one section are two findings, two places).
            lines = [(i, ln) for i, ln in enumerate(s.text.split("\n")) if ln.strip()]
            for k, (i, ln) in enumerate(lines):
                nxt = lines[k + 1][1] if k + 1 < len(lines) else None
                # Empty when the next thing is another prompt: a label, the template's next question or its
                # Ja/Nej line ("Kommentar:" then "Har någon anmälan …?").
                follows_prompt = nxt is not None and (self._is_label(nxt) or nxt.rstrip().endswith("?")
                                                      or parse_option_line(nxt) is not None)  # fmt: skip
                if self._is_label(ln) and (nxt is None or follows_prompt):
                    if nxt is None and s.id in busy:
                        continue  # a table or question may follow the prompt
                    page, line = s.where(i)
                    out.append(self.finding(ctx, section_id=s.id, page=page, line=line,
                                            title=f"{s.title} › {ln.strip()}", evidence=ln))  # fmt: skip
        return out
