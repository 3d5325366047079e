"""``kvcli rules`` and ``kvcli rules explain CODE``: the rule list, and one rule explained, in sv or en.

Whether a paragraph number was verified in the regulation text is data in the pack (``verified``);
it is shown here, where an auditor looks for the basis of a rule, and nowhere else.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from ..checks.base import Rule
from ..checks.pack import Pack
from .check_words import severity as severity_word
from .safe import safe_text

WORDS: dict[str, dict[str, Any]] = {
    "sv": {
        "per_concept": "per begrepp (se `kvcli rules explain {code}`)",
        "severity": "Allvarlighetsgrad",
        "defined": "Definierad i",
        "message": "Meddelande",
        "basis": "Grund",
        "why": "Varför",
        "concepts": "Begrepp (grund → allvarlighetsgrad när det saknas):",
        "verified": "paragrafen verifierad i föreskriftstexten",
        "unverified": "paragrafnumret ej verifierat i föreskriftstexten",
        "bad": "Dåligt",
        "good": "Bra",
        "model": (
            "Allvarlighetsgrader: fel = rapporten går inte att lämna in så här (ingen period, inga resultat alls, "
            "personnummer, summor som inte stämmer); varning = innehåll som bör finnas saknas, en granskare "
            "skickar tillbaka det; info = form och stil. `kvcli check` avslutar med kod 1 för fel "
            "(ändra med --fail-on)."
        ),
        "basis_names": {"föreskrift": "föreskrift", "allmänt råd": "allmänt råd"},
    },
    "en": {
        "per_concept": "per concept (see `kvcli rules explain {code}`)",
        "severity": "Severity",
        "defined": "Defined in",
        "message": "Message",
        "basis": "Basis",
        "why": "Why",
        "concepts": "Concepts (basis → severity when missing):",
        "verified": "paragraph verified in the regulation text",
        "unverified": "paragraph number not verified in the regulation text",
        "bad": "Bad",
        "good": "Good",
        "model": (
            "Severities: error = the report cannot be submitted like this (no period, no results at all, a "
            "personal identity number, totals that do not add up); warning = content that should be there is "
            "missing, a reviewer sends it back; info = form and style. `kvcli check` exits 1 on errors "
            "(change with --fail-on)."
        ),
        "basis_names": {"föreskrift": "binding regulation (föreskrift)", "allmänt råd": "general advice (allmänt råd)"},
    },
}


def _w(lang: str) -> dict[str, Any]:
    return WORDS.get(lang, WORDS["sv"])


def _severity(rule: Rule, lang: str, packs: Sequence[Pack] = ()) -> str:
    own = {c.severity[s] for p in packs for c in p.concepts.values() for s in [getattr(rule, "status", "")]
           if s in c.severity}  # fmt: skip
    if isinstance(rule.severity, str):
        base = severity_word(rule.severity, lang)
        extra = [severity_word(x, lang) for x in sorted(own) if x != rule.severity]
        return "/".join([base, *extra])
    return "/".join(dict.fromkeys(severity_word(v, lang) for v in rule.severity.values()))


def _example(text: str) -> str:
    """Report text in quotes; a description (in parentheses, per language) as it is."""
    text = text.replace("\n", " / ")
    return text if text.startswith("(") else f"«{text}»"


def rules_table(rules: Sequence[Rule], lang: str = "sv") -> str:
    """One line per rule: code, name, severity, reference, what it checks."""
    width = max((len(r.name) for r in rules), default=0)
    lines = []
    for r in rules:
        ref = r.reference or (_w(lang)["per_concept"].format(code=r.code) if r.kind == "concepts" else "")
        lines.append(f"{r.code}  {r.name:<{width}}  {_severity(r, lang):<13}  {r.describe(lang)}" + (f"  [{ref}]" if ref else ""))
    return safe_text("\n".join(lines))


def explain(rule: Rule, packs: Sequence[Pack], lang: str = "sv") -> str:
    """What the rule checks, why, its severity and the model behind it, its message, the concepts it judges
    (with whether each paragraph number is verified), a bad and a good example."""
    w = _w(lang)
    out = [f"{rule.code} {rule.name} — {rule.describe(lang)}", f"{w['severity']}: {_severity(rule, lang, packs)}",
           f"{w['defined']}: {rule.source}", "",
           f"{w['message']}: {rule.message.get(lang) or rule.message['sv']}"]  # fmt: skip
    if rule.reference:
        out.append(f"{w['basis']}: {rule.reference}")
    rationale = rule.rationale_in(lang)
    if rationale:
        out += ["", textwrap.fill(f"{w['why']}: {rationale}", width=100)]
    if rule.kind == "concepts":
        out += ["", w["concepts"]]
        for pack in packs:
            for c in pack.concepts.values():
                mark = w["verified"] if c.verified else w["unverified"]
                own = c.severity.get(getattr(rule, "status", ""))
                sev = severity_word(own or rule.severity_for(c.basis, c.id), lang)
                basis = w["basis_names"].get(c.basis, c.basis)
                out.append(f"  {c.title_in(lang)}: {c.reference} [{basis} → {sev}; {mark}]")
    out += ["", textwrap.fill(w["model"], width=100)]
    if rule.example:
        out.append("")
        for which in ("bad", "good"):
            if which in rule.example:
                out.append(f"{w[which]}: {_example(rule.example_in(which, lang))}")
    return safe_text("\n".join(out))
