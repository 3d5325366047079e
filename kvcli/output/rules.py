"""``kvcli rules`` and ``kvcli rules explain CODE``: the rule list, and one rule explained."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ..checks.base import Rule
from ..checks.pack import Pack
from .safe import safe_text


def rules_table(rules: Sequence[Rule]) -> str:
    """One line per rule: code, name, severity, SOSFS reference."""
    width = max((len(r.name) for r in rules), default=0)
    lines = []
    for r in rules:
        sev = r.severity if isinstance(r.severity, str) else "/".join(dict.fromkeys(r.severity.values()))
        ref = r.reference or ("per concept (see `kvcli rules explain`)" if r.kind == "concepts" else "")
        lines.append(f"{r.code}  {r.name:<{width}}  {sev:<13}  {ref}")
    return safe_text("\n".join(lines))


def explain(rule: Rule, packs: Sequence[Pack], lang: str = "sv") -> str:
    """What the rule checks, why (its basis), its message, the concepts it judges, a bad and a good example."""
    sev = rule.severity if isinstance(rule.severity, str) else ", ".join(f"{k}: {v}" for k, v in rule.severity.items())
    out = [f"{rule.code} {rule.name}  ({rule.kind}; severity {sev})", rule.describe(lang), f"defined in {rule.source}",
           "", f"Message: {rule.message.get(lang) or rule.message['sv']}"]  # fmt: skip
    if rule.reference:
        out.append(f"Basis:   {rule.reference}")
    out += ["", textwrap.fill(rule.rationale, width=100)] if rule.rationale else ["", ""]
    if rule.kind == "concepts":
        out += ["", "Concepts (basis → severity):"]
        for pack in packs:
            for c in pack.concepts.values():
                mark = "" if c.verified or "ej verifierad" in c.reference else "  (§ ej verifierad)"
                out.append(f"  {c.id:<20} {c.reference} [{c.basis} → {rule.severity_for(c.basis)}]{mark}")
    if rule.example:
        out.append("")
        if "bad" in rule.example:
            out.append(f"Bad:  {rule.example['bad']}")
        if "good" in rule.example:
            out.append(f"Good: {rule.example['good']}")
    return safe_text("\n".join(out))
