"""Reported work or template text? How one sentence about a concept counts as evidence.

A kvalitetsberättelse built from a template is full of sentences that name the work without
reporting it: "Riskanalys ska därför göras minst en gång varje år" (normative), "Egenkontroll innebär
att …" (a definition), "Beskriv hur ni har arbetat …" (the template's instruction), "utgår från
socialförvaltningens kvalitetsledningssystem" (present-tense description), "… men vidare arbete har
inte gjorts" (the work not done). Only *reported work* makes a concept present:
- a past or perfect verb ("genomfördes", "har inkommit", "upprättades") dated in the period — a
  number, a date, a month, "under året" — or with a counted noun ("18 klagomål");
- undated, where the unit is named as doing it ("Vi har vidareutvecklat avvikelsehanteringen"), an
  effect is reported ("… har lett till ökad kompetens") or the work has its own place ("har följts
  upp på APT");
- the unit's practice in the present tense, told with its place ("Avvikelser dokumenteras i Qualimax
  och analyseras på teammöten"), not a habit or rule ("görs alltid i varje ärende");
- for a results concept, a result stated in any tense ("NKI uppmäts till 69").
Everything else is evidence that the concept is *mentioned*, which is weak. Verb forms are told from
their look-alikes (genitives, adjectives, nouns) in ``verbs``.

The cues are Swedish grammar, not vocabulary of any one concept, so they live here; which words name a
concept stays data in the pack.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from . import verbs

# "reported": work done, dated in the period. "undated": work the unit is named as doing, an effect, or
# the unit's practice described ("Avvikelser dokumenteras i Qualimax"), without a date: reported work
# too, but a dated sentence is the better quote. "result": a statement of results ("bättre resultat än
# förväntat"), reported work for a results concept only ("Norrköpings resultat ligger lägre när det
# gäller brukarnas synpunkter" reports no complaints).
Kind = Literal["reported", "undated", "result", "template", "mention"]

# "Bemötandeenkäter är genomförda 2016", "planen blev fastställd": a state that reports a deed.
_PASSIVE = re.compile(
    r"\b(?:är|var|blev|blivit)\s+(?:\w+\s+)?\w*(?:förd|förda|fört|gjord|gjorda|ställd|ställda|rättad|rättade|"
    r"ordnad|ordnade|tagen|tagna|fastställd|fastställda|beslutad|beslutade|reviderad|reviderade|utredd|utredda|"
    r"anmäld|anmälda|genomgången|genomgångna)\b",
    re.I,
)
_MONTHS = (r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
           r"våren|hösten|sommaren|vintern|kvartal\w*|halvår\w*|tertial\w*")  # fmt: skip
# A number dates or counts the work; not one that is part of a word ("en 2-årig utbildning").
_ANCHOR = re.compile(
    rf"\d(?!\d*-[^\W\d_])|\b(?:{_MONTHS})\b|\bunder (?:året|(?:tids|redovisnings|rapport)?perioden|verksamhetsåret)\b|"
    r"\b(?:året|perioden) som gått\b|\bdet gångna året\b",
    re.I,
)
_NORMATIVE = re.compile(
    r"\b(?:ska|skall|bör|måste|behöver|kommer att|syftet|syftar|innebär|definieras|avser att|"
    r"enligt (?:sosfs|socialstyrelsens|lag\w*|föreskrift\w*|socialtjänstlagen|gällande)|i enlighet med|"
    r"lagar och (?:andra )?föreskrifter|regleras|reglerar)\b",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:har|hade)\s+(?:\w+\s+)?(?:inte|ej|aldrig)\b|\b(?:inte|ej|aldrig)\s+(?:\w+\s+){0,2}?"
    r"(?:gjorts|gjordes|genomförts|genomfördes|skett|upprättats|tagits fram|kunnat|kunde|finns)\b|"
    r"\bingen statistik\b|\binte (?:har|hade) (?:gjorts|genomförts)\b|"
    # "Riskanalysen genomfördes inte", "inga riskanalyser har genomförts": the work not done. Nothing
    # coming in is a report, though: "Inga klagomål har inkommit".
    r"\b\w+(?:des|ades|tes|ts)\s+(?:inte|ej|aldrig)\b|"
    r"\b(?:inga|ingen|inget)\s+(?:\w+\s+){0,3}?(?:har\s+|hade\s+)?(?:\w+\s+)?"
    r"(?:gjorts|gjordes|genomförts|genomfördes|upprättats|upprättades|tagits fram|togs fram|vidtagits|vidtogs)\b",
    re.I,
)
# The template's instruction to the writer: "Beskriv hur ni har arbetat …", "(beskriv kortfattat)".
_INSTRUCTION = re.compile(
    r"^\W*(?:beskriv|redovisa|ange|fyll i|skriv|lista|sammanfatta|analysera|kommentera|uppge|bifoga)\b|"
    r"\((?:beskriv|ange|fyll i|skriv|redovisa)\b",
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


def _has_past(sentence: str, ws: list[str]) -> bool:
    return bool(_PASSIVE.search(sentence)) or verbs.has_perfect(ws) or verbs.has_preterite(ws)


# Who did it. Work reported without a date is the unit's when the unit is named as doing it ("Vi har
# vidareutvecklat avvikelsehanteringen", "Kommunen har därefter ändrat rutinerna"); a national body's
# deeds are background ("Socialstyrelsen har tagit fram indikatorer").
_UNIT = re.compile(
    r"\b(?:vi|enhete[nr]|enheterna|verksamheten|verksamheterna|förvaltningen|nämnden|kommunen|personalen|"
    r"medarbetarna|sektionen|avdelningen|boendet|ledningen|ledningsgruppen|arbetsgruppen|teamet|"
    r"enhetschef(?:en|erna)?|chefen|cheferna|socialtjänsten|stadsdelen)\b",
    re.I,
)
_EXTERNAL = re.compile(
    r"\b(?:socialstyrelsen\w*|ivo|inspektionen|regeringen|riksdagen|skl|skr|sveriges kommuner|skolverket|"
    r"jo|justitieombudsmannen|staten|länsstyrelsen|i sverige|landets|i riket)\b",
    re.I,
)
# "… har lett till ökad kompetens": an effect reported is work reported.
_EFFECT = re.compile(
    r"\b(?:har|hade)\s+(?:\w+\s+){0,2}?(?:lett|resulterat|medfört|bidragit)\s+(?:till|i)\b|"
    r"\b(?:ledde|resulterade|medförde|bidrog)\s+(?:\w+\s+)?(?:till|i)\b",
    re.I,
)
# Results stated in any tense: "NKI uppmäts till 69", "bättre resultat än förväntat", "Resultaten visar att".
_MEASURE_NOUN = r"(?:resultat\w*|värden?|andel\w*|nöjd\w*|betyg\w*|procent|antal\w*|nivå\w*|utfall\w*|index)"
_RESULT = re.compile(
    rf"\b(?:bättre|sämre|högre|lägre)\s+(?:\w+\s+){{0,3}}?(?:än|jämfört med|i förhållande till)\b|"
    rf"\b(?:bättre|sämre|högre|lägre|goda?|bra)\s+{_MEASURE_NOUN}|\b{_MEASURE_NOUN}\s+(?:\w+\s+){{0,2}}?"
    rf"(?:bättre|sämre|högre|lägre)\b|"
    r"\b(?:uppgår|uppgick|uppmäts|uppmättes|landar|landade|hamnar|hamnade|ligger|låg)\s+(?:\w+\s+){0,2}?"
    r"(?:till|på)\s+\d|"
    r"\b(?:resultat\w*|undersökning\w*|mätning\w*|enkät\w*|uppföljning\w*|granskning\w*)\s+"
    r"(?:\w+\s+){0,3}?visa[rd]e?\s+att\b",
    re.I,
)
_MODAL = re.compile(r"\b(?:kan|kunna|skulle|kommer att|vill|önskar|hoppas|planerar)\b", re.I)
# A goal or a list of goals is no account: "Att vi har en väl fungerande samverkan!"
_GOAL = re.compile(r"^\W*(?:att\b|(?:mål(?:et|en)?|målsättning\w*)\s*(?::|(?:är|var) att\b))", re.I)
# Text about the report or a table in it, not about the work: "I tabellen nedan visas antalet …".
_META = re.compile(
    r"\b(?:rapporten|kvalitetsberättelsen|årsberättelsen|berättelsen|dokumentet|skrivelsen|sammanställningen|"
    r"tabellen|diagrammet|figuren|bilagan|denna pm|nedan|ovan|nedanstående)\b",
    re.I,
)
# A regulation cited: the sentence is about the rule ("… regleras i SOSFS 2011:9 Ledningssystem …").
_REGULATION = re.compile(r"\b(?:sosfs|sfs|hslf-fs)\s*\d{4}:\d+|\b\d+\s*kap\b|§", re.I)
_POINTER = re.compile(
    r"\b(?:tabell(?:en)?|diagram(?:met)?|figur(?:en)?|grafen?)\s+(?:nedan|ovan|här intill)\b|"
    r"\bnedanstående (?:tabell|diagram|figur)|\bse (?:tabell|diagram|figur|bilaga)\b",
    re.I,
)
_GENERIC = re.compile(r"\b(?:alltid|varje|vanligtvis|normalt|oftast)\b", re.I)
# A practice is described by where it happens: a named system or team, a meeting, a forum.
_FORUM = re.compile(
    r"\b\w*(?:möte|möten|mötet|mötena|arbetsplatsträff\w*|kvalitetsråd\w*|ledningsgrupp\w*|"
    r"verksamhetssystem\w*|journal\w*)\b|\bapt\b",
    re.I,
)
_HAVING = re.compile(r"(?:\d|ansvar|uppdrag|till uppgift|hand om|behov|rätt|möjlighet|tillgång)", re.I)
_SUBORDINATOR = frozenset("där som om när att eftersom vilket vilka då medan innan sedan".split())
_NOT_PRACTICE_VERB = frozenset(
    "ska skall bör vill kan måste behöver kommer avser planerar strävar önskar hoppas tycker anser utgår "
    "är var blir finns saknas".split()
)


def _named(sentence: str) -> bool:
    """A name in mid-sentence ("i Qualimax", "med Team äldredoktor"): the text tells of this unit's practice."""
    tokens = [t for t in sentence.split() if t[:1].isalnum()]  # not a bullet or a dash
    for prev, w in zip(tokens, tokens[1:]):
        if w[:1].isupper() and w[1:2].islower() and prev.casefold() != "lex" and not prev.endswith((".", ":")):
            return True
    return False


