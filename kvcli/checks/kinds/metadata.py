"""KV601/KV602: the report's date or signatory is missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...model import Metadata
from ..base import Context, Rule
from ..model import Finding

FIELDS = tuple(Metadata.__dataclass_fields__)


@dataclass
class MetadataRule(Rule):
    field_name: str = "report_date"
    check: str = "missing"  # or "before-period-end": a report dated before the period it reports on ends

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> MetadataRule:
        name = cls.choice(raw, source, "field", FIELDS)
        check = str(raw.get("check", "missing"))
        if check not in ("missing", "before-period-end") or (check != "missing" and name != "report_date"):
            check = cls.choice(raw, source, "check", ("missing",) if name != "report_date" else ("missing", "before-period-end"))
        return cls(**cls.common(raw, source), field_name=name, check=check)

    def run(self, ctx: Context) -> list[Finding]:
        md = ctx.doc.metadata
        if self.check == "before-period-end":
            # A report dated 2015-11-11 for 2014–2015 cannot hold the whole of 2015: part-year figures.
            if md.report_date and md.period and md.report_date[:10] <= f"{md.period.end}-12-31":
                period = str(md.period.start) if md.period.start == md.period.end else f"{md.period.start}–{md.period.end}"
                return [self.finding(ctx, date=md.report_date, period=period, evidence=f"{md.report_date} {period}")]
            return []
        return [] if getattr(md, self.field_name) else [self.finding(ctx, evidence=self.field_name)]
