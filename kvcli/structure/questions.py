"""Questionnaire items: "Ja Nej", "Ja Delvis Nej" lines and the question they answer.

A template asks "Har brister identifierats?" and offers "Ja Nej"; the writer marks one
option ("Ja x Nej", "☒ Ja ☐ Nej", "- Ja") or, very often, none. An unmarked item is
unanswered (``answer is None``) — a finding for ``check``, not a "Nej".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPTION_WORDS = {
    "ja": "Ja",
    "nej": "Nej",
    "delvis": "Delvis",
    "vet ej": "Vet ej",
    "ej aktuellt": "Ej aktuellt",
    "ej relevant": "Ej relevant",
}
TICKED = {"☒", "☑", "✓", "✔", "■", "[x]", "[X]", "(x)", "x", "X"}
UNTICKED = {"☐", "□", "[ ]", "[]", "( )"}
_TOKEN_RE = re.compile(r"\[[ xX]?\]|\([ xX]\)|[☒☑✓✔■☐□]|vet ej|ej aktuellt|ej relevant|\w+", re.I)


@dataclass
class OptionLine:
    options: list[str]
    answer: list[str] | None
    question: str | None  # question text on the same line, if any


def parse_option_line(text: str) -> OptionLine | None:
    """Parse "Ja x Nej" / "☐ Ja ☒ Nej" / "Har X gjorts? Ja Nej" into options and answer."""
    s = text.strip()
    question = None
    bullet = False
    m = re.match(r"^[-–•*]\s+", s)
    if m:
        bullet = True
        s = s[m.end() :]
    # Same-line question: "Har analys av 2013 resultat gjorts? Ja Nej"
    q = re.match(r"^(?P<q>.*[?:])\s+(?P<opts>(?:[☒☑☐□]\s*)?(?:ja|nej|delvis)\b.*)$", s, re.I)
    if q and len(q.group("q")) > 3:
        question, s = q.group("q").strip(), q.group("opts")
    tokens = _TOKEN_RE.findall(s)
    if not tokens or len(tokens) > 12:
        return None
    options: list[str] = []
    ticked: list[str] = []
    glyph_first = tokens[0] in TICKED | UNTICKED and tokens[0] not in ("x", "X")
    pending: str | None = None  # a glyph waiting for the option it precedes
    for tok in tokens:
        low = tok.lower()
        if low in OPTION_WORDS:
            opt = OPTION_WORDS[low]
            if opt in options:
                return None
            options.append(opt)
            if glyph_first and pending in TICKED:
                ticked.append(opt)
            pending = None
        elif tok in TICKED or tok in UNTICKED:
            if glyph_first and tok not in ("x", "X"):
                pending = tok
            elif options and tok in TICKED and options[-1] not in ticked:
                ticked.append(options[-1])
        else:
            return None
    if not options or ("Ja" not in options and "Nej" not in options):
        return None
    if len(options) == 1:
        # "- Ja" under a question is an answer; a lone "Ja" with no marker is too.
        if not (bullet or ticked):
            return None
        return OptionLine(options=options, answer=options[:], question=question)
    return OptionLine(options=options, answer=ticked or None, question=question)


def is_question_text(text: str) -> bool:
    t = text.strip()
    return t.endswith("?") or (t.endswith(":") and len(t) < 200)