def _unit_does(ws: list[str]) -> bool:
    """The unit as the subject: first in the sentence ("Kommunen har därefter ändrat …") or right after
    the verb in inverted order ("Under året har vi …"), not somewhere in an object."""
    if ws[:2] in (["alla", "medarbetare"], ["samtliga", "medarbetare"], ["samtlig", "personal"], ["all", "personal"]):
        return True
    for i, w in enumerate(ws):
        if _UNIT.fullmatch(w) and (i <= 2 or ws[i - 1] in ("har", "hade") or verbs.is_preterite(ws, i - 1)):
            return True
    return False


def _specific(sentence: str) -> bool:
    """Work told with its own place (a named system or team, a meeting, a forum: "har följts upp på
    APT"), not a habit, a rule, a possibility, text about the report or a national body's work."""
    if any(p.search(sentence) for p in (_GENERIC, _META, _EXTERNAL, _MODAL, _REGULATION)):
        return False
    return _named(sentence) or bool(_FORUM.search(sentence))


def _practice(sentence: str, ws: list[str]) -> bool:
    """The unit's way of working in the present tense: "Avvikelser dokumenteras i Qualimax och analyseras
    på teammöten", "Vi har ett gott samarbete med Team äldredoktor". Habitual rules ("görs alltid i
    varje ärende"), text about the report and a national body's work are not."""
    if not _specific(sentence):
        return False
    head = []
    for w in ws[:6]:
        if w in _SUBORDINATOR:
            break
        head.append(w)
    if any(verbs.is_present_passive(w) for w in head[1:]):
        return True
    # "Vi har …", "Enheten arbetar …": the unit as subject of a present-tense verb, but not of having
    # places, staff or a responsibility ("Vi har 20 platser", "Vi har ansvar för …").
    if len(head) < 2 or not _UNIT.fullmatch(head[0]) or head[1] in _NOT_PRACTICE_VERB or not head[1].endswith("r"):
        return False
    return not (head[1] == "har" and _HAVING.match(sentence.split(None, 2)[2] if sentence.count(" ") >= 2 else ""))


