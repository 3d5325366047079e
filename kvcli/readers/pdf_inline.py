"""Inline images (``BI <dict> ID <data> EI``) inside decoded content streams.

pdfium decodes an inline image's first filter while it reads the page, to learn where the data
ends; a Flate bomb there inflates although it is no stream object of its own. The content
arrives in pieces, so an image's data is fed to its own decoder piece by piece as it comes,
and a short tail of each piece is kept for a ``BI`` dictionary split across two.
"""

from __future__ import annotations

from collections.abc import Callable

from .pdf_filters import Pipeline
from .pdf_syntax import WHITESPACE, Name, Parser, decode_name

_STEP = 1 << 16
_TAIL = 4096  # an inline image dictionary is a few dozen bytes; this is far more than any needs
_DELIMITERS = b"()<>[]{}/%"
_BOUNDARY = WHITESPACE + _DELIMITERS

Start = Callable[[str, object], "Pipeline | None"]


class InlineImages:
    """Feed it a content stream's decoded pieces; it starts ``start(filter, parms)`` for each image."""

    def __init__(self, start: Start, work: Callable[[int], None]) -> None:
        self._start = start
        self._work = work
        self._buf = b""
        self._next = 0  # where the search for the next "ID" resumes in _buf
        self._active: list[Pipeline] = []

    def feed(self, piece: bytes) -> None:
        self._feed_active(piece)
        if (
            self._next >= len(self._buf) - 1
            and (b"I" not in piece or b"ID" not in piece)  # one byte is found at memchr speed
            and not (self._buf[-1:] == b"I" and piece[:1] == b"D")
        ):
            # Nothing to look at (most pieces): keep the tail, without copying the piece.
            self._buf = (self._buf + piece[-_TAIL:])[-_TAIL:]
            self._next = len(self._buf) - 1
            return
        self._buf += piece
        keep = max(0, len(self._buf) - _TAIL)
        while True:
            p = self._buf.find(b"ID", self._next)
            if p < 0:
                self._next = max(self._next, len(self._buf) - 1)
                break
            if p + 4 > len(self._buf):
                keep = min(keep, p)  # the bytes after a late "ID" come with the next piece
                break
            self._next = p + 2
            self._image_at(p)
        self._buf = self._buf[keep:]
        self._next = max(0, self._next - keep)

    def finish(self) -> None:
        p = self._buf.find(b"ID", self._next)
        while p >= 0:
            self._image_at(p)
            p = self._buf.find(b"ID", p + 2)
        for pipe in self._active:
            for _ in pipe.finish():
                pass
        self._active = []

    def _feed_active(self, piece: bytes) -> None:
        for pipe in self._active:
            self._work(len(piece))
            for _ in pipe.feed(piece):
                pass
        self._active = [p for p in self._active if not p.done]

    def _image_at(self, p: int) -> None:
        buf = self._buf
        after = p + 2
        if (p > 0 and buf[p - 1] not in _BOUNDARY) or (after < len(buf) and buf[after] not in _BOUNDARY):
            return  # "ID" inside a longer word
        data = after + 1 if after < len(buf) and buf[after] in WHITESPACE else after
        name, parms = self._filter(p)
        if name is None:
            head = buf[data : data + 2]
            if not (len(head) == 2 and looks_like_zlib(head)):
                return
            name = "FlateDecode"  # no readable dictionary, but the data is zlib: assume pdfium reads it so
        pipe = self._start(name, parms)
        if pipe is None:
            return
        # In growing steps, not all at once: most images end within the first, and the rest of the
        # buffer is then neither copied nor counted as work.
        view = memoryview(buf)
        pos, step = data, 256
        while pos < len(buf):
            piece = view[pos : pos + step]
            self._work(len(piece))
            for _ in pipe.feed(piece):  # type: ignore[arg-type]
                pass
            if pipe.done:
                return
            pos += step
            step = min(4 * step, _STEP)
        if not pipe.done:
            self._active.append(pipe)

    def _filter(self, p: int) -> tuple[str | None, object]:
        """The first filter of the dictionary between the nearest "BI" and the "ID" at ``p``."""
        q = self._buf.rfind(b"BI", max(0, p - _TAIL), p)
        if q < 0 or (q > 0 and self._buf[q - 1] not in _BOUNDARY):
            return None, None  # no operator of its own: only the data can tell
        parser = Parser(self._buf, p)
        pos = q + 2
        entries: dict[str, object] = {}
        while True:
            w, _, pos = parser.word(pos)
            if not w:
                break
            if w[:1] == b"/" and len(w) > 1:
                value, pos = parser.value(pos)
                entries[decode_name(w[1:])] = value
        filt = entries.get("F", entries.get("Filter"))
        parms = entries.get("DP", entries.get("DecodeParms"))
        if isinstance(filt, list):  # pdfium decodes only the first filter of an inline image up front
            filt = filt[0] if filt else None
            parms = parms[0] if isinstance(parms, list) and parms else None
        return (str(filt) if isinstance(filt, Name) else None), parms


def looks_like_zlib(head: bytes) -> bool:
    """A zlib header (deflate, window <= 32 KB, no preset dictionary), which is how a Flate stream begins."""
    cmf, flg = head[0], head[1]
    return cmf & 0x0F == 8 and cmf >> 4 <= 7 and (cmf << 8 | flg) % 31 == 0 and not flg & 0x20
