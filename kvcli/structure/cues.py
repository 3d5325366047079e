"""The textual cues every structure decision shares: the TOC title, a TOC entry, how long a heading may be.

One definition each, whatever the format: a TOC title in Word, in a PDF or in plain text is the same
words, and a heading is short everywhere.
"""

from __future__ import annotations

import re

# "Innehåll", "Innehållsförteckning", "Innehåll:", "Contents", "Table of contents".
TOC_TITLE_RE = re.compile(r"^\s*(innehåll(sförteckning)?|contents|table of contents)\s*:?\s*$", re.I)
# "Riskanalys\t7", "Riskanalys.....\t7", "Riskanalys ........ 7", "2.1 Riskanalys  7", "Riskanalys … 7".
_TOC_ENTRY_RE = re.compile(r"^(?P<title>\S.*?)(?:\s*\.{3,}\s*|\s*\t+\s*|\s*…+\s*|\s{2,})(?P<page>\d{1,4})\s*$", re.S)
LEADERS_RE = re.compile(r"\s*(?:[.…]\s?){4,}\s*")  # LaTeX spaces its dots: ". . . ."

# A heading is a line a reader takes in at a glance. Plain text has nothing but its shortness to say a
# line is a heading, so a plain line must be shorter still.
MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 18
PLAIN_HEADING_CHARS = 90
PLAIN_HEADING_WORDS = 12


def is_toc_title(text: str) -> bool:
    return bool(TOC_TITLE_RE.match(text))


def toc_entry(text: str) -> tuple[str, int] | None:
    """(title, printed page) of a TOC line: a title, leaders (dots, a tab, wide space), a page number."""
    m = _TOC_ENTRY_RE.match(LEADERS_RE.sub("\t", text.strip()))
    if m is None:
        return None
    title = re.sub(r"[.\s…]+$", "", m.group("title")).strip()
    return (title, int(m.group("page"))) if title else None


def short_heading(text: str, plain: bool = False) -> bool:
    """Short enough to be a heading: at most 150 characters and 18 words (90 and 12 for plain text), no tab."""
    chars, words = (PLAIN_HEADING_CHARS, PLAIN_HEADING_WORDS) if plain else (MAX_HEADING_CHARS, MAX_HEADING_WORDS)
    return 0 < len(text) <= chars and len(text.split()) <= words and "\t" not in text
