"""KV204/KV205: TOC entries that lead nowhere, and top-level chapters missing from the TOC."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...structure.toc import MATCH_THRESHOLD, title_score
from ..base import Context, Rule
from ..model import Finding


@dataclass
class TocRule(Rule):
    check: str = "entry-without-heading"

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> TocRule:
        check = cls.choice(raw, source, "check", ("entry-without-heading", "heading-not-in-toc"))
        return cls(**cls.common(raw, source), check=check)

    def run(self, ctx: Context) -> list[Finding]:
        doc = ctx.doc
        if not doc.toc:
            return []
        heads = [s for s in doc.sections if s.level > 0]
        if self.check == "entry-without-heading":
            return [
                self.finding(ctx, line=e.line, title=e.title, evidence=e.title)
                for e in doc.toc
                if not any(title_score(e.title, s.title) >= MATCH_THRESHOLD for s in heads)
            ]
        top = min((e.level for e in doc.toc), default=1)
        return [
            self.finding(ctx, section_id=s.id, page=s.page, line=s.line, title=s.title, evidence=s.title)
            for s in heads
            if s.level <= top and not any(title_score(e.title, s.title) >= MATCH_THRESHOLD for e in doc.toc)
        ]
