"""KV401/KV402: questionnaire items left unanswered, and "Om ja, ange antal:" left blank."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..base import Context, Rule
from ..model import Finding

_COUNT_PROMPT_RE = re.compile(
    r"^(?P<prompt>(om ja,?\s*)?(ange|fyll i)\s+(antal|hur många|vilka|datum)[^:]*:)\s*(?P<rest>.*)$", re.I
)


@dataclass
class QuestionRule(Rule):
    check: str = "unanswered"

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> QuestionRule:
        check = cls.choice(raw, source, "check", ("unanswered", "blank-count"))
        return cls(**cls.common(raw, source), check=check)

    def run(self, ctx: Context) -> list[Finding]:
        doc = ctx.doc
        if self.check == "unanswered":
            return [
                self.finding(
                    ctx,
                    section_id=q.section_id,
                    page=q.page,
                    line=q.line,
                    question=q.text,
                    options=" / ".join(q.options),
                )  # fmt: skip
                for q in doc.questions
                if q.answer is None
            ]
        out = []
        for s in doc.sections:
            for ln in s.text.split("\n"):
                m = _COUNT_PROMPT_RE.match(ln.strip())
                if m and not m.group("rest").strip():
                    out.append(
                        self.finding(ctx, section_id=s.id, page=s.page, line=s.line, prompt=m.group("prompt"))
                    )
        return out
