"""Joining a PDF's wrapped lines back into text: spaces, hyphens and words broken mid-word.

What a line end means depends on the producer and on the document's own words:

* Word processors and browsers write the space at which they wrap; a line that ends without one
  was broken inside a word (a narrow table cell breaks "Inledda" as "Inledd⏎a") or after a slash,
  unless the space was dropped at the margin: the words on both sides tell ("ta⏎fram" are two
  words, "Inledd⏎a" are none). LaTeX writes no spaces at all, so every line end is a space there.
* "verk-⏎samhet" is one word when "verksamhet" appears elsewhere in the document, or when the parts
  are not words on their own; "unga-⏎vuxna" keeps its hyphen when the document writes "unga-vuxna";
  "utrednings-⏎och" and "riskbruk-⏎missbruk" (where the document writes "riskbruk- missbruk") keep
  their hyphen and space; a hyphen after a capital or a digit
  ("AME-⏎modulen", "2011-⏎2013") is kept, without a space.
"""

from __future__ import annotations

import re
from collections import Counter

from .pdf_layout import Line

# A word as written inside a line: letters (a hyphenated compound too), then punctuation; "A." and
# "(LOKE)" say nothing about which words the document uses.
_TOKEN_RE = re.compile(r"(?:[^\W\d_]{2,}|[a-zåäö])(?:-[^\W\d_]+)*[,.;:!?)]?")
_CONJUNCTIONS = {"och", "eller", "samt", "till", "respektive", "som", "resp", "men", "and", "or"}
_SPACED_SHARE = 0.5


class Joiner:
    """The document's words and its producer's habits, learnt once from all its lines."""

    def __init__(self, pages: list[list[Line]]) -> None:
        self.words: Counter[str] = Counter()
        self.suspended: set[str] = set()  # "riskbruk-" written before a space inside a line
        spaced = wraps = 0
        for lines in pages:
            for n, ln in enumerate(lines):
                for r in ln.runs:
                    # Inside a run only: its first and last words may be pieces of a word broken at a
                    # line end or a table cell's edge.
                    tokens = r.text.split()
                    for k, t in enumerate(tokens):
                        inner = 0 < k < len(tokens) - 1
                        # A compound written with its hyphen ("unga-vuxna") is whole even at a run's edge,
                        # where a justified line puts every word.
                        compound = "-" in t.strip("-,.;:!?)")
                        if (inner or compound) and _TOKEN_RE.fullmatch(t):
                            self.words[t.rstrip(",.;:!?)").casefold()] += 1
                        if inner and t.endswith("-") and t[:-1].isalpha():
                            self.suspended.add(t[:-1].casefold())
                if n + 1 < len(lines) and _wraps_into(ln, lines[n + 1]):
                    wraps += 1
                    spaced += ends_with_space(ln)
        self.spaced = wraps >= 3 and spaced >= _SPACED_SHARE * wraps

    def join(self, lines: list[Line]) -> str:
        """A paragraph's lines as one text."""
        return self._join(lines, cell=False)

    def join_cell(self, lines: list[Line]) -> str:
        """A table cell's lines: a narrow column breaks words that do not fit ("Tillgänglig⏎het"), so a
        break without a space is inside a word unless both sides are words of the document."""
        return self._join(lines, cell=True)

    def _join(self, lines: list[Line], cell: bool) -> str:
        out = ""
        prev_space = False
        prev_line = ""
        prev_full = True
        # A word is broken inside only where the line is full: a line narrower than the next one
        # had room for more of the word ("Stödja⏎umgänge" wrapped at a space the producer dropped).
        widest = max((_width(ln) for ln in lines), default=0.0)
        for ln in lines:
            text = ln.text.strip()
            if not out:
                out = text
            elif text:
                out = self._join_two(out, text, prev_space, cell, prev_line, prev_full)
            prev_space = ends_with_space(ln)
            prev_line = text
            prev_full = not cell or _width(ln) >= widest - 0.6 * max(1.0, ln.size)  # a wide letter
        return out

    def _known(self, word: str) -> bool:
        return word.casefold() in self.words

    def _join_two(
        self, a: str, b: str, a_space: bool, cell: bool = False, a_line: str = "", a_full: bool = True
    ) -> str:
        first = b.split(" ", 1)[0]
        w = re.match(r"[^\W\d_]*", first).group(0)  # type: ignore[union-attr]
        if a.endswith("\u00ad"):
            return a[:-1] + b  # a soft hyphen: the word was split by the layout
        tail = a[-100:]  # the patterns look at the end only: a paragraph grows line by line
        m = re.search(r"([^\W\d_]*)([^\W\d_])-$", tail)
        if m and not a_space:
            x = m.group(1) + m.group(2)
            if not m.group(2).islower() or not w:
                return a + b  # "AME-" + "modulen", "2011-" + "2013"
            if w.casefold() in _CONJUNCTIONS or x.casefold() in self.suspended:
                return a + " " + b  # "utrednings- och", "riskbruk- missbruk"
            joined, hyphened = (self.words[(x + sep + w).casefold()] for sep in ("", "-"))
            if hyphened > joined:
                return a + b  # the document writes "unga-vuxna" elsewhere: its hyphen is the word's own
            if joined or not (self._known(x) and self._known(w)):
                return a[:-1] + b  # "verksam-" + "heten"
            return a + b  # "kommun-" + "landsting": both words, hyphen kept
        if m:
            return a + " " + b  # the producer wrote "riskbruk- " and wrapped at the space
        if not a_space and re.search(r"\d-$", tail) and b[:1].isdigit():
            return a + b  # "13-" + "17 år": a range broken at its dash
        if self.spaced and not a_space and a_full and a[-1:].isalpha() and b[:1].isalnum() and " " not in a_line:
            # Only a word too long for its line is broken inside: a line of several words wraps at a space.
            x = re.search(r"[^\W\d_]+$", tail).group(0)  # type: ignore[union-attr]
            inside = not (self._known(x) and self._known(w)) if cell else not (self._known(x) or self._known(w))
            if w and (self._known(x + w) or inside):
                return a + b  # broken inside a word: "Inledd" + "a"
        if self.spaced and not a_space and a.endswith("/") and b[:1].isalnum():
            return a + b  # "Genomsnittstid/" + "person"
        return a + " " + b


def _width(line: Line) -> float:
    return line.x1 - line.x0 if line.runs else 0.0


def ends_with_space(line: Line) -> bool:
    """The producer wrote a space at the end of the line (a wrap at a space)."""
    return bool(line.runs) and max(line.runs, key=lambda r: r.x1).text.endswith(" ")


def _wraps_into(a: Line, b: Line) -> bool:
    """Two lines of one paragraph: the next starts at the same left edge, just below, in lower case."""
    step = a.y0 - b.y0
    return (
        abs(a.x0 - b.x0) < 2.0
        and 0 < step < 1.6 * max(a.size, 1.0)
        and abs(a.size - b.size) < 0.5
        and b.text[:1].islower()
        and a.text[-1:].isalpha()
    )
