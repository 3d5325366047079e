"""Whether a PDF's text layer reads as language at all.

A PDF printed through a PostScript driver, or made by an old distiller, often keeps its glyphs but
not what they stand for: fonts without a Unicode mapping give each glyph its index in the font
(control characters, "!!!!#$%&"), or a code shifted from the letter's ("9ßUHQKHW" for "Vår enhet").
Such a file has text on every page, so it is not taken for a scan, yet nothing in it can be read:
every chapter would be reported missing. Swedish and English prose, whatever its subject, is full of
a few short words, and its longer words are lower case, capitalised or (a few) in capitals; a text layer
of a few hundred words with few of those short words and many longer "words" that change case inside
("HKDQGOLQJVVHN", "TQHBiBbFi") or run in capitals is not prose. A list or a table of names has few
short words too, but its words keep to those cases.
"""

from __future__ import annotations

import re

_SAMPLE_CHARS = 40_000
_MIN_WORDS = 150
_MIN_COMMON_SHARE = 0.15  # real reports: 0.25-0.35 of their words are these; glyph codes read as text: 0.01-0.12
_MAX_ODD_CASE_SHARE = 0.15  # of words of 5 letters or more; real reports: under 0.02, glyph codes: 0.3-0.8
_LONG_WORD = 5
_LONG_CAPITALS = 7  # "ANHÖRIGSTÖD" heads a section; running text in capitals is rare
_MAX_CONTROL_SHARE = 0.02
_COMMON = frozenset(
    "och i att som en ett av för det på är med till har de den om inte kan ska vi under år sig vid eller "
    "samt från efter så även man hur vad alla the and of to in is for that on with are by".split()
)  # fmt: skip
_WORD_RE = re.compile(r"[^\W\d_]+")
_CASE_CHANGE_RE = re.compile(r"[^\W\d_]+?[^\W\d_A-ZÅÄÖ][A-ZÅÄÖ]")  # "KomBack" too, at 5 letters or more


def illegible(text: str) -> bool:
    """True when ``text`` (a document's extracted characters) cannot be the words of a report."""
    sample = text[:_SAMPLE_CHARS]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return False
    controls = sum(1 for c in visible if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c == "\ufffd")
    if controls > _MAX_CONTROL_SHARE * len(visible) and controls >= 20:
        return True
    words = _WORD_RE.findall(sample)
    if len(words) < _MIN_WORDS:
        return False
    common = sum(1 for w in words if w.casefold() in _COMMON)
    long = [w for w in words if len(w) >= _LONG_WORD]
    odd = sum(1 for w in long if _CASE_CHANGE_RE.match(w) or (len(w) >= _LONG_CAPITALS and w.isupper()))
    return common < _MIN_COMMON_SHARE * len(words) and odd > _MAX_ODD_CASE_SHARE * len(long)
