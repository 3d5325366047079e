"""``check``: lint a parsed report against rule packs (SOSFS 2011:9 by default).

>>> import kvcli
>>> from kvcli.checks import check_document
>>> report = check_document(kvcli.parse("samples/jonkoping-behandling-2016.txt"))
>>> [c.id for c in report.concepts if c.status == "missing"]
['riskanalys', 'lex_sarah']
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import lru_cache

from ..config import CheckConfig, load_config
from ..errors import UsageError
from ..model import Document
from .base import Context, Rule
from .model import CHECK_SCHEMA_ID, SEVERITY_RANK, FileReport, Finding
from .pack import AUTO, DEFAULT_PROFILE, Pack, builtin_packs, load_packs

__all__ = [
    "CHECK_SCHEMA_ID", "CheckConfig", "FileReport", "Finding", "check_document", "load_config", "packs_for",
    "rules_for",
]  # fmt: skip


@lru_cache(maxsize=16)
def _packs(names: tuple[str, ...]) -> tuple[Pack, ...]:
    return tuple(load_packs(list(names)))


def profile_for(config: CheckConfig, doc: Document | None = None) -> str:
    """The profile a report is checked with: the one configured, else (``auto``) the built-in pack whose
    document types match the report's title, else the SOSFS 2011:9 kvalitetsberättelse."""
    if config.profile != AUTO:
        return config.profile
    if doc is not None:
        title = doc.metadata.title or " ".join(
            ln for s in doc.sections[:1] if s.level == 0 for ln in s.text.split("\n")[:2]
        )
        for name in builtin_packs():
            pack = _packs((name,))[-1]
            if any(rx.search(title) for rx in pack.document_types):
                return name
    return DEFAULT_PROFILE


def packs_for(config: CheckConfig, doc: Document | None = None) -> tuple[Pack, ...]:
    return _packs((profile_for(config, doc), *config.rules))


def candidate_packs(config: CheckConfig) -> tuple[Pack, ...]:
    """Every pack a run under ``config`` may use, whichever profile each report gets (for cache keys)."""
    names = list(builtin_packs()) if config.profile == AUTO else [config.profile]
    out: dict[str, Pack] = {}
    for n in names:
        for p in _packs((n, *config.rules)):
            out.setdefault(str(p.path), p)
    return tuple(out.values())


def unknown_codes(config: CheckConfig, known: list[str]) -> list[str]:
    """select/ignore/severity entries that name no rule: a typo there ("KVl01") would silently run
    nothing, or ignore nothing, and pass. Each with where it was given."""
    out = []
    for setting, codes in (("select", config.select), ("ignore", config.ignore), ("severity", list(config.severity))):
        for code in codes:
            if not any(k.startswith(code) for k in known):
                where = config.origins.get(f"{setting}:{code}", setting)
                out.append(f"{code} ({where})")
    return out


def rules_for(config: CheckConfig, doc: Document | None = None) -> list[Rule]:
    """The rules that run under ``config`` (for ``doc``'s profile); a code in select/ignore/severity that no
    rule has is a ``UsageError`` naming every such code."""
    every = [rule.code for pack in candidate_packs(config) for rule in pack.rules]
    unknown = unknown_codes(config, every)
    if unknown:
        raise UsageError(f"unknown rule code{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}; "
                         "`kvcli rules` lists the codes")  # fmt: skip
    rules = []
    for pack in packs_for(config, doc):
        for rule in pack.rules:
            if not config.selected(rule.code):
                continue
            if rule.code in config.severity:
                rule = replace(rule, severity=config.severity[rule.code])
            rules.append(rule)
    return rules


def check_document(doc: Document, config: CheckConfig | None = None) -> FileReport:
    from .concepts import match_concepts

    config = config or CheckConfig()
    t0 = time.perf_counter()
    packs = packs_for(config, doc)
    concepts = {cid: c for pack in packs for cid, c in pack.concepts.items()}
    ctx = Context(doc=doc, lang=config.lang, concepts=concepts)
    words = {k: v for pack in packs for k, v in pack.evidence.items()}
    ctx.concept_results = match_concepts(doc, concepts, words, config.lang)
    findings: list[Finding] = []
    floor = SEVERITY_RANK[config.min_severity]
    for rule in rules_for(config, doc):
        for f in rule.run(ctx):
            if SEVERITY_RANK[f.severity] >= floor:
                findings.append(f)
    findings.sort(key=lambda f: (f.page or 0, f.line or 0, f.code))
    report = FileReport(path=doc.source.path, concepts=ctx.concept_results, findings=findings,
                        profile=profile_for(config, doc))
    report.check_seconds = time.perf_counter() - t0
    return report
