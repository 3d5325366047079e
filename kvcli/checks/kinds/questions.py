"""KV401/KV402: questionnaire items left unanswered, and "Om ja, ange antal:" left blank."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import RuleError
from ...structure.questions import parse_option_line
from ..base import Context, Rule
from ..model import Finding


@dataclass
class QuestionRule(Rule):
    check: str = "unanswered"
    prompts: re.Pattern[str] | None = None  # blank-count: "Om ja, ange antal:" — the pack's ``prompts``
    # The legal basis depends on what is asked (lex Sarah, riskanalys, a JO complaint …): the pack's
    # ``references``, the first pattern that matches the question; the rule's reference otherwise.
    references: list[tuple[re.Pattern[str], str]] = field(default_factory=list)

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> QuestionRule:
        check = cls.choice(raw, source, "check", ("unanswered", "blank-count", "blank-answer"))
        prompts = None
        if check in ("blank-count", "blank-answer"):
            alternatives = "|".join(f"(?:{p})" for p in cls.strings(raw, source, "prompts"))
            try:
                prompts = re.compile(rf"^(?P<prompt>(?:{alternatives}))\s*(?P<rest>.*)$", re.I)
            except re.error as exc:
                raise RuleError(f"{source}: rule {raw.get('code')}: 'prompts' is not a regular expression: {exc}") from None
        refs = []
        for item in raw.get("references") or []:
            try:
                refs.append((re.compile(str(item["pattern"]), re.I), str(item["reference"])))
            except re.error as exc:
                raise RuleError(f"{source}: rule {raw.get('code')}: reference pattern is not a regular expression: {exc}") from None
        return cls(**cls.common(raw, source), check=check, prompts=prompts, references=refs)

    def reference_for(self, text: str) -> str | None:
        return next((ref for rx, ref in self.references if rx.search(text)), self.reference)

    def run(self, ctx: Context) -> list[Finding]:
        doc = ctx.doc
        if self.check == "unanswered":
            return [
                self.finding(
                    ctx,
                    reference=self.reference_for(q.text),
                    section_id=q.section_id,
                    page=q.page,
                    line=q.line,
                    question=q.text,
                    options=" / ".join(q.options),
                    evidence=q.text,
                )  # fmt: skip
                for q in doc.questions
                if q.answer is None
            ]
        if self.check == "blank-answer":
            return self._blank_answers(ctx)
        out = []
        for s in doc.sections:
            asked = ""  # the question a prompt follows up ("Har det inkommit JO-anmälningar? … Om ja, ange antal:")
            for i, ln in enumerate(s.text.split("\n")):
                if ln.rstrip().endswith("?"):
                    asked = ln
                m = self.prompts.match(ln.strip()) if self.prompts else None
                if m and not m.group("rest").strip():
                    page, line = s.where(i)
                    out.append(
                        self.finding(ctx, section_id=s.id, page=page, line=line, prompt=m.group("prompt"),
                                     reference=self.reference_for(asked + " " + ln), question=asked.strip(),
                                     evidence=f"{asked.strip()} {m.group('prompt')}")  # fmt: skip
                    )
        return out

    def _blank_answers(self, ctx: Context) -> list[Finding]:
        """An open follow-up ("Om ja, vilka brister och vilka åtgärder har vidtagits?") whose next line is the
        template's next question, its Ja/Nej line, a table's caption or nothing: no answer was written."""
        out = []
        captions = {(t.section_id, (t.caption or "").strip()) for t in ctx.doc.tables if t.caption}
        for s in ctx.doc.sections:
            lines = [(i, ln.strip()) for i, ln in enumerate(s.text.split("\n")) if ln.strip()]
            for k, (i, ln) in enumerate(lines):
                m = self.prompts.match(ln) if self.prompts else None
                if not m or m.group("rest").strip(" ?:"):
                    continue
                nxt = lines[k + 1][1] if k + 1 < len(lines) else None
                blank = (nxt is None or nxt.endswith("?") or parse_option_line(nxt) is not None
                         or (s.id, nxt) in captions)  # fmt: skip
                if blank:
                    page, line = s.where(i)
                    out.append(self.finding(ctx, section_id=s.id, page=page, line=line, prompt=ln,
                                            reference=self.reference_for(ln), evidence=ln))  # fmt: skip
        return out
