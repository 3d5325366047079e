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

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> MetadataRule:
        name = cls.choice(raw, source, "field", FIELDS)
        return cls(**cls.common(raw, source), field_name=name)

    def run(self, ctx: Context) -> list[Finding]:
        return [] if getattr(ctx.doc.metadata, self.field_name) else [self.finding(ctx, evidence=self.field_name)]
