"""Does a report cover a requirement concept (riskanalys, egenkontroll …)? By what it reports, not its words.

Vocabulary (heading synonyms, keywords) only finds the evidence: the sections named for a concept and
the sentences, tables and answered questions that speak of it. Each piece is then classified
(``substance``): *reported work* ("genomfördes i mars 2016", "18 klagomål har inkommit", a filled-in
table, a "Ja"), *template or rule text* ("ska", "innebär", "enligt SOSFS"), a mere *mention*, or an
*empty table*. Present = some reported work; weak = only template text, mentions, an empty table, a
heading or a TOC line; missing = nothing. The verdict quotes the deciding sentence and its place.
The preamble (cover, title block, a web page's related-documents list) is not the report's account.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

from ..model import Document, Section
from ..numbers import parse_number
from ..quoting import clip
from ..structure.questions import parse_option_line
from . import substance


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
    outcome: bool = False  # its reported work must say what came of it (results), not only what was done

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
_WORD_RE = re.compile(r"\w+")
_NUMBERING_RE = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")


def _norm(s: str) -> str:
    s = s.casefold().replace("-", " ")
    s = _NUMBERING_RE.sub("", s)
    return " ".join(_WORD_RE.findall(s))


@lru_cache(maxsize=512)
def _norm_synonyms(synonyms: tuple[str, ...]) -> tuple[str, ...]:
    # Every section is scored against every concept: normalise a concept's synonyms once, not per heading.
    return tuple(n for n in map(_norm, synonyms) if n)


def heading_score(title: str, synonyms: Sequence[str]) -> float:
    return _normed_score(_norm(title), synonyms)


def _normed_score(t: str, synonyms: Sequence[str]) -> float:
    if not t:
        return 0.0
    padded = f" {t} "
    best = 0.0
    for s in _norm_synonyms(tuple(synonyms)):
        if s == t:
            return 100.0
        if f" {s} " in padded:
            best = max(best, 95.0)  # "Synpunkter och avvikelser" names avvikelser
            continue
        best = max(best, float(fuzz.ratio(t, s)))
    return best


def _keyword_re(keywords: list[str]) -> re.Pattern[str]:
    # Whole words with Swedish inflection: "riskanalys" matches "riskanalysen", "riskanalyser".
    parts = sorted((re.escape(k.casefold()) for k in keywords), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(parts)})\w{{0,4}}\b", re.I)


@dataclass
class _Piece:
    kind: str  # reported, undated, template, mention, empty_table
    section: Section
    index: int | None  # text line in the section (None: a table or question, at its own place)
    quote: str
    page: int | None = None
    line: int | None = None


def _subtrees(doc: Document) -> dict[str, list[Section]]:
    children: dict[str, list[Section]] = {}
    stack: list[Section] = []
    for s in doc.sections:
        while stack and stack[-1].level >= s.level:
            stack.pop()
        for parent in stack:
            children.setdefault(parent.id, []).append(s)
        stack.append(s)
    return children


class _Reading:
    """What every concept asks of one document: each section's subsections and sentences, worked out once
    (a report is matched against a dozen concepts)."""

    def __init__(self, doc: Document) -> None:
        self.children = _subtrees(doc)
        self._sentences: dict[str, list[tuple[int, str]]] = {}
        self._asks: dict[str, bool] = {}
        self._norms: dict[str, str] = {}

    def sentences(self, s: Section) -> list[tuple[int, str]]:
        found = self._sentences.get(s.id)
        if found is None:
            found = self._sentences[s.id] = substance.sentences(s.text)
        return found

    def asks(self, sentence: str) -> bool:
        """The template's question or answer options, not an account."""
        found = self._asks.get(sentence)
        if found is None:
            found = self._asks[sentence] = sentence.rstrip().endswith("?") or parse_option_line(sentence) is not None
        return found

    def heading_score(self, title: str, synonyms: Sequence[str]) -> float:
        t = self._norms.get(title)
        if t is None:
            t = self._norms[title] = _norm(title)
        return _normed_score(t, synonyms)


