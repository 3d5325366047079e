"""A municipality's own template: chapters its reports must have (e.g. Vetlanda's TRYGGVE headings)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import RuleError
from ..base import Context, Rule
from ..concepts import HEADING_THRESHOLD, heading_score
from ..model import Finding


@dataclass
class RequiredHeadingsRule(Rule):
    headings: list[str] = field(default_factory=list)

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> RequiredHeadingsRule:
        heads = [str(h) for h in raw.get("headings") or []]
        if not heads:
            raise RuleError(f"{source}: rule {raw.get('code')}: 'headings' must list at least one heading")
        return cls(**cls.common(raw, source), headings=heads)

    def run(self, ctx: Context) -> list[Finding]:
        titles = [s.title for s in ctx.doc.sections if s.level > 0]
        return [
            self.finding(ctx, heading=h, evidence=h)
            for h in self.headings
            if not any(heading_score(t, [h]) >= HEADING_THRESHOLD for t in titles)
        ]
