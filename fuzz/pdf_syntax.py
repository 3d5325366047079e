"""A byte-level PDF object model for the object mutator: just enough syntax to edit and rewrite a file.

Objects are found by scanning for ``N G obj`` rather than trusting the xref, so a file the
mutator has already damaged still parses. Values stay as raw bytes; only dictionaries are
split into (key, value) pairs, so a mutation changes exactly what it means to change and the
rest of the file keeps its original bytes. ``write`` lays the objects out again with a correct
xref table, which keeps every xref error one that a mutation made on purpose.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

_DELIM = b"()<>[]{}/%"
_WS = b"\x00\t\n\x0c\r "
_OBJ_RE = re.compile(rb"(?<![0-9])(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+obj(?![A-Za-z])")
_STREAM_RE = re.compile(rb"[\x00\t\n\x0c\r ]*stream(\r\n|\n|\r)")
_EOL_TAIL_RE = re.compile(rb"(\r\n|\n|\r)?$")
_REF_RE = re.compile(rb"\d+[\x00\t\n\x0c\r ]+\d+[\x00\t\n\x0c\r ]+R(?![A-Za-z])")


@dataclass
class PdfObject:
    num: int
    gen: int
    value: bytes  # the object's value; for a stream, its dictionary
    stream: bytes | None = None  # raw (still encoded) stream data
    eol: bytes = b"\n"  # what stands between the data and ``endstream``


@dataclass
class PdfFile:
    header: bytes
    objects: list[PdfObject]
    trailer: list[tuple[bytes, bytes]] = field(default_factory=list)

    def get(self, num: int) -> PdfObject | None:
        return next((o for o in self.objects if o.num == num), None)

    def next_num(self) -> int:
        return max((o.num for o in self.objects), default=0) + 1

    def streams(self) -> list[PdfObject]:
        return [o for o in self.objects if o.stream is not None]


def skip_ws(data: bytes, pos: int) -> int:
    n = len(data)
    while pos < n:
        c = data[pos]
        if c in _WS:
            pos += 1
        elif c == 0x25:  # % comment to end of line
            while pos < n and data[pos] not in b"\r\n":
                pos += 1
        else:
            break
    return pos


def scan_value(data: bytes, pos: int) -> int:
    """End offset of the PDF value starting at ``pos`` (after whitespace). Never raises; never loops."""
    pos = skip_ws(data, pos)
    n = len(data)
    if pos >= n:
        return n
    c = data[pos : pos + 1]
    if data.startswith(b"<<", pos):
        pos += 2
        while True:
            pos = skip_ws(data, pos)
            if pos >= n or data.startswith(b">>", pos):
                return min(n, pos + 2)
            pos = max(pos + 1, scan_value(data, pos))
    if c == b"[":
        pos += 1
        while True:
            pos = skip_ws(data, pos)
            if pos >= n or data[pos : pos + 1] == b"]":
                return min(n, pos + 1)
            pos = max(pos + 1, scan_value(data, pos))
    if c == b"(":
        depth = 0
        while pos < n:
            ch = data[pos]
            if ch == 0x5C:  # backslash escapes the next byte
                pos += 2
                continue
            depth += ch == 0x28
            depth -= ch == 0x29
            pos += 1
            if depth == 0:
                return pos
        return n
    if c == b"<":
        end = data.find(b">", pos)
        return n if end < 0 else end + 1
    if c == b"/":
        pos += 1
        while pos < n and data[pos] not in _WS and data[pos] not in _DELIM:
            pos += 1
        return pos
    m = _REF_RE.match(data, pos)
    if m:
        return m.end()
    start = pos
    while pos < n and data[pos] not in _WS and data[pos] not in _DELIM:
        pos += 1
    return pos if pos > start else pos + 1


def parse_dict(value: bytes) -> list[tuple[bytes, bytes]] | None:
    """The (key, value) pairs of a ``<< >>`` dictionary, keys without the slash; None if not one."""
    v = value.strip(_WS)
    if not v.startswith(b"<<"):
        return None
    pairs: list[tuple[bytes, bytes]] = []
    pos, n = 2, len(v)
    while True:
        pos = skip_ws(v, pos)
        if pos >= n or v.startswith(b">>", pos):
            return pairs
        if v[pos : pos + 1] != b"/":
            return pairs if pairs else None
        kend = scan_value(v, pos)
        vend = scan_value(v, kend)
        pairs.append((v[pos + 1 : kend], v[kend:vend].strip(_WS)))
        pos = vend


def format_dict(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"<<" + b"".join(b"/" + k + (b"" if v[:1] in b"/[<(" else b" ") + v for k, v in pairs) + b">>"


def dict_get(pairs: list[tuple[bytes, bytes]], key: bytes) -> bytes | None:
    return next((v for k, v in pairs if k == key), None)


def dict_set(pairs: list[tuple[bytes, bytes]], key: bytes, value: bytes | None) -> list[tuple[bytes, bytes]]:
    """Replace ``key`` in place (keeping its position), append it, or drop it (value None)."""
    out = [(k, v) for k, v in pairs if k != key or value is not None]
    if value is None:
        return out
    if any(k == key for k, _ in out):
        return [(k, value if k == key else v) for k, v in out]
    return out + [(key, value)]


def parse(data: bytes) -> PdfFile | None:
    first = _OBJ_RE.search(data)
    if first is None:
        return None
    objects: list[PdfObject] = []
    pos = first.start()
    while (m := _OBJ_RE.search(data, pos)) is not None:
        start = m.end()
        vend = scan_value(data, start)
        value = data[start:vend].strip(_WS)
        pos = vend
        stream = None
        eol = b""
        sm = _STREAM_RE.match(data, vend)
        if sm is not None and value.startswith(b"<<"):
            dstart = sm.end()
            dend = data.find(b"endstream", dstart)
            if dend < 0:
                dend = len(data)
            raw = data[dstart:dend]
            tail = _EOL_TAIL_RE.search(raw)
            eol = tail.group(0) if tail else b""
            stream = raw[: len(raw) - len(eol)]
            pos = dend + 9
        end = data.find(b"endobj", pos)
        nxt = _OBJ_RE.search(data, pos)
        if end >= 0 and (nxt is None or end < nxt.start()):
            pos = end + 6
        objects.append(PdfObject(int(m.group(1)), int(m.group(2)), value, stream, eol or b"\n"))
    trailer: list[tuple[bytes, bytes]] = []
    t = data.rfind(b"trailer")
    if t >= 0:
        end = scan_value(data, t + 7)
        trailer = parse_dict(data[t + 7 : end]) or []
    if not trailer:  # a cross-reference stream carries the trailer keys in its dictionary
        for o in objects:
            d = parse_dict(o.value) if o.stream is not None else None
            if d and dict_get(d, b"Type") == b"/XRef":
                trailer = [(k, v) for k, v in d if k in (b"Root", b"Info", b"ID", b"Encrypt")]
    header = data[: first.start()] if first.start() < 1024 else b"%PDF-1.7\n"
    return PdfFile(header=header, objects=objects, trailer=trailer)


def serialize_object(o: PdfObject) -> bytes:
    head = b"%d %d obj\n" % (o.num, o.gen) + o.value
    if o.stream is None:
        return head + b"\nendobj\n"
    return head + b"\nstream\n" + o.stream + o.eol + b"endstream\nendobj\n"


@dataclass
class Layout:
    """A written file: its bytes so far and where each object landed (for xref mutations)."""

    body: bytearray
    offsets: dict[int, tuple[int, int]]  # num -> (offset, gen)


def layout(pdf: PdfFile) -> Layout:
    body = bytearray(pdf.header)
    offsets: dict[int, tuple[int, int]] = {}
    for o in pdf.objects:
        offsets[o.num] = (len(body), o.gen)
        body += serialize_object(o)
    return Layout(body, offsets)


def xref_table(offsets: dict[int, tuple[int, int]], size: int) -> bytes:
    rows = [b"0000000000 65535 f\r\n"]
    for num in range(1, size):
        if num in offsets:
            off, gen = offsets[num]
            rows.append(b"%010d %05d n\r\n" % (max(0, off) % 10**10, gen % 100000))
        else:
            rows.append(b"0000000000 00000 f\r\n")
    return b"xref\n0 %d\n" % size + b"".join(rows)


def write(pdf: PdfFile) -> bytes:
    lay = layout(pdf)
    size = max(lay.offsets, default=0) + 1
    trailer = dict_set(pdf.trailer, b"Size", b"%d" % size)
    start = len(lay.body)
    return bytes(lay.body + xref_table(lay.offsets, size) + b"trailer\n" + format_dict(trailer)
                 + b"\nstartxref\n%d\n%%%%EOF\n" % start)  # fmt: skip


def inflate(raw: bytes, cap: int = 64 << 20) -> bytes | None:
    """The Flate-decoded stream, or None when it is not a complete zlib stream (or over ``cap``)."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(raw, cap)
    except zlib.error:
        return None
    return out if d.eof else None