def _evidence(doc: Document, concept: Concept, period: tuple[int, int] | None,
              reading: _Reading) -> tuple[list[_Piece], list[Section], bool]:  # fmt: skip
    """Every sentence, table and answered question that speaks of the concept, classified; the sections
    named for it; whether the TOC names it."""
    kw = _keyword_re(concept.keywords)
    children = reading.children
    scores = {s.id: reading.heading_score(s.title, concept.headings) for s in doc.sections if s.level > 0}
    named = [s for s in doc.sections if scores.get(s.id, 0.0) >= HEADING_THRESHOLD]
    inside = {x.id for s in named for x in [s, *children.get(s.id, [])]}
    # A section named exactly for the concept speaks of it throughout; under a shared heading
    # ("Synpunkter och avvikelser") a sentence must name the concept itself.
    exact = {x.id for s in named if scores[s.id] >= 95.0 for x in [s, *children.get(s.id, [])]}
    headed = any(s.level > 0 for s in doc.sections)
    pieces: list[_Piece] = []
    for s in doc.sections:
        if s.level == 0 and headed:
            continue  # the cover, a title block, a web page's related-documents list: not the report's account
        whole = s.id in exact
        # A sentence is a stretch of one line between blanks, so a keyword it holds is in the text too.
        if not (whole or kw.search(s.text)):
            continue
        for i, sent in reading.sentences(s):
            if not (whole or kw.search(sent)):
                continue
            if reading.asks(sent):
                kind = "template"  # the template's question, not an answer
            else:
                kind = substance.classify(sent, period)
                if kind == "result":
                    kind = "undated" if concept.outcome else "mention"
                elif kind in ("reported", "undated") and concept.outcome and not substance.states_outcome(sent):
                    kind = "mention"  # "resultatet redovisades i oktober": done, but no result given
            page, line = s.where(i)
            pieces.append(_Piece(kind, s, i, sent, page, line))
    by_id = {s.id: s for s in doc.sections}
    for t in doc.tables:
        sec = by_id.get(t.section_id)
        labels = " ".join([*(c for r in t.header for c in r), *(r[0] for r in t.rows if r), t.caption or ""])
        if sec is None or not (t.section_id in inside or kw.search(labels)):
            continue
        values = [c for r in t.rows for c in r[1:] if c.strip()]
        quote = t.caption or " | ".join(t.header[-1] if t.header else [])
        numeric = [c for c in values if parse_number(c) is not None]
        pieces.append(_Piece("reported" if numeric else "empty_table", sec, None, quote, t.page or sec.page, t.line))
    for q in doc.questions:
        sec = by_id.get(q.section_id)
        if sec is None or not q.answer or not (q.section_id in inside or kw.search(q.text)):
            continue
        if any(a.casefold() in ("ja", "delvis") for a in q.answer):
            pieces.append(_Piece("reported", sec, None, f"{q.text} {'/'.join(q.answer)}", q.page, q.line))
    toc = any(reading.heading_score(e.title, concept.headings) >= HEADING_THRESHOLD for e in doc.toc)
    return pieces, named, toc


WEAK_ORDER = ("template", "empty_table", "mention")


def match_concept(doc: Document, concept: Concept, reading: _Reading | None = None) -> ConceptResult:
    """Present when the report tells of work done (a reported-work sentence, a filled-in table, a "Ja");
    weak when it only names the concept (template or rule text, an empty table, a heading or a TOC line);
    missing when nothing speaks of it. The deciding evidence is quoted with its place."""
    period = (doc.metadata.period.start, doc.metadata.period.end) if doc.metadata.period else None
    pieces, named, toc = _evidence(doc, concept, period, reading or _Reading(doc))
    ids = list(dict.fromkeys([p.section.id for p in pieces] + [s.id for s in named]))
    # A dated account is the better quote; undated reported work decides only where there is none.
    reported = [p for p in pieces if p.kind == "reported"] or [p for p in pieces if p.kind == "undated"]
    if reported:
        best = reported[0]
        return ConceptResult(concept.id, "present", 1.0, ids, concept.title, why="reported",
                             why_values=_values(best, doc))  # fmt: skip
    for kind in WEAK_ORDER:
        found = [p for p in pieces if p.kind == kind]
        if found:
            return ConceptResult(concept.id, "weak", 0.3, ids, concept.title, why=kind, why_values=_values(found[0], doc))
    if named:
        s = named[0]
        return ConceptResult(concept.id, "weak", 0.2, ids, concept.title, why="heading_only",
                             why_values={"title": s.title, "quote": s.title, "page": s.page, "line": s.line,
                                         "format": doc.source.format})  # fmt: skip
    if toc:
        return ConceptResult(concept.id, "weak", 0.1, [], concept.title, why="toc_only", why_values={})
    return ConceptResult(concept.id, "missing", 0.0, [], concept.title, "")


def _values(p: _Piece, doc: Document) -> dict[str, object]:
    return {"title": p.section.title, "quote": clip(p.quote, 160), "page": p.page, "line": p.line,
            "format": doc.source.format}  # fmt: skip


def match_concepts(doc: Document, concepts: dict[str, Concept], words: dict[str, dict[str, str]] | None = None,
                   lang: str = "sv") -> list[ConceptResult]:  # fmt: skip
    """Every concept's verdict, its evidence put in words with the packs' ``evidence`` texts in ``lang``."""
    reading = _Reading(doc)
    results = [match_concept(doc, c, reading) for c in concepts.values()]
    for r in results:
        r.title = concepts[r.id].title_in(lang)
        r.evidence = describe(r, words or {}, lang)
    return results


def describe(result: ConceptResult, words: dict[str, dict[str, str]], lang: str) -> str:
    """The deciding evidence in words (the pack's ``evidence`` texts): the quote and where it is."""
    texts = words.get(result.why)
    if not texts:
        return ""
    values = dict(result.why_values)
    if not values.get("title"):  # before the first heading
        intro = words.get("introduction", {})
        values["title"] = intro.get(lang) or intro.get("sv") or ""
    values["where"] = _where(values, words, lang)
    return (texts.get(lang) or texts["sv"]).format(**values).replace(" ()", "")


def _where(values: dict[str, object], words: dict[str, dict[str, str]], lang: str) -> str:
    line, page = values.get("line"), values.get("page")
    if line is None:
        return ""
    key = "at_paragraph" if values.get("format") == "docx" else "at_page_line" if page else "at_line"
    texts = words.get(key) or {}
    return (texts.get(lang) or texts.get("sv") or "{line}").format(line=line, page=page)
