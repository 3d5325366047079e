"""Key figures a report states in its running text, in the same long format with ``source: "prose"``.

Real reports give most of their headline numbers in sentences: "Under år 2014 har 18 klagomål och
synpunkter lämnats in, jämfört med 21 föregående år", "fem så kallade lex Sarah-rapporter …, varav en
händelse anmälts vidare till Inspektionen för vård och omsorg (IVO)", "NKI uppmäts till 69". A figure
is a count and the noun phrase it counts, a "varav N" / "N av dessa" part of the count before it, or a
value a subject "uppgår till", "är", "uppmäts till". A wrong figure is worse than a missing one, so a
number is read only in one of these shapes, never from a number that merely stands in a sentence:
years, dates, paragraphs of law ("14 kap. 3 §"), page and dnr numbers, ranges and changes ("en ökning
med 0,1 %") are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure
from ..numbers import UNITS, parse_number
from .period_note import period_note

NUMBER_WORDS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17,
    "arton": 18, "nitton": 19, "tjugo": 20,
}  # fmt: skip
_WORD_ALT = "|".join(NUMBER_WORDS)
_ONE = {"en": 1, "ett": 1}  # only as a part ("varav en"): elsewhere an article
_SENTENCE_RE = re.compile(r"[^.!?]*(?:[.!?](?=\s+[A-ZÅÄÖ0-9]|\s*$)|$)", re.S)
_YEAR_RE = re.compile(r"(?<![\d/:.,-])((?:19|20)\d\d)(?![\d/:-]|,\d|\s?%)")
# A number as prose writes it: "1 060", "5,2", "18". Glued to a letter, slash or dash it is a code.
_NUM_RE = re.compile(r"(?<![\w/:.,§-])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?(?![\w/:§-]|[.,]\d)")
_WORD_RE = re.compile(r"[\wåäöÅÄÖé%§()/:-]+[,.;:!?)]*")
# Words after which a number is a reference, not a quantity.
_REF_BEFORE = {
    "kap", "kap.", "§", "sfs", "sosfs", "nr", "nummer", "sidan", "sid", "sid.", "s.", "bilaga", "diagram",
    "tabell", "figur", "version", "steg", "fas", "nivå", "punkt", "dnr", "rum", "avdelning", "vecka", "v.",
    "klockan", "kl.", "kl", "mellan", "ca", "cirka", "över", "under", "drygt", "knappt", "nästan", "omkring",
    "enligt", "from", "tom", "fr.o.m.", "t.o.m.", "fr.o.m", "t.o.m",
}  # fmt: skip
# A count never counts these: units of time, repetitions, the law's chapters.
_NOT_COUNTED = {
    "år", "års", "åren", "månader", "månad", "veckor", "vecka", "dagar", "dag", "dygn", "timmar", "timme",
    "minuter", "gånger", "gång", "kap", "kap.", "kapitel", "procent", "procentenheter", "kronor", "kr", "tkr",
    "mkr", "sek", "%", "st", "stycken", "av", "till", "och", "eller", "i", "på", "per",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december",
}  # fmt: skip
# Words that end the counted noun phrase: prepositions, conjunctions, verbs and adverbs of the sentence.
_STOP = {
    "och", "eller", "samt", "men", "som", "att", "av", "i", "på", "till", "från", "med", "för", "under",
    "efter", "inom", "hos", "vid", "mot", "utan", "har", "hade", "är", "var", "blev", "blir", "kan", "ska",
    "skall", "måste", "inkom", "inkommit", "inkommer", "lämnats", "lämnades", "lämnade", "utretts",
    "bedömdes", "bedöms", "anmäldes", "anmälts", "gjordes", "genomfördes", "varav", "vilket", "vilka",
    "där", "då", "när", "totalt", "sammanlagt", "också", "även", "redan", "per", "jämfört", "än",
    "kring", "om", "inte", "ej", "det", "den", "de", "dessa", "denna", "detta", "vi", "man", "sig", "respektive", "fast",
    "skulle", "kommer", "får", "fick", "behöver", "bör", "vill", "kunde", "borde",
}  # fmt: skip
# Nouns a count pairs ("18 klagomål och synpunkter"): one thing counted, not two figures.
_PAIRED = {"synpunkter", "klagomål", "beröm", "avvikelser", "förslag", "frågor", "anmälningar", "rapporter",
           "händelser", "ärenden", "tips", "önskemål", "förbättringsförslag"}  # fmt: skip
_PRONOUN_SUBJECTS = {"det", "detta", "den", "denna", "de", "dessa", "vi", "man", "han", "hon", "här", "som",
                     "vilket", "resultatet", "svaret"}  # fmt: skip
_PREVIOUS_YEAR_RE = re.compile(
    r"^\s*(?:under\s+)?(?:föregående\s+år|förra\s+året|året\s+innan|året\s+före)\b", re.I
)
_PART_RE = re.compile(r"(?:\bvarav|\b(?:av\s+(?:dessa|dem|de|dessa\s+\w+)))\s*$", re.I)
_REPORTED_TO_RE = re.compile(
    r"\banmä(?:ldes|lts|lda|ld|lt)\s+(?:därmed\s+|vidare\s+|sedan\s+)?till\s+(?P<to>[A-ZÅÄÖ][\wåäö-]*)"
)
_JUDGED_RE = re.compile(
    r"^\s*(?:[a-zåäö]+\s+)?bedömdes\s+(?P<neg>inte\s+)?(?:efter\s+utredning\s+)?(?:vara|som)\s+(?:ett\s+|en\s+)?"
    r"(?P<what>[a-zåäö-]+(?:\s+[a-zåäö-]+)?)(?=\s+(?:eller|och)\b|[,.;]|\s*$)"
)
_VALUE_VERB_RE = re.compile(
    r"^(?P<subj>(?:[A-ZÅÄÖ][\wåäö-]*)(?:\s+[\wåäö-]+){0,5}?)\s+"
    r"(?:uppgår|uppgick|uppmäts|uppmättes|landade|hamnade|låg|ligger|var|är|blev)\s+"
    r"(?:(?:under|för)\s+(?:året|år\s+(?:19|20)\d\d|(?:19|20)\d\d)\s+)?(?:till\s+|på\s+)?$"
)
_ANSWERED_BEFORE_RE = re.compile(r"\bsvar\s+(?:inkom|kom\s+in|har\s+inkommit|inkommit)\s+från\s+$", re.I)
_ANSWERED_AFTER_RE = re.compile(r"^\s*(?:har\s+)?(?:svarat|svarade|besvarat|besvarade)\b")
_SHARE_ON_RE = re.compile(r"\b(?P<noun>[a-zåäö]{4,}(?:en)?)\s+på\s+$")
_CHANGE_NOUNS = {"ökning", "ökningen", "minskning", "minskningen", "höjning", "sänkning", "förändring"}
_CANONICAL = [
    (re.compile(r"^(?:lex\s+sarah[- ]?rapport(?:er)?|rapport(?:er)?\s+enligt\s+lex\s+sarah|"
                r"rapport(?:er)?\s+om\s+(?:allvarliga\s+)?missförhållanden?)"
                r"(?:\s+om\s+missförhållanden?)?$", re.I), "lex Sarah-rapporter"),
    (re.compile(r"^lex\s+maria[- ]?anmälning(?:ar)?$", re.I), "lex Maria-anmälningar"),
]  # fmt: skip
_NYCKELTAL_RE = re.compile(r"\bNyckeltal\s+(?:19|20)\d\d\b", re.I)
_REGULATION_RE = re.compile(
    r"\b(?:SOSFS|SFS|HSLF-FS)\s*\d{4}:\d+|\bförfattningen\b|\b\d+\s*kap\.?\s+\d+\s*§", re.I
)
_OBLIGATION_RE = re.compile(r"\b(?:ska|skall|bör|måste|kommer\s+(?:\w+\s+){0,6}?att)\b", re.I)
_MAX_SENTENCE_CHARS = 600
_MAX_NUMBERS = 8  # a sentence with more is a table run into the text, read by the table parsers if at all


@dataclass
class _Context:
    section_id: str
    page: int | None
    line: int | None
    doc_year: int | None


def prose_figures(text: str, section_id: str, page: int | None, line: int | None,
                  doc_year: int | None) -> list[Figure]:  # fmt: skip
    ctx = _Context(section_id, page, line, doc_year)
    out: list[Figure] = []
    for para in text.split("\n"):
        antecedent: str | None = None
        for m in _SENTENCE_RE.finditer(para):
            sentence = m.group(0).strip()
            # Words without a full stop are a heading, a caption or a label, which name things, not count them
            # (and Word, PDF and plain text do not agree on which such line is which).
            if not sentence.endswith((".", "!", "?")) or len(sentence) > _MAX_SENTENCE_CHARS:
                continue
            found, antecedent = _sentence_figures(sentence, ctx, antecedent)
            out += found
    return out


def _sentence_figures(s: str, ctx: _Context, antecedent: str | None) -> tuple[list[Figure], str | None]:
    numbers = _numbers(s)
    if len(numbers) > _MAX_NUMBERS:
        return [], antecedent
    # "jämfört med 2013" names the year compared with, not the year the sentence's figures are about.
    if _NYCKELTAL_RE.search(s):
        return [], antecedent  # a key-figure run, read as one by the inline parser
    if _REGULATION_RE.search(s):
        return (
            [],
            antecedent,
        )  # "I SOSFS 2011:9 framgår att … tre perspektiv": the rule restated, not a result
    if _OBLIGATION_RE.search(s):
        return [], antecedent  # "ska inspektera minst två gånger per år": a rule or a goal, not an outcome
    all_years = [(m.start(), int(m.group(1))) for m in _YEAR_RE.finditer(s)]
    # "jämfört med 2013" names the year compared with, not the year the sentence's figures are about.
    years = [(p, y) for p, y in all_years
             if not re.search(r"(?:jämfört\s+med|mot|än|sedan|från)\s+(?:år\s+)?$", s[:p])]  # fmt: skip
    out: list[Figure] = []
    whole = antecedent  # the count a "varav N" is part of
    for start, end, value, is_word in numbers:
        before, after = s[:start], s[end:]
        if _is_year_at(all_years, start) or _reference(before, after):
            continue
        period = _year_for(years, start)
        if period is None and len({y for _, y in years}) > 1:
            continue  # several years in the sentence and none before this number: which one is unknown
        percent = re.match(r"\s*(?:%|procent)(?!\w)", after)
        if re.search(r"\bfrån\s+$", before) and re.match(
            rf"\s*(?:%|procent)?\s+till\s+(?:\d|{_WORD_ALT})", after
        ):
            continue  # "ökade från 45 % till 52 %": the earlier value, of a period the sentence does not name
        if re.search(rf"\bfrån\s+(?:[\d,]+|{_WORD_ALT})\s*(?:%|procent)?\s+till\s+$", before) and not percent:
            continue  # "utöka antalet platser från sex till elva": what grew is too far back to name safely
        if percent:
            label = None if is_word else (_from_to(before) or _subject(before, share=True))
            if label is not None:
                out.append(_figure(label, value, "%", period, s, ctx))
            continue
        part_after = re.match(r"\s*av\s+(?:dessa|dem|de)\b", after)
        part = bool(_PART_RE.search(before) or part_after)
        rest = after[part_after.end() :] if part_after else after
        if is_word and value == 1 and not part:
            continue  # "en", "ett" outside a part is an article
        label = None
        if _PREVIOUS_YEAR_RE.match(rest) and re.search(r"(?:jämfört\s+med|mot)\s+$", before):
            base = period if period is not None else ctx.doc_year
            if whole is None or base is None:
                continue
            out.append(_figure(whole, value, None, base - 1, s, ctx))
            continue
        compared = re.match(r"\s*(?:under\s+|år\s+)?((?:19|20)\d\d)\b", rest)
        if compared and whole is not None and re.search(r"(?:jämfört\s+med|mot)\s+$", before):
            out.append(
                _figure(whole, value, None, int(compared.group(1)), s, ctx)
            )  # "jämfört med 31 under 2012"
            continue
        np_ = _noun_phrase(rest)
        if np_ is not None and (
            _ANSWERED_BEFORE_RE.search(before) or _ANSWERED_AFTER_RE.match(rest[len(_raw_np(rest)) :])
        ):
            np_ = "svarande"  # "Svar inkom från 724 personer", "412 brukare har svarat": who answered
        if part:
            label = _reported_to(rest) or np_ or _judged(rest, whole)
        elif np_ is not None:
            label = _judged(rest[len(_raw_np(rest)) :], np_) or np_
            whole = np_
        else:
            label = _judged(rest, whole)
            if label is None and not is_word:
                label = _subject(before)
        if label is not None:
            unit = re.match(r"\s*(dagar|dygn|veckor|månader|timmar|kronor|tkr|mkr)\b", rest)
            out.append(
                _figure(_canonical(label), value, _unit(unit.group(1)) if unit else None, period, s, ctx)
            )
    return out, whole


def _judged(rest: str, whole: str | None) -> str | None:
    """ "bedömdes inte vara ett missförhållande" → "<whole> bedömda som inte missförhållande"."""
    j = _JUDGED_RE.match(rest)
    if j is None or whole is None:
        return None
    return f"{whole} bedömda som {'inte ' if j.group('neg') else ''}{j.group('what')}"


def _reported_to(rest: str) -> str | None:
    """ "… anmäldes därmed till Socialstyrelsen", "anmälts vidare till Inspektionen för vård och omsorg (IVO)"."""
    clause = re.split(r"(?<=[,;])\s+(?=\d|varav\b)", rest, maxsplit=1)[0]
    m = _REPORTED_TO_RE.search(clause)
    if m is None or re.search(r"\b(?:inte|ej)\s+$", clause[: m.start()]):
        return None
    abbr = re.match(r"[^.;(]{0,60}\((?P<a>[A-ZÅÄÖ]{2,6})\)", clause[m.start("to") :])
    return f"anmälda till {abbr.group('a') if abbr else m.group('to').strip()}"


def _numbers(s: str) -> list[tuple[int, int, float, bool]]:
    found: list[tuple[int, int, float, bool]] = []
    for m in _NUM_RE.finditer(s):
        num = parse_number(m.group(0))
        if num is not None:
            found.append((m.start(), m.end(), num.value, False))
    for m in re.finditer(r"(?<![\wåäö-])([A-ZÅÄÖa-zåäö]+)(?![\wåäö-])", s):
        w = m.group(1).lower()
        if w in NUMBER_WORDS and (m.group(1).islower() or m.start() == 0):
            found.append((m.start(), m.end(), float(NUMBER_WORDS[w]), True))
        elif w in _ONE and _PART_RE.search(s[: m.start()]):
            found.append((m.start(), m.end(), 1.0, True))
    return sorted(found)


def _is_year_at(years: list[tuple[int, int]], start: int) -> bool:
    return any(p == start for p, _ in years)


def _reference(before: str, after: str) -> bool:
    words = before.lower().split()
    prev = words[-1] if words else ""
    if prev in _REF_BEFORE or prev.endswith(("-", "–", "/")):
        return True
    if prev in ("dessa", "de", "våra", "sina", "deras", "dess") or (len(words) > 1 and words[-2] == "de"):
        return True  # "dessa tre perspektiv", "de planerade tre tjänsterna": named before, not counted here
    if (
        prev in ("med", "på")
        and len(words) > 1
        and words[-2] in _CHANGE_NOUNS | {"ökat", "minskat", "ökade", "minskade"}
    ):
        return True  # "en ökning med 0,1 %": a change, not a level
    # "14 kap.", "1 (3)", "3 §", "0-12 år", "2/3", "5:e": a chapter, a page count, a range, an ordinal.
    return bool(re.match(r"\s*(?:kap\b|§|\(\d|[-–/]\s*\d|:[ea]\b|\.\d)", after))


def _year_for(years: list[tuple[int, int]], start: int) -> int | None:
    """The year a number is about: the sentence's only year, else the nearest one before it."""
    distinct = {y for _, y in years}
    if len(distinct) == 1:
        return distinct.pop()
    before = [y for p, y in years if p < start]
    return before[-1] if before else None


