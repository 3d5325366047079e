"""Does a report cover a requirement concept (riskanalys, egenkontroll …)? Headings and body evidence.

Heading lookup alone is unfair to reports organised differently (Växjö by quality
indicators, Jönköping by four perspectives), and keyword counting alone mistakes a
passing mention for coverage. So:

* a section whose title (or path) matches a heading synonym — exactly, by containment,
  or fuzzily (rapidfuzz) — and has substance (words, a table, questions) is coverage;
* a section that is not named for the concept but discusses it (several keyword hits
  in its text) is coverage too;
* anything less — a heading with nothing under it, or a single mention such as
  "Förbättringsarbetet ska bestå av riskanalys, egenkontroll och …" — is *weak*;
* no trace at all is *missing*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz

from ..model import Document, Section


@dataclass
class Concept:
    """A requirement concept from a rule pack: what to look for, and its legal basis."""

    id: str
    title: str
    reference: str
    basis: str  # "föreskrift" | "allmänt råd"
    verified: bool
    headings: list[str]
    keywords: list[str]
    min_words: int = 30
    titles: dict[str, str] = field(default_factory=dict)  # the title per language; ``title`` is the Swedish one
    ask: dict[str, str] = field(default_factory=dict)  # what to add when it is missing or weak, per language
    severity: dict[str, str] = field(default_factory=dict)  # its own severity when "missing"/"weak", if any

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang) or self.title

    def ask_in(self, lang: str) -> str:
        return self.ask.get(lang) or self.ask.get("sv", "")


@dataclass
class ConceptResult:
    id: str
    status: Literal["present", "weak", "missing"]
    score: float
    section_ids: list[str] = field(default_factory=list)
    title: str = ""
    evidence: str = ""  # the deciding evidence in words: ``why`` rendered with the pack's ``evidence`` texts
    why: str = ""  # which kind of evidence decided: heading, mentions_in, empty_heading, mention_one, mention_many
    why_values: dict[str, object] = field(default_factory=dict)  # its values: the section title, a count


HEADING_THRESHOLD = 88.0
BODY_HITS_PRESENT = 3  # keyword hits in one section's own text that amount to coverage
_WORD_RE = re.compile(r"\w+")


def _norm(s: str) -> str:
    s = s.casefold().replace("-", " ")
    s = re.sub(r"^\s*\d+(\.\d+)*\.?\s+", "", s)
    return " ".join(_WORD_RE.findall(s))


def heading_score(title: str, synonyms: list[str]) -> float:
    t = _norm(title)
    best = 0.0
    for syn in synonyms:
        s = _norm(syn)
        if not s or not t:
            continue
        if s == t:
            return 100.0
        if re.search(rf"(^| ){re.escape(s)}( |$)", t):
            best = max(best, 95.0)  # "Synpunkter och avvikelser" names avvikelser
            continue
        best = max(best, float(fuzz.ratio(t, s)))
    return best


@dataclass
class _Evidence:
    section: Section
    heading: float
    hits: int
    words: int
    substance: bool


def _keyword_re(keywords: list[str]) -> re.Pattern[str]:
    # Whole words with Swedish inflection: "riskanalys" matches "riskanalysen", "riskanalyser".
    parts = sorted((re.escape(k.casefold()) for k in keywords), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(parts)})\w{{0,4}}\b", re.I)


def match_concept(doc: Document, concept: Concept) -> ConceptResult:
    kw = _keyword_re(concept.keywords)
    children: dict[str, list[Section]] = {}
    stack: list[Section] = []
    for s in doc.sections:
        while stack and stack[-1].level >= s.level:
            stack.pop()
        for parent in stack:
            children.setdefault(parent.id, []).append(s)
        stack.append(s)
    tables = {t.section_id for t in doc.tables}
    questions = {q.section_id for q in doc.questions}
    evidence: list[_Evidence] = []
    for s in doc.sections:
        subtree = [s] + children.get(s.id, [])
        words = sum(len(_WORD_RE.findall(x.text)) for x in subtree)
        has_data = any(x.id in tables or x.id in questions for x in subtree)
        h = heading_score(s.title, concept.headings) if s.level > 0 else 0.0
        # Table headers and row labels count too: a "Lex Sarah" column is reporting on lex Sarah.
        labels = " ".join(" ".join(r[:1]) + " " + " ".join(hr) for t in doc.tables if t.section_id == s.id
                          for hr in t.header for r in t.rows[:0] + t.rows)  # fmt: skip
        hits = len(kw.findall(s.text)) + len(kw.findall(labels))
        evidence.append(_Evidence(s, h, hits, words, words >= concept.min_words or has_data))
    named = sorted((e for e in evidence if e.heading >= HEADING_THRESHOLD), key=lambda e: -e.heading)
    strong_named = [e for e in named if e.substance]
    # The preamble (cover, title block, lists before the first heading) can mention, not cover.
    discussed = [
        e for e in evidence if e.hits >= BODY_HITS_PRESENT and e not in named and e.section.level > 0
    ]
    mentions = sum(e.hits for e in evidence)
    values: dict[str, object]
    if strong_named or discussed:
        ids = [e.section.id for e in strong_named] + [e.section.id for e in discussed]
        score = 1.0 if strong_named else min(0.9, 0.5 + 0.1 * max(e.hits for e in discussed))
        if strong_named:
            why, values = "heading", {"title": strong_named[0].section.title}
        else:
            why, values = "mentions_in", {"count": max(e.hits for e in discussed), "title": discussed[0].section.title}
        return ConceptResult(concept.id, "present", score, ids, concept.title, why=why, why_values=values)
    if named or mentions:
        ids = [e.section.id for e in named] + [e.section.id for e in evidence if e.hits and e not in named]
        if named:
            why, values = "empty_heading", {"title": named[0].section.title}
        else:
            first = next(e for e in evidence if e.hits)
            why, values = ("mention_many" if mentions > 1 else "mention_one"), {"count": mentions, "title": first.section.title}
        score = min(0.45, 0.15 + 0.1 * mentions + (0.2 if named else 0.0))
        return ConceptResult(concept.id, "weak", score, ids, concept.title, why=why, why_values=values)
    return ConceptResult(concept.id, "missing", 0.0, [], concept.title, "")


def match_concepts(doc: Document, concepts: dict[str, Concept], words: dict[str, dict[str, str]] | None = None,
                   lang: str = "sv") -> list[ConceptResult]:  # fmt: skip
    """Every concept's verdict, its evidence put in words with the packs' ``evidence`` texts in ``lang``."""
    results = [match_concept(doc, c) for c in concepts.values()]
    for r in results:
        r.title = concepts[r.id].title_in(lang)
        r.evidence = describe(r, words or {}, lang)
    return results


def describe(result: ConceptResult, words: dict[str, dict[str, str]], lang: str) -> str:
    texts = words.get(result.why)
    if not texts:
        return ""
    values = dict(result.why_values)
    if not values.get("title"):  # before the first heading
        intro = words.get("introduction", {})
        values["title"] = intro.get(lang) or intro.get("sv") or ""
    return (texts.get(lang) or texts["sv"]).format(**values)
