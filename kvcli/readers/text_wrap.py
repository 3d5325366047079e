"""Lines hard-wrapped at a width: a paragraph's lines joined again, its headings left standing.

A converter from PDF (or a copy from a viewer, or an e-mail) breaks every paragraph where the page
broke it. A wrapped line is full: the next line's first word would not have fitted on it; a heading
or a label is a short line on its own; a line that goes on in lower case goes on with its sentence.
Character counts stand in for widths, so "full" allows for proportional type.
"""

from __future__ import annotations

import re

from .blocks import Block
from .text_layout import LEADERS_RE as _LEADERS_RE

_MIN_LINES = 20
_FULL = 0.88  # of the wrap width: a line this long, with the next word, did not leave room for it
_MIN_WIDTH, _MAX_WIDTH = 30, 200
_LONG_SHARE = 0.2
_CONJUNCTIONS = {"och", "eller", "samt", "till", "respektive", "som", "resp", "men"}


def wrap_width(lines: list[str], skip: set[int]) -> int | None:
    """The width the text is wrapped at (in characters, indentation included), or None when its lines
    are paragraphs of their own (a long paragraph on one line shows it is not wrapped)."""
    lengths = sorted(len(ln.rstrip()) for i, ln in enumerate(lines)
                     if i not in skip and ln.strip() and not _LEADERS_RE.search(ln))  # a TOC line runs to the margin
    if len(lengths) < _MIN_LINES:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not _MIN_WIDTH <= width <= _MAX_WIDTH or sum(1 for n in lengths if n > 1.4 * width) > 0.02 * len(lengths):
        return None
    if sum(1 for n in lengths if n >= 0.75 * width) < _LONG_SHARE * len(lengths):
        return None
    return width


def unwrap(blocks: list[Block], lines: list[str], width: int, pages: list[int], gone: set[int]) -> list[Block]:
    """Join each wrapped line to the paragraph or list item it continues."""
    out: list[Block] = []
    last: dict[int, int] = {}  # id(block) -> index of its last line
    first_indent: dict[int, int] = {}
    for b in blocks:
        prev = out[-1] if out else None
        k = (b.line or 0) - 1
        if prev is not None and _continues(prev, b, lines, last[id(prev)], k, width, pages, gone, first_indent[id(prev)]):
            prev.text = _join(prev.text, b.text)
            last[id(prev)] = k
            continue
        out.append(b)
        last[id(b)] = k
        first_indent[id(b)] = _indent(lines[k]) if 0 <= k < len(lines) else 0
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \f"))


def _continues(prev: Block, b: Block, lines: list[str], j: int, k: int, width: int, pages: list[int],
               gone: set[int], prev_indent: int) -> bool:  # fmt: skip
    if prev.kind not in ("paragraph", "list_item") or b.kind != "paragraph":
        return False
    if prev.cells is not None or b.cells is not None or b.marked_level is not None or prev.marked_level is not None:
        return False
    if not (0 <= j < k < len(lines)):
        return False
    between = range(j + 1, k)
    if any(i not in gone and lines[i].strip(" \f") for i in between):
        return False
    if between and pages[j] == pages[k]:
        return False  # a blank line within a page ends a paragraph
    upper, lower = lines[j], lines[k]
    if _LEADERS_RE.search(upper) or _LEADERS_RE.search(lower):
        return False
    ind_u, ind_l = _indent(upper), _indent(lower)
    if prev.kind == "list_item":
        if ind_l <= prev_indent:
            return False  # a hanging list item's lines stand right of its bullet
    elif abs(ind_l - ind_u) > 2 and not (j + 1 == k and ind_u > ind_l and ind_u - ind_l <= 8):
        return False  # (a paragraph's first line may be indented)
    text_u, text_l = upper.strip(" \f"), lower.strip(" \f")
    word = text_l.split()[0]
    if text_l.isdigit() or text_u.isdigit():
        return False  # a page number the page's furniture did not take
    ends_sentence = text_u.endswith((".", "!", "?", ":"))
    if word[:1].islower() and not ends_sentence:
        return True
    if pages[j] != pages[k]:
        return False  # over a page break only a sentence that goes on in lower case is one paragraph
    full = len(upper.rstrip()) + 1 + len(word) > _FULL * width
    if not full:
        return False
    lower_full = len(lower.rstrip()) + 1 > _FULL * width
    if not lower_full and not text_l.endswith((".", ",", ";", ":", "!", "?", ")")) and not word[:1].islower():
        return False  # a short line of its own after a full one: a heading or a label
    return True


def _join(text: str, more: str) -> str:
    """Append a wrapped line; a word broken with a hyphen at the line end is whole again ("verksam-" +
    "heten"), a compound's hyphen is kept ("Budget-" + "och", "2011-" + "2013")."""
    first = more.split(" ", 1)[0]
    if text.endswith("\u00ad"):
        return text[:-1] + more
    if re.search(r"[a-zåäöéü]-$", text) and first[:1].islower() and first.rstrip(",.;:").lower() not in _CONJUNCTIONS:
        return text[:-1] + more
    if re.search(r"\w-$", text) and first.rstrip(",.;:").lower() not in _CONJUNCTIONS:
        return text + more
    return text + " " + more
