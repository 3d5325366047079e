"""Where objects and streams stand in a buffer of PDF syntax, found without trusting the xref.

pdfium rebuilds a damaged xref by looking for ``N G obj`` itself, and follows xref offsets
wherever they point, so the bomb scan takes every header and every ``stream`` keyword in the
bytes as a place pdfium may read. Literal searches (``obj``, ``stream``) run in C and are
checked around each hit; a regular expression for a whole header has no literal prefix and
runs at a tenth of the speed on large files.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .pdf_syntax import WHITESPACE

_REGULAR = frozenset(range(256)) - frozenset(WHITESPACE + b"()<>[]{}/%")
_NOT_SPACE = frozenset(range(256)) - frozenset(WHITESPACE)  # pdfium's end keywords stand between spaces
_SPACE = frozenset(WHITESPACE)
_DIGITS = frozenset(b"0123456789")
_EOL = re.compile(rb"[\r\n]")
_PLAIN_HEADER = re.compile(
    rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\x0c\r ]{1,4}([0-9]{1,10})[\x00\t\n\x0c\r ]{1,4}\Z"
)


class Source:
    """A buffer of PDF syntax (the file, or an object stream's content) and where its objects begin."""

    def __init__(self, data: bytes, owners: list[tuple[int, int, int]]) -> None:
        self.data = data
        self.bodies = [b for b, _, _ in owners]  # sorted: where each object's value begins
        self.nums = [n for _, n, _ in owners]
        self.gens = [g for _, _, g in owners]
        self.keywords = keyword_positions(data, b"stream")
        self.endstreams = keyword_positions(data, b"endstream", _NOT_SPACE)
        self.endobjs = keyword_positions(data, b"endobj", _NOT_SPACE)
        self.parsed: dict[int, tuple[object, int | None]] = {}
        self._eol = (-1, -1)  # (searched from, found at): keywords come in order, so one search serves many

    def data_start(self, keyword: int) -> int:
        """pdfium skips to the next line after ``stream``, whatever stands before the end of that line."""
        pos = keyword + 6
        frm, at = self._eol
        if not frm <= pos <= at:
            m = _EOL.search(self.data, pos)
            at = m.start() if m else len(self.data)
            self._eol = (pos, at)
        if at >= len(self.data):
            return at
        return at + 2 if self.data[at : at + 2] == b"\r\n" else at + 1

    def search_end(self, start: int) -> int | None:
        """Where pdfium's search for the end lands when /Length does not hold: before the EOL of the next
        ``endstream`` (or ``endobj``) standing as a word of its own. None when there is neither."""
        for words in (self.endstreams, self.endobjs):
            i = bisect_left(words, start)
            if i < len(words):
                end = words[i]
                if self.data[end - 2 : end] == b"\r\n" and end - 2 >= start:
                    return end - 2
                return end - 1 if end > start and self.data[end - 1] in b"\r\n" else end
        return None

    def next_body(self, body: int) -> int:
        i = bisect_right(self.bodies, body)
        return self.bodies[i] if i < len(self.bodies) else len(self.data)


def keyword_positions(data: bytes, word: bytes, not_before: frozenset[int] = _REGULAR) -> list[int]:
    """Positions of ``word`` standing as a keyword: no byte of ``not_before`` on either side."""
    out = []
    n = len(word)
    pos = data.find(word)
    while pos >= 0:
        if (pos == 0 or data[pos - 1] not in not_before) and (
            pos + n >= len(data) or data[pos + n] not in not_before
        ):
            out.append(pos)
        pos = data.find(word, pos + n)
    return out


def find_headers(data: bytes) -> list[tuple[int, int, int]]:
    """(where the value begins, object number, generation) of every ``N G obj``, in order, found from
    the literal ``obj`` backwards."""
    out = []
    pos = data.find(b"obj")
    while pos >= 0:
        after = pos + 3
        if pos > 0 and data[pos - 1] in _SPACE and (after >= len(data) or data[after] not in _REGULAR):
            ids = _numbers_before(data, pos)
            if ids is not None:
                out.append((after, *ids))
        pos = data.find(b"obj", after)
    return out


def _numbers_before(data: bytes, pos: int) -> tuple[int, int] | None:
    """(number, generation) of ``N G obj`` ending at ``pos``, if two integers stand there."""
    m = _PLAIN_HEADER.search(data, max(0, pos - 32), pos)
    if m:  # nearly every header; comments and long gaps take the slow way
        return int(m.group(1)), int(m.group(2))
    floor = max(0, pos - 4096)
    gen_end = _skip_back(data, pos, floor)
    gen_start = _digits_back(data, gen_end, floor)
    if gen_start is None:
        return None
    num_end = _skip_back(data, gen_start, floor)
    if num_end == gen_start:
        return None
    num_start = _digits_back(data, num_end, floor)
    return None if num_start is None else (int(data[num_start:num_end]), int(data[gen_start:gen_end]))


def _digits_back(data: bytes, end: int, floor: int) -> int | None:
    start = end
    while start > floor and end - start < 10 and data[start - 1] in _DIGITS:
        start -= 1
    return None if start == end else start


def _skip_back(data: bytes, pos: int, floor: int) -> int:
    """Back over whitespace and comments (``%`` to the end of its line) from ``pos``."""
    while True:
        near = max(
            floor, pos - 64
        )  # a short look first: copying 4 KB per header would cost more than the rest
        end = near + len(data[near:pos].rstrip(WHITESPACE))
        if end == near:
            end = floor + len(data[floor:pos].rstrip(WHITESPACE))
        if end == pos:
            return pos
        line = max(data.rfind(b"\n", floor, end), data.rfind(b"\r", floor, end)) + 1
        percent = data.find(b"%", line, end)
        if percent < 0 or not (b"\n" in data[end:pos] or b"\r" in data[end:pos]):
            return end
        pos = percent