def _raw_np(after: str) -> str:
    """The stretch of ``after`` the counted noun phrase is read from: a noun ("klagomål"), an adjective and
    its noun ("särskilda boenden"), "lex Sarah-rapporter", a pair ("klagomål och synpunkter", "alkohol- och
    drogbehandlare"), and for reports what they are about ("rapporter om missförhållanden")."""
    words = list(_WORD_RE.finditer(after))
    k = 0
    while k < len(words) and words[k].group().rstrip(",.;").lower() in (
        "st",
        "st.",
        "stycken",
        "så",
        "kallade",
    ):
        k += 1
    if (
        k >= len(words)
        or not _np_word(words[k].group())
        or words[k].group().rstrip(",.;:!?)").lower() in _STOP
    ):
        return ""
    first = words[k].group()
    end = words[k].end()
    last = k

    def bare(i: int) -> str:
        return words[i].group().rstrip(",.;:!?)").lower()

    def closed(i: int) -> bool:
        return words[i].group() != words[i].group().rstrip(",.;:!?)")

    def take(i: int) -> bool:
        nonlocal end, last
        if i < len(words) and _np_word(words[i].group()) and bare(i) not in _STOP:
            end, last = words[i].end(), i
            return True
        return False

    if closed(k):
        return after[:end]
    if bare(k) == "lex":
        take(k + 1)
    elif first.endswith("-") and k + 2 < len(words) and bare(k + 1) == "och":
        take(k + 2)
    elif (bare(k).endswith(("a", "e")) and not bare(k).endswith(("erna", "arna", "orna")) and len(bare(k)) >= 4
          and k + 1 < len(words) and not closed(k)):  # fmt: skip
        take(k + 1)  # an adjective before its noun
    if not closed(last) and last + 2 < len(words) and bare(last) in _PAIRED and bare(last + 1) == "och":
        if bare(last + 2) in _PAIRED:
            end, last = words[last + 2].end(), last + 2
    if not closed(last) and last + 2 < len(words) and bare(last + 1) == "om" and _takes_om(after[:end]):
        take(last + 2)
    if (not closed(last) and last + 3 < len(words) and bare(last + 1) == "enligt" and bare(last + 2) == "lex"
            and _takes_om(after[:end])):  # fmt: skip
        end, last = words[last + 3].end(), last + 3  # "rapporter enligt lex Sarah"
    return after[:end]


