"""Swedish verb forms that tell of a deed: preterite, perfect (har/hade + supine) and present passive.

Suffixes alone are not enough: "-de" ends nouns ("område", "värde"), "-des" ends genitives ("den
enskildes"), "-ade" ends adjectives ("förbättrade resultat", "upprättade rutiner"), "-at"/"-t" ends
nouns, adjectives and adverbs ("resultat", "stort", "tidigt"), "-s" ends genitives ("kommunens").
So a suffix counts only where Swedish grammar allows a verb there, and against word lists of the
forms that look like verbs but are not. Strong verbs are listed, as no suffix finds them.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)

# Preterite and passive preterite of the strong and irregular verbs reports use.
STRONG_PAST = frozenset(
    "gjorde gjordes skrev skrevs kom inkom framkom uppkom förekom tillkom fick gick genomgick övergick "
    "gav gavs tog togs vidtog vidtogs deltog antog antogs såg sågs höll hölls blev drog drogs drev bjöd "
    "bjöds bröt fann steg sjönk lade lades la sade sa satt stod låg slog slogs beslöt valde valdes "
    "skedde ledde leddes försvann fanns".split()
)
# Supines of the strong and irregular verbs ("har gjort", "har inkommit").
STRONG_SUPINE = frozenset(
    "gjort gjorts fått gått sett setts gett getts givit givits kommit inkommit framkommit tagit tagits "
    "vidtagit vidtagits deltagit skrivit skrivits blivit varit funnits hunnit dragit dragits burit legat "
    "stått hållit hållits vunnit brutit sjunkit stigit lett letts skett nått bett valt valts "
    "känt vänt tänkt genomgått övergått lagt lagts sagt".split()
)
# Words with a verb's ending that are not verbs (nouns, adjectives, adverbs, pronouns).
_NOT_VERB = frozenset(
    "område värde syfte skede stycke fjärde enskilde förste siste bäste minste störste näste "
    "resultat mandat format privat kandidat certifikat citat referat apparat sekretariat klimat "
    "ett det mitt sitt ditt rätt lätt tätt nytt gott fritt brett trött stort svårt klart kort snart bort "
    "hårt start part rapport expert konsert kvart helt allt samt särskilt totalt mest bäst först minst "
    "störst senast sist främst helst fast just test brist text kontakt projekt direkt exakt effekt aspekt "
    "objekt produkt fakt inget mycket något litet annat sådant vart kvitt slut högt".split()
)
_NOT_VERB_ENDINGS = ("område", "värde", "ellt", "iskt", "igt", "ligt", "samt", "ant", "ent", "ekt", "akt",
                     "ilt", "alt", "ngt", "ont", "plats", "sats", "ept", "ipt", "port", "ort", "fält", "tält",
                     "skt", "aste", "ivt", "brott")  # fmt: skip
# A word after which an -ade/-de/-te form is an adjective: "av prioriterade områden", "har upprättade rutiner".
_ADJECTIVE_CONTEXT = frozenset(
    "av med för till på i om inom från mot vid efter under genom utan kring de den det dessa denna "
    "detta alla flera många några våra vår sina sin nya andra olika samtliga fler ytterligare har hade "
    "ha en ett högt mest mer väl är var blev blir utifrån gällande bland mellan enligt över hos trots "
    "angående rörande beträffande inför per via runt".split()
)
# A word that opens a noun phrase: after "har" it makes "har" a verb of having ("har ett gott samarbete").
_DETERMINER = frozenset(
    "en ett någon något några inga inget ingen sin sina sitt vår vårt våra er ert era min mitt mina "
    "flera många mycket stor stort god goda gott bra ansvar behov möjlighet rätt tillgång".split()
)
_GENITIVE_CONTEXT = frozenset("den det de varje var vars denna detta dessa någon en".split())


def words(sentence: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(sentence)]


def _not_verb(w: str) -> bool:
    return w in _NOT_VERB or w.endswith(_NOT_VERB_ENDINGS) and w not in STRONG_SUPINE


def is_supine(w: str) -> bool:
    """The supine ("arbetat", "genomfört", "skrivit", "lett", passive "genomförts") of a verb."""
    if w in STRONG_SUPINE:
        return True
    if len(w) < 4 or _not_verb(w):
        return False
    stem = w[:-1] if w.endswith("s") else w
    if _not_verb(stem):
        return False
    return bool(re.search(r"(?:at|it|tt|[rlkmpvj]t|[ag]gt)$", stem))  # not "drygt", "högt"


def is_preterite(ws: list[str], i: int) -> bool:
    """Whether ``ws[i]`` is a preterite ("genomfördes", "ökade", "startades"), in its place in the sentence."""
    w = ws[i]
    prev = ws[i - 1] if i else ""
    if w in STRONG_PAST:
        return True
    if len(w) < 5 or _not_verb(w):
        return False
    if w.endswith("s"):
        if prev in _GENITIVE_CONTEXT:
            return False  # "den enskildes", "varje anställdes"
        w = w[:-1]
        if _not_verb(w):
            return False
    if prev in _ADJECTIVE_CONTEXT or len(prev) > 4 and prev.endswith("s") or prev.endswith("t") and _not_verb(prev):
        # "med förbättrade rutiner", "har upprättade rutiner", "den enskildes samlade behov",
        # "nationellt reglerade krav"
        return False
    return bool(re.search(r"(?:ade|dde|[^aeiouyåäön]de|[kpstx]te)$", w))


# Between "har" and its supine: a subject in inverted order or adverbs ("har det totalt inkommit",
# "har vi under året genomfört"), not a noun phrase.
_PERFECT_GAP = 5


def has_perfect(ws: list[str]) -> bool:
    """"har/hade (…) supine": "har genomfört", "har under året arbetat", "hade inte gjorts"."""
    for i, w in enumerate(ws):
        if w not in ("har", "hade"):
            continue
        for v in ws[i + 1 : i + 2 + _PERFECT_GAP]:
            if v in _DETERMINER or v in ("att", "som", "och", "är", "var"):
                break
            if is_supine(v):
                return True
    return False


def has_preterite(ws: list[str]) -> bool:
    return any(is_preterite(ws, i) for i in range(len(ws)))


def has_past(sentence: str) -> bool:
    ws = words(sentence)
    return has_perfect(ws) or has_preterite(ws)


_BARE_SUPINE = frozenset(
    "gjort inkommit fått skett blivit deltagit genomfört upprättat infört startat påbörjat avslutat anmält utrett "
    "ökat minskat sjunkit stigit nått uppnått".split()
)


def has_bare_supine(ws: list[str]) -> bool:
    """A supine without "har", as subordinate clauses drop it ("de åtgärder som vidtagits"); the active
    forms only where they cannot be a neuter adjective."""
    return any(w in _BARE_SUPINE or (w.endswith("s") and is_supine(w)) for w in ws)


# Present passive of the verbs that describe the handling of cases, deviations and complaints.
_PRESENT_PASSIVE = re.compile(
    r"^(?:\w{3,}(?:eras|ras|as)|\w*(?:görs|förs|följs|utreds|ställs|lyfts|tas|ges|ses|sätts|skrivs|hålls|gås|"
    r"läggs|väljs|mäts|sprids|delges|prövas))$"
)
_NOT_PASSIVE = frozenset("mas bas fas gas ideas atlas texas".split())


def is_present_passive(w: str) -> bool:
    """"dokumenteras", "analyseras", "följs", "genomförs": what is done, as a practice. Not a genitive
    plural ("Fältarnas", "brukarnas")."""
    if w in _NOT_PASSIVE or w.endswith("nas") and w != "öppnas":
        return False
    return bool(_PRESENT_PASSIVE.match(w))
