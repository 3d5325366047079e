"""KV201/KV202: the report period is not stated, or figures refer to years after it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..base import Context, Rule
from ..model import Finding


@dataclass
class PeriodRule(Rule):
    check: str = "missing"

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> PeriodRule:
        check = cls.choice(raw, source, "check", ("missing", "future-figures"))
        return cls(**cls.common(raw, source), check=check)

    def run(self, ctx: Context) -> list[Finding]:
        period = ctx.doc.metadata.period
        if self.check == "missing":
            return [] if period is not None else [self.finding(ctx, evidence="period")]
        if period is None:
            return []
        out: list[Finding] = []
        seen: set[tuple[str | None, int]] = set()
        text = str(period.start) if period.start == period.end else f"{period.start}–{period.end}"
        for f in ctx.doc.figures:
            if f.period is not None and f.period > period.end and (f.table_id, f.period) not in seen:
                seen.add((f.table_id, f.period))
                out.append(
                    self.finding(
                        ctx, section_id=f.section_id, page=f.page, line=f.line, year=f.period, period=text,
                        evidence=str(f.period),
                    )
                )
        return out
