"""KV101/KV102: a requirement concept missing from the report, or only mentioned in passing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..base import Context, Rule
from ..model import Finding


def lower_first(title: str) -> str:
    """A title as it reads inside a sentence: "Riskanalys" → "riskanalys", but "IVO-anmälningar" stays."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


@dataclass
class ConceptRule(Rule):
    status: str = "missing"

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> ConceptRule:
        status = cls.choice(raw, source, "status", ("missing", "weak"))
        return cls(**cls.common(raw, source), status=status)

    def run(self, ctx: Context) -> list[Finding]:
        out = []
        for result in ctx.concept_results:
            if result.status != self.status:
                continue
            concept = ctx.concepts[result.id]
            own = concept.severity.get(self.status)
            sec = ctx.doc.section(result.section_ids[0]) if result.section_ids else None
            out.append(
                self.finding(
                    ctx,
                    basis=concept.basis,
                    concept_id=concept.id,
                    reference=concept.reference,
                    section_id=sec.id if sec else None,
                    page=sec.page if sec else None,
                    line=sec.line if sec else None,
                    evidence=concept.id,
                    severity=own,
                    concept=concept.id,
                    concept_title=concept.title_in(ctx.lang),
                    concept_name=lower_first(concept.title_in(ctx.lang)),
                    ask=concept.ask_in(ctx.lang),
                    why=result.evidence,
                )  # fmt: skip
            )
        return out
