"""Reported work or template text? How one sentence about a concept counts as evidence.

A kvalitetsberättelse built from a template is full of sentences that name the work without
reporting it: "Riskanalys ska därför göras minst en gång varje år" (normative), "Egenkontroll innebär
att …" (a definition), "utgår från socialförvaltningens kvalitetsledningssystem" (present-tense
description), "… men vidare arbete har inte gjorts" (the work not done). Only *reported work* makes a
concept present: a past or perfect verb ("genomfördes", "har inkommit", "upprättades") anchored in the
period — a number, a date, a month, "under året" — and not negated. Counting nouns ("18 klagomål") are
reported work too. Everything else is evidence that the concept is *mentioned*, which is weak.

The cues are Swedish grammar, not vocabulary of any one concept, so they live here; which words name a
concept stays data in the pack.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["reported", "template", "mention"]

# Past tense (-ade/-de/-te/-dde, passive -des/-tes) and perfect/supine (-at/-it/-tt, passive -ts) forms,
# plus the strong verbs reports use most. "-nde" words (följande, gällande) are present participles.
_PAST = re.compile(
    r"\b(?:\w{3,}(?:ade|ades|ddes)|\w{2,}(?<!n)(?:de|des)|\w{3,}(?<![aeiouyåäös])(?:te|tes)|"
    r"gjorde|gjordes|gjort|gjorts|inkom|inkommit|kom in|fick|fått|skedde|skett|hölls|hållits|gavs|getts|"
    r"togs|tagits|sågs|setts|skrevs|skrivits|blev|blivit|fanns|funnits|var med|deltog|deltagit|"
    r"genomfört|genomförts|upprättat|upprättats|infört|införts|startat|startats|påbörjat|påbörjats|"
    r"avslutat|avslutats|anmält|anmälts|utrett|utretts|ökat|minskat|sjunkit|stigit|nått|uppnått)\b",
    re.I,
)
_PERFECT = re.compile(r"\b(?:har|hade)\s+(?:\w+\s+){0,5}?\w+(?:at|it|tt|ts|ats|its)\b", re.I)
# "Bemötandeenkäter är genomförda 2016", "planen blev fastställd": a state that reports a deed.
_PASSIVE = re.compile(
    r"\b(?:är|var|blev|blivit)\s+(?:\w+\s+)?\w*(?:förd|förda|fört|gjord|gjorda|ställd|ställda|rättad|rättade|"
    r"ordnad|ordnade|tagen|tagna|fastställd|fastställda|beslutad|beslutade|reviderad|reviderade|utredd|utredda|"
    r"anmäld|anmälda|genomgången|genomgångna)\b",
    re.I,
)
_MONTHS = (r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
           r"våren|hösten|sommaren|vintern|kvartal\w*|halvår\w*|tertial\w*")  # fmt: skip
_ANCHOR = re.compile(rf"\d|\b(?:{_MONTHS})\b|\bunder (?:året|perioden|verksamhetsåret)\b", re.I)
_NORMATIVE = re.compile(
    r"\b(?:ska|skall|bör|måste|behöver|kommer att|syftet|syftar|innebär|definieras|avser att|"
    r"enligt (?:sosfs|socialstyrelsens|lagen|föreskrift\w*|socialtjänstlagen))\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:har|hade)\s+(?:\w+\s+)?(?:inte|ej|aldrig)\b|\b(?:inte|ej|aldrig)\s+(?:\w+\s+){0,2}?"
    r"(?:gjorts|gjordes|genomförts|genomfördes|skett|upprättats|tagits fram|kunnat|kunde|finns)\b|"
    r"\bingen statistik\b|\binte (?:har|hade) (?:gjorts|genomförts)\b",
    re.I,
)
_COUNT = re.compile(r"\b\d+\s+(?:st\s+)?(?:nya\s+)?[a-zåäö]{4,}", re.I)  # "18 klagomål", "3 rapporter"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b(?!:\d)")  # "SOSFS 2011:9" cites a regulation, not a year
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"”A-ZÅÄÖ0-9])")


def sentences(text: str) -> list[tuple[int, str]]:
    """(text line index, sentence) for every sentence of a section's text."""
    out = []
    for i, line in enumerate(text.split("\n")):
        for s in _SENTENCE.split(line):
            if s.strip():
                out.append((i, s.strip()))
    return out


# Nouns and adjectives that end like a past tense ("område", "syfte"): not verbs.
_NOT_PAST = ("område", "syfte", "skede", "stycke", "värde")  # also as the end of a compound ("mervärde")


def _has_past(sentence: str) -> bool:
    if _PERFECT.search(sentence) or _PASSIVE.search(sentence):
        return True
    return any(not m.group(0).casefold().endswith(_NOT_PAST) for m in _PAST.finditer(sentence))


def _heading_run(sentence: str) -> bool:
    """Many capitalised words in a row: prose capitalises its first word and names, a TOC every entry."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 10 and caps / len(words) >= 0.35


def classify(sentence: str, period: tuple[int, int] | None = None) -> Kind:
    """Whether ``sentence`` reports work done in the period, restates a rule or template, or only names it."""
    if _heading_run(sentence):
        return "mention"  # a TOC or a string of headings run together by a transcript, not a sentence
    past = _has_past(sentence)
    anchored = bool(_ANCHOR.search(sentence))
    if _NEGATED.search(sentence):
        return "mention"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if period is not None and years and all(y < period[0] for y in years):
        return "mention"  # work from before the period does not report the period
    if period is not None and years and all(y > period[1] for y in years):
        return "mention"  # a plan for next year
    # A rule restated is template text, unless it carries a figure of its own ("målet att 90 procent
    # ska … uppnåddes: 84 procent"); a year alone is no such figure.
    if _NORMATIVE.search(sentence) and not (past and re.search(r"\d", _YEAR.sub("", sentence))):
        return "template"
    if past and anchored:
        return "reported"
    if _COUNT.search(sentence) and past:
        return "reported"
    return "mention"
