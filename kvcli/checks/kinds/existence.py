"""KV501 and any pack's own "this must not appear" rules: regular expressions over the text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import RuleError
from ..base import Context, Rule, report_text
from ..model import Finding


@dataclass
class ExistenceRule(Rule):
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> ExistenceRule:
        compiled = []
        for p in raw.get("patterns") or []:
            try:
                compiled.append(re.compile(str(p)))
            except re.error as exc:
                raise RuleError(f"{source}: rule {raw.get('code')}: bad pattern {p!r}: {exc}") from None
        if not compiled:
            raise RuleError(f"{source}: rule {raw.get('code')}: an existence rule needs 'patterns'")
        return cls(**cls.common(raw, source), patterns=compiled)

    def run(self, ctx: Context) -> list[Finding]:
        out = []
        for s in ctx.doc.sections:
            body = report_text(s)
            for text in (s.title if body.strip() or not s.text.strip() else "", body):
                for rx in self.patterns:
                    for m in rx.finditer(text):
                        page, line = s.where_offset(m.start()) if text is body else (s.page, s.line)
                        out.append(
                            self.finding(ctx, section_id=s.id, page=page, line=line, match=m.group(0),
                                         evidence=m.group(0))  # fmt: skip
                        )
        for t in ctx.doc.tables:
            for row in t.header + t.rows:
                for cell in row:
                    for rx in self.patterns:
                        for m in rx.finditer(cell):
                            out.append(
                                self.finding(
                                    ctx, section_id=t.section_id, page=t.page, line=t.line, match=m.group(0),
                                    evidence=m.group(0),
                                )
                            )
        return out
