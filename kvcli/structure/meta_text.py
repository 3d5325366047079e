"""What metadata is read from: the document's lines with their place, and the dates and names in them.

Shared by the metadata cues (title, signature, organisation): one definition of a date, a person's
name and a labelled field ("Datum:", "Handläggare") whatever template the report follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..model import Evidence

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ALT = "|".join(MONTHS)
# "2019-03-20", "2012 01-17" (a transcript lost the first hyphen), "2019.03.20".
ISO_DATE_RE = re.compile(r"(?<![\d-])((?:19|20)\d\d)[-. ]([01]\d)[-.]([0-3]\d)(?![\d-])")
# "den 5 mars 2019", "5 mars 2019", "5:e mars 2019".
WRITTEN_DATE_RE = re.compile(rf"(?<!\d)([0-3]?\d)(?::e|:a)?\s+({_MONTH_ALT})\s+((?:19|20)\d\d)(?!\d)", re.I)
YEAR_RE = re.compile(r"(?<![\d/:.-])((?:19|20)\d\d)(?![\d/:]|-\d\d-)")

_NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüë]+(?:-[A-ZÅÄÖÉ][a-zåäöéüë]+)?"
NAME_RE = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}")
# Job titles a report is signed with ("förvaltningschef", "Sektionschef", "MAS").
ROLE_RE = re.compile(
    r"\b[\wåäöÅÄÖ-]*(?:chef|direktör|ordförande|samordnare|föreståndare|strateg|ansvarig(?:\s+\w+)?)\b"
    r"|\b(?:MAS|MAR|SAS)\b",
    re.I,
)
_MAX_EVIDENCE = 160


@dataclass
class SourceLine:
    """One body line (a paragraph, heading or list item) with its place in the file."""

    text: str
    line: int | None = None
    page: int | None = None
    kind: str = "paragraph"

    def evidence(self, cue: str, text: str | None = None) -> Evidence:
        shown = re.sub(r"\s+", " ", text if text is not None else self.text).strip()
        if len(shown) > _MAX_EVIDENCE:
            shown = shown[: _MAX_EVIDENCE - 1] + "…"
        return Evidence(cue=cue, text=shown, line=self.line, page=self.page)


def iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first real calendar date written in ``text`` (ISO or "5 mars 2019") and where it stands."""
    found: list[tuple[int, str, re.Match[str]]] = []
    for m in ISO_DATE_RE.finditer(text):
        d = iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((m.start(), d, m))
            break
    for m in WRITTEN_DATE_RE.finditer(text):
        d = iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if d:
            found.append((m.start(), d, m))
            break
    if not found:
        return None
    _, d, m = min(found, key=lambda f: f[0])
    return d, m


def leading_name(text: str) -> str | None:
    """A person's name (two or three capitalised words) opening ``text``: "Lea Ekholm Mallen är …" → "Lea
    Ekholm" (a third capitalised word followed by lower-case text starts the next sentence)."""
    m = NAME_RE.match(text.strip())
    if m is None:
        return None
    words = m.group(0).split()
    rest = text.strip()[m.end() :].lstrip()
    if len(words) == 3 and rest[:1].islower() and not ROLE_RE.match(rest):
        words = words[:2]
    name = " ".join(words)
    return None if _not_a_name(name) else name


_NOT_NAMES = {"socialnämnden", "förvaltningen", "kommunen", "nämnden", "enheten", "verksamheten", "sektionen"}


def _not_a_name(name: str) -> bool:
    # "Sociala Nämnder", "Vård Och" never occur as names; words that are organisations are not people.
    return any(w.casefold() in _NOT_NAMES or w.casefold().endswith(("nämnden", "förvaltningen", "kommun"))
               for w in name.split())  # fmt: skip
