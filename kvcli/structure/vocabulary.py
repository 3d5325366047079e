"""Chapter names the genre uses: evidence that a line is a heading, never a requirement.

The SOSFS 2011:9 / SKL template chapters of a kvalitetsberättelse or patientsäkerhetsberättelse, the
chapters municipal templates add, and the fixed headings of a tjänsteskrivelse (the cover memo a report
goes to its board with). A transcript that ran a heading into its text, or a plain text whose first
line might be a title or a chapter, is read against these. Matched case-insensitively, whole title.
"""

from __future__ import annotations

import re

# Level 1 in a report: the template's chapters.
CHAPTERS = """
sammanfattning | inledning | bakgrund | bakgrund och syfte | syfte | inledande ord | förord | resultat |
övergripande mål och strategier | mål och strategier | organisatoriskt ansvar | organisation och ansvar |
organisatoriskt ansvar för kvalitetsarbetet | organisatoriskt ansvar för patientsäkerhetsarbetet |
organisatoriskt ansvar för kvalitets- och patientsäkerhetsarbetet | struktur för uppföljning och utvärdering |
struktur för uppföljning/utvärdering | uppföljning genom egenkontroll | egenkontroll | riskanalys | riskanalyser |
händelseanalys | händelseanalyser | samverkan | samverkan för att förebygga vårdskador |
samverkan för att förebygga missförhållanden och vårdskador | hantering av klagomål och synpunkter |
klagomål och synpunkter | synpunkter och klagomål | sammanställning och analys | samverkan med patienter och närstående |
avvikelser | avvikelsehantering | lex sarah | lex maria | lex sarah och lex maria | personal och kompetens |
kompetens | processer och rutiner | systematiskt förbättringsarbete | systematiskt kvalitetsarbete | ledningssystem |
måluppfyllelse | nyckeltal | analys | analys och bedömning | bedömning och analys | slutsatser | slutsats |
utvecklingsområden | förbättringsområden | mål för kommande år | övergripande mål och strategier för kommande år |
övergripande strategier för kommande år | mål och strategier för det kommande året | framtid | ekonomi |
brukarundersökning | brukarundersökningar | om undersökningen | metod | genomförande | bilagor | bilaga | referenser
"""
# The fixed headings of a tjänsteskrivelse / tjänsteutlåtande.
MEMO = """
förslag till beslut | ärendebeskrivning | beskrivning av ärendet | ärendet | sammanfattning av ärendet |
beslutsunderlag | förvaltningens bedömning | förvaltningens yttrande | yttrande | ekonomiska konsekvenser |
konsekvenser | bilagor | beslutet skickas till | expedieras till
"""


def _phrases(block: str) -> frozenset[str]:
    return frozenset(p.strip() for p in block.split("|") if p.strip())


KNOWN = _phrases(CHAPTERS) | _phrases(MEMO)
MEMO_HEADINGS = _phrases(MEMO)
_LONGEST = max(len(p.split()) for p in KNOWN)
_NUMBERING_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")


def key(text: str) -> str:
    t = _NUMBERING_RE.sub("", text).casefold()
    return re.sub(r"\s+", " ", t).strip(" .:")


def is_known(text: str) -> bool:
    """A chapter name of the genre ("Sammanfattning", "3.2 Riskanalys", "FÖRSLAG TILL BESLUT")."""
    return key(text) in KNOWN


def known_prefix(words: list[str]) -> int:
    """How many of ``words`` (longest first) form a known chapter name; 0 if none does."""
    for n in range(min(_LONGEST, len(words)), 0, -1):
        if key(" ".join(words[:n])) in KNOWN:
            return n
    return 0
