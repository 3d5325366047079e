"""KV901: a personal identity number in a published report. Always reported masked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...privacy import find_personnummer
from ..base import Context, Rule
from ..model import Finding


@dataclass
class PersonnummerRule(Rule):
    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> PersonnummerRule:
        return cls(**cls.common(raw, source))

    def run(self, ctx: Context) -> list[Finding]:
        doc = ctx.doc
        places: list[tuple[str, str | None, int | None, int | None]] = []
        for s in doc.sections:
            places.append((s.title, s.id, s.page, s.line))
        for t in doc.tables:
            places.append(("\n".join("\t".join(r) for r in t.header + t.rows), t.section_id, t.page, t.line))
        places.append(("\n".join(doc.furniture), None, None, None))
        out = []
        for s in doc.sections:  # at the number's own line, not the heading's
            for start, _, masked in find_personnummer(s.text):
                page, line = s.where_offset(start)
                out.append(self.finding(ctx, section_id=s.id, page=page, line=line, masked=masked, evidence=masked))
        for text, sid, page, line in places:
            for _, _, masked in find_personnummer(text):
                out.append(self.finding(ctx, section_id=sid, page=page, line=line, masked=masked, evidence=masked))
        return out