def _np_word(token: str) -> bool:
    t = token.rstrip(",.;:!?)")
    if len(t) < 2 or not t[:1].isalpha():
        return False
    if t.lower().endswith(("ats", "its", "tts", "ades")):
        return False  # a verb's supine or past tense ("avslutats", "utretts"), not what is counted
    return t[:1].islower() or t.lower().startswith(("lex", "sarah", "maria")) or t.isupper()


def _takes_om(np_: str) -> bool:
    return bool(re.search(r"(?:rapport|rapporter|anmälan|anmälningar|klagomål)\s*$", np_, re.I))


def _noun_phrase(after: str) -> str | None:
    raw = _raw_np(after)
    words = [w.rstrip(",.;:!?)") for w in raw.split()]
    words = [w for w in words if w.lower() not in ("st", "st.", "stycken", "så", "kallade")]
    if not words or words[0].lower().split("/")[0] in _NOT_COUNTED or words[-1].lower() in _STOP:
        return None
    if len(words[0]) < 3 and words[0].lower() not in ("män",):
        return None
    if words[-1].lower().endswith(("erna", "arna", "orna")):
        return None  # "de planerade tre tjänsterna": things named before, not a count stated here
    # Adjectives stand before the noun: an "-a" word after it starts a new phrase ("29 kommuner stora som små").
    while len(words) > 1 and words[-1].endswith("a") and not words[-2].endswith("a"):
        words.pop()
    return " ".join(words)


