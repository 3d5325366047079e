"""Part-year qualifiers: a figure for "2015 (tom 150918)", "jan–aug" or "hittills i år" covers part of a year.

Such a value is not comparable with a whole year's, so the qualifier stays on the figure (``period_note``)
for ``trend`` and ``diff`` to mark it. "jan–dec" is the whole year and no qualifier.
"""

from __future__ import annotations

import re

_MONTH_NAMES = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_MONTH = (
    r"(?:jan(?:uari)?|feb(?:ruari)?|mars?|apr(?:il)?|maj|juni?|juli?|aug(?:usti)?|sept?(?:ember)?|"
    r"okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_UNTIL = r"(?:t\.?\s?o\.?\s?m\.?|tom|till\s+och\s+med|fr\.?\s?o\.?\s?m\.?|from|per)"
_NOTE_RE = re.compile(
    rf"\b{_UNTIL}\s+(?:\d{{6}}\b|(?:19|20)\d\d-\d\d-\d\d\b|\d{{1,2}}\s+{_MONTH}|{_MONTH}(?![\wåäö]))"
    rf"|\b(?P<a>{_MONTH})\s*(?:[–—-]|till)\s*(?P<b>{_MONTH})(?![\wåäö])"
    r"|\bhittills\s+i\s+år\b|\b(?:första|andra)\s+halvåret\b|\bhalvår\s*[12]\b|\bdelåret\b|\bdelårs\w*\b",
    re.I,
)


def period_note(text: str) -> str | None:
    """The part-year qualifier written in ``text`` ("tom 150918", "mars–december"), or None."""
    for m in _NOTE_RE.finditer(text):
        if m.group("a") and _month(m.group("a")) == 1 and _month(m.group("b")) == 12:
            continue  # "jan–dec": the whole year
        return re.sub(r"\s+", " ", m.group(0)).strip()
    return None


def _month(name: str) -> int:
    return _MONTH_NAMES.index(name.lower()[:3]) + 1
