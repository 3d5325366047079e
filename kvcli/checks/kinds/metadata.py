"""KV601/KV602/KV604: the report's date, signatory or approval is missing; KV603/KV605: the report is dated,
or was approved, before the period it reports on has ended."""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
        checks = ("missing", "before-period-end") if name in _DATED else ("missing",)
        check = cls.choice(raw, source, "check", checks) if "check" in raw else "missing"
        return cls(**cls.common(raw, source), field_name=name, check=check)

    def run(self, ctx: Context) -> list[Finding]:
        md = ctx.doc.metadata
        if self.check == "before-period-end":
            # A report dated (or approved) 2015-11-11 for 2014–2015 cannot hold the whole of 2015.
            date = _DATED[self.field_name](md)
            if date and md.period and date[:10] <= f"{md.period.end}-12-31":
                period = str(md.period.start) if md.period.start == md.period.end else f"{md.period.start}–{md.period.end}"
                return [self.finding(ctx, date=date, period=period, evidence=f"{date} {period}")]
            return []
        return [] if getattr(md, self.field_name) else [self.finding(ctx, evidence=self.field_name)]


# The fields that carry a date a period can end after, and how to read it.
_DATED: dict[str, Callable[[Metadata], str | None]] = {
    "report_date": lambda md: md.report_date,
    "approval": lambda md: md.approval.date if md.approval is not None else None,
}
