"""A small, bounded PDF object parser that reads dictionaries the way pdfium does.

The bomb pre-scan must see the filters pdfium will apply, so it follows pdfium's loose rules
rather than the letter of the spec: a dictionary skips any word in a key position that is not
a name, skips an entry whose value does not parse, ends at ``endobj`` as well as at ``>>``; an
array ends at the first element that does not parse; names are ``#xx``-decoded. Every call is
bounded by an end offset and a nesting depth, and counts the words it reads so the caller can
cap the total work.
"""

from __future__ import annotations

import re
from typing import NamedTuple

WHITESPACE = b"\x00\t\n\x0c\r "
_REGULAR = rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]"
# Whitespace and comments, then one word. A comment must run to its line's end: without the lookahead,
# backtracking at the end of the data would find a "word" inside the comment.
_WORD = re.compile(
    rb"(?:[\x00\t\n\x0c\r ]|%[^\r\n]*(?=[\r\n]|\Z))*(<<|>>|/"
    + _REGULAR
    + rb"*|[()<>\[\]{}]|"
    + _REGULAR
    + rb"+)"
)
_NUMBER = re.compile(rb"[0-9+\-.]+")
_LEADING_INT = re.compile(rb"[+-]?[0-9]{1,18}")  # more digits than this are no size or number pdfium reads
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STRING_SPECIAL = re.compile(rb"[()\\]")
_STRING_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(\r\n?|\n)|(.))", re.S)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_NOT_HEX = bytes(c for c in range(256) if c not in b"0123456789abcdefABCDEF")
MAX_DEPTH = 64  # pdfium's own nesting limit


class Name(str):
    """A PDF name, ``#xx`` escapes decoded, without the slash."""


class Ref(NamedTuple):
    num: int
    gen: int


class PdfDict(dict[str, list[object]]):
    """Every value given for each key, in order: pdfium keeps the last, other readers the first."""

    def values_of(self, key: str) -> list[object]:
        return self.get(key, [])


class _Fail:
    """A word that is not an object (``]``, ``)``, an unknown keyword): pdfium's nullptr."""


FAIL = _Fail()


def decode_name(raw: bytes) -> Name:
    if b"#" in raw:
        raw = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return Name(raw.decode("latin-1"))


def to_int(word: bytes) -> int:
    m = _LEADING_INT.match(word)
    return int(m.group()) if m else 0


def is_name(obj: object, *names: str) -> bool:
    return isinstance(obj, Name) and obj in names


class Parser:
    """Objects of ``data[:end]``. ``words`` counts what was read, for the caller's work budget."""

    def __init__(self, data: bytes, end: int | None = None) -> None:
        self.data = data
        self.end = len(data) if end is None else end
        self.words = 0

    def word(self, pos: int) -> tuple[bytes, int, int]:
        """The next word at or after ``pos``: (word, start, end); an empty word at the end of the data."""
        m = _WORD.match(self.data, pos, self.end)
        if m is None:
            return b"", self.end, self.end
        self.words += 1
        return m.group(1), m.start(1), m.end()

    def value(self, pos: int, depth: int = 0) -> tuple[object, int]:
        """(object or FAIL, position after it)."""
        if depth > MAX_DEPTH:
            return FAIL, pos
        w, start, pos = self.word(pos)
        if not w:
            return FAIL, pos
        if _NUMBER.fullmatch(w):
            w2, _, p2 = self.word(pos)
            if w2 and _NUMBER.fullmatch(w2):
                w3, _, p3 = self.word(p2)
                if w3 == b"R":
                    return Ref(to_int(w), to_int(w2)), p3
            return to_int(w), pos
        if w == b"true" or w == b"false":
            return w == b"true", pos
        if w == b"null":
            return None, pos
        if w == b"(":
            return self._string(pos)
        if w == b"<":  # a hex string runs to the next ">"; what is not a hex digit is skipped
            close = self.data.find(b">", pos, self.end)
            end = self.end if close < 0 else close
            digits = self.data[pos:end].translate(None, _NOT_HEX)
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii")), end + (close >= 0)
        if w == b"[":
            items: list[object] = []
            while True:
                item, pos = self.value(pos, depth + 1)
                if item is FAIL:
                    return items, pos
                items.append(item)
        if w[:1] == b"/":
            return decode_name(w[1:]), pos
        if w == b"<<":
            d, pos, _ = self.dictionary(pos, depth)
            return (FAIL if d is None else d), pos
        if w == b">>":
            return FAIL, start
        return FAIL, pos

    def dictionary(self, pos: int, depth: int = 0) -> tuple[PdfDict | None, int, int | None]:
        """The body of a dictionary whose ``<<`` ends at ``pos``: (dict or None at the end of the data,
        position after it, position of the ``stream`` keyword that follows it, if one does)."""
        d = PdfDict()
        while True:
            w, start, pos = self.word(pos)
            if not w:
                return None, pos, None
            if w == b">>":
                break
            if w == b"endobj":
                pos = start
                break
            if w[:1] != b"/" or len(w) == 1:
                continue
            val, pos = self.value(pos, depth + 1)
            if val is not FAIL:
                d.setdefault(decode_name(w[1:]), []).append(val)
        w, start, _ = self.word(pos)
        return d, pos, (start if w == b"stream" else None)

    def _string(self, pos: int) -> tuple[bytes, int]:
        """A literal string after its ``(``: parentheses balance, a backslash escapes the next byte."""
        start, level = pos, 1
        while True:
            m = _STRING_SPECIAL.search(self.data, pos, self.end)
            if m is None:
                return _unescape(self.data[start : self.end]), self.end
            self.words += 1
            pos = m.end()
            c = m.group()
            if c == b"\\":
                pos += 1
            elif c == b"(":
                level += 1
            else:
                level -= 1
                if level == 0:
                    return _unescape(self.data[start : pos - 1]), pos


def _unescape(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw
    return _STRING_ESCAPE.sub(_escape, raw)


def _escape(m: re.Match[bytes]) -> bytes:
    if m.group(1):
        return bytes([int(m.group(1), 8) & 0xFF])
    if m.group(2):
        return b""  # a backslash at the end of a line continues the string on the next
    c = m.group(3)
    return _ESCAPED.get(c, c)