def _subject(before: str, share: bool = False) -> str | None:
    """ "NKI uppmäts till", "Svarsfrekvensen blev", "en svarsfrekvens på": what the value is of."""
    m = _VALUE_VERB_RE.match(before.strip() + " ")
    if m:
        subj = m.group("subj").strip()
        first = subj.split()[0].lower()
        if first in _PRONOUN_SUBJECTS or any(ch.isdigit() for ch in subj):
            return None
        return subj[0].lower() + subj[1:] if not subj.split()[0].isupper() else subj
    m2 = _SHARE_ON_RE.search(before) if share else None
    if m2 and m2.group("noun") not in _CHANGE_NOUNS:
        return m2.group("noun")
    return None


_FROM_TO_RE = re.compile(
    r"(?:^|[,;]\s+)(?P<subj>[A-ZÅÄÖa-zåäö][\wåäö-]*(?:\s+[\wåäö-]+){0,9}?)\s+(?:har\s+)?"
    r"(?:ökade|ökat|minskade|minskat|steg|stigit|sjönk|sjunkit|gick\s+(?:upp|ner))\s+från\s+[\d,]+\s*(?:%|procent)?\s+"
    r"till\s+$"
)


def _from_to(before: str) -> str | None:
    """ "Andelen nöjda ökade från 45 % till": the value after "till" is the subject's current one."""
    m = _FROM_TO_RE.search(before)
    if m is None or m.group("subj").split()[0].lower() in _PRONOUN_SUBJECTS:
        return None
    subj = m.group("subj")
    return subj[0].lower() + subj[1:]


def _part_label(after: str, whole: str | None) -> str | None:
    m = _REPORTED_TO_RE.search(after)
    if m and not re.search(r"\b(?:inte|ej)\s+$", after[: m.start()]):
        return f"anmälda till {m.group('abbr') or m.group('to').strip()}"
    if whole is None:
        return None
    j = _JUDGED_RE.match(after)
    if j:
        return f"{whole} bedömda som {'inte ' if j.group('neg') else ''}{j.group('what')}"
    return None


def _unit(word: str) -> str:
    return UNITS.get(word.lower(), word.lower())


def _canonical(label: str) -> str:
    for rx, name in _CANONICAL:
        if rx.match(label):
            return name
    return label


def _figure(label: str, value: float, unit: str | None, period: int | None, s: str, ctx: _Context) -> Figure:
    return Figure(
        label=label,
        column=str(period) if period is not None else "",
        value=value,
        unit=unit,
        period=period,
        section_id=ctx.section_id,
        table_id=None,
        page=ctx.page,
        line=ctx.line,
        text=s if len(s) <= 300 else s[:299] + "…",
        source="prose",
        period_note=period_note(s),
    )
