"""Refuse PDF decompression bombs before pdfium inflates them.

pdfium (C) inflates a page's streams when it reads the page; a few hundred KB of
FlateDecode can expand to gigabytes. We inflate every Flate stream once, in 1 MB
steps, counting and discarding the output, and stop at the limit: memory stays
bounded and a bomb is refused in well under a second of zlib time.
"""

from __future__ import annotations

import re
import zlib

from ..errors import LimitError
from ..limits import Limits

_STREAM_RE = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20


def check_streams(name: str, data: bytes, limits: Limits) -> None:
    total = 0
    pos = 0
    while True:
        m = _STREAM_RE.search(data, pos)
        if m is None:
            return
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        header = data[max(0, m.start() - 400) : m.start()]
        pos = end + 9
        if b"/FlateDecode" not in header and b"/Fl " not in header and b"/Fl]" not in header:
            continue
        size = _inflated_size(data[start:end], limits.max_stream_size + 1)
        total += size
        if size > limits.max_stream_size:
            raise LimitError(
                name,
                f"a PDF stream inflates to over {limits.max_stream_size:,} bytes (decompression bomb?); refused",
            )
        if total > limits.max_inflated_total:
            raise LimitError(
                name,
                f"PDF streams inflate to over {limits.max_inflated_total:,} bytes in all (decompression bomb?); refused",
            )


def _inflated_size(raw: bytes, cap: int) -> int:
    d = zlib.decompressobj()
    size = 0
    buf = raw
    # Each step consumes input or yields a full chunk, so len(raw) + cap / _CHUNK steps always suffice;
    # the bound is a guard against zlib states the loop does not foresee, not the normal way out.
    for _ in range(len(raw) + cap // _CHUNK + 2):
        if d.eof or size > cap:
            break  # bytes after the end of the zlib data (the EOL before endstream) are not Flate
        try:
            out = d.decompress(buf, _CHUNK)
        except zlib.error:
            break  # a damaged stream is pdfium's to judge; it is not a bomb
        size += len(out)
        buf = d.unconsumed_tail
        if not out and not buf:
            break
    return size