def _heading_run(sentence: str) -> bool:
    """Many capitalised words in a row: prose capitalises its first word and names, a TOC every entry."""
    words = [w for w in sentence.split() if w[:1].isalpha()]
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 10 and caps / len(words) >= 0.35


def classify(sentence: str, period: tuple[int, int] | None = None) -> Kind:
    """Whether ``sentence`` reports work done in the period, restates a rule or template, or only names it."""
    # Every concept whose words a sentence holds asks about the same sentence; sentences of ordinary
    # length only, so a batch of reports that run into one giant "sentence" cannot fill memory.
    if len(sentence) <= _CACHED_LENGTH:
        return _classify_cached(sentence, period)
    return _classify(sentence, period)


_CACHED_LENGTH = 2000


def _classify(sentence: str, period: tuple[int, int] | None) -> Kind:
    if _heading_run(sentence):
        return "mention"  # a TOC or a string of headings run together by a transcript, not a sentence
    if _NEGATED.search(sentence):
        return "mention"
    years = [int(y) for y in _YEAR.findall(sentence)]
    if period is not None and years and all(y < period[0] for y in years):
        return "mention"  # work from before the period does not report the period
    if period is not None and years and all(y > period[1] for y in years):
        return "mention"  # a plan for next year
    ws = verbs.words(sentence)
    past = _has_past(sentence, ws)
    # A rule restated is template text, unless it carries a figure of its own ("målet att 90 procent
    # ska … uppnåddes: 84 procent"); a year alone is no such figure.
    if _NORMATIVE.search(sentence) and not (past and re.search(r"\d", _YEAR.sub("", sentence))):
        return "template"
    if _INSTRUCTION.search(sentence):
        return "template"
    if _GOAL.match(sentence) and not (past or verbs.has_bare_supine(ws)):
        return "mention"  # a goal names what is wanted, not what was done
    if _POINTER.search(sentence):
        return "mention"  # the table it points to is the evidence, not the pointer
    if _ANCHOR.search(sentence) and (past or verbs.has_bare_supine(ws)):
        return "reported"
    if _COUNT.search(sentence) and past:
        return "reported"
    if past and (_unit_does(ws) or _EFFECT.search(sentence) or _specific(sentence)) and not _EXTERNAL.search(sentence):
        return "undated"
    if _RESULT.search(sentence) and not _MODAL.search(sentence) and not _META.search(sentence):
        return "result"
    if _practice(sentence, ws):
        return "undated"
    return "mention"


_classify_cached = lru_cache(maxsize=8192)(_classify)


# What a result is: a figure (not a year), a change or comparison, a judgement of the outcome.
_OUTCOME = re.compile(
    r"\b(?:ök\w*|minsk\w*|förbättr\w*|försämr\w*|förkort\w*|förläng\w*|sjunk\w*|sjönk|stig\w*|steg|höjts|"
    r"sänkts|bättre|sämre|högre|lägre|nöjd\w*|missnöjd\w*|uppnå\w*|uppfyll\w*|måluppfyllelse|goda?|gott|bra|"
    r"positiv\w*|negativ\w*|oförändrad\w*)\b",
    re.I,
)


def states_outcome(sentence: str) -> bool:
    """Whether a sentence of reported work says what came of it, not only that it was done or published
    ("resultatet redovisades i slutet av oktober" states no result)."""
    return bool(re.search(r"\d", _YEAR.sub("", sentence)) or _OUTCOME.search(sentence))
