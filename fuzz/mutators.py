"""Mutations over real samples: bytes, zip containers (.docx), XML parts, PDF structure, text encodings.

Each mutator takes (data, rng) and returns new bytes. They are deliberately dumb and
fast: the aim is volume and variety, as in OSS-Fuzz's corpus-based mutation.
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable

Mutator = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    pos = rng.randrange(len(data) + 1)
    blob = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return data[:pos] + blob + data[pos:]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data * 2
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 4096))
    pos = rng.randrange(len(data))
    return data[:pos] + data[a:b] * rng.randint(1, 8) + data[pos:]


# --- text ---------------------------------------------------------------------------------------------------------


def mixed_encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", errors="replace")
    cut = rng.randrange(len(text) + 1)
    return text[:cut].encode("utf-8") + text[cut:].encode("cp1252", errors="replace")


def random_text(data: bytes, rng: random.Random) -> bytes:
    alphabet = "abcåäöÅÄÖ \t\n\r-–•.,:?%0123456789*#☒☐\u00a0\u2212\x00\x1b"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5000))).encode("utf-8", errors="replace")


# --- docx (zip + XML) ---------------------------------------------------------------------------------------------


def _rezip(data: bytes, edit: Callable[[str, bytes], bytes | None], *, compression: int = zipfile.ZIP_DEFLATED,
           extra: list[tuple[str, bytes]] | None = None) -> bytes:  # fmt: skip
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i.filename, src.read(i)) for i in src.infolist()]
    except Exception:
        return data
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", compression=compression) as z:
        # A sample mutated before may hold a duplicate name on purpose; zipfile warns on every rewrite.
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        for name, body in members:
            new = edit(name, body)
            if new is not None:
                z.writestr(_entry(name, compression), new)
        for name, body in extra or []:
            z.writestr(_entry(name, compression), body)
    return out.getvalue()


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    # A fixed timestamp: the same seed must give the same bytes, or a logged case cannot be replayed.
    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    info.compress_type = compression
    return info


def zip_drop_document(data: bytes, rng: random.Random) -> bytes:
    return _rezip(data, lambda n, b: None if n == "word/document.xml" else b)


def zip_corrupt_document(data: bytes, rng: random.Random) -> bytes:
    return _rezip(data, lambda n, b: flip_bytes(b, rng) if n == "word/document.xml" else b)


def zip_stored(data: bytes, rng: random.Random) -> bytes:
    return _rezip(data, lambda n, b: b, compression=zipfile.ZIP_STORED)


def zip_duplicate_entry(data: bytes, rng: random.Random) -> bytes:
    return _rezip(data, lambda n, b: b, extra=[("word/document.xml", b"<w:document/>")])


_TAG_RE = re.compile(rb"<[^<>]{1,200}>")


def xml_break_tags(data: bytes, rng: random.Random) -> bytes:
    def edit(name: str, body: bytes) -> bytes:
        if not name.endswith(".xml"):
            return body
        tags = list(_TAG_RE.finditer(body))
        b = bytearray(body)
        for m in rng.sample(tags, min(len(tags), rng.randint(1, 10))):
            choice = rng.random()
            if choice < 0.3:
                b[m.start()] = ord(" ")  # drop an opening bracket
            elif choice < 0.6:
                b[m.end() - 1] = ord("x")
            else:
                b[m.start() + 1 : m.start() + 1] = b"zz:"  # a wrong namespace prefix
        return bytes(b)

    return _rezip(data, edit)


def xml_random_attributes(data: bytes, rng: random.Random) -> bytes:
    def edit(name: str, body: bytes) -> bytes:
        if name != "word/document.xml":
            return body
        attrs = [b' w:val="-1"', b' w:val="999999999"', b' w:outlineLvl="x"', b' w:gridSpan="100000"',
                 b' w:vMerge="restart"', b' w:ilvl="-5"', b" w:numId=\"\""]  # fmt: skip
        return re.sub(rb"<w:(p|tc|pStyle|gridSpan|outlineLvl)\b", lambda m: m.group(0) + rng.choice(attrs), body, count=50)

    return _rezip(data, edit)


# --- pdf ----------------------------------------------------------------------------------------------------------


def pdf_break_xref(data: bytes, rng: random.Random) -> bytes:
    i = data.rfind(b"xref")
    if i < 0:
        return flip_bytes(data, rng)
    return data[:i] + flip_bytes(data[i : i + 400], rng) + data[i + 400 :]


def pdf_truncate_stream(data: bytes, rng: random.Random) -> bytes:
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return truncate(data, rng)
    s = rng.choice(starts)
    e = data.find(b"endstream", s)
    if e < 0:
        return data
    cut = s + rng.randrange(max(1, e - s))
    return data[:cut] + data[e:]


def pdf_break_refs(data: bytes, rng: random.Random) -> bytes:
    return re.sub(rb"(\d+) 0 R", lambda m: (b"%d 0 R" % rng.randint(0, 99999)) if rng.random() < 0.2 else m.group(0), data)


GENERIC: list[Mutator] = [flip_bytes, truncate, insert_bytes, duplicate_chunk]
BY_SUFFIX: dict[str, list[Mutator]] = {
    ".txt": GENERIC + [mixed_encoding, random_text],
    ".docx": GENERIC + [zip_drop_document, zip_corrupt_document, zip_stored, zip_duplicate_entry, xml_break_tags,
                        xml_random_attributes],
    ".pdf": GENERIC + [pdf_break_xref, pdf_truncate_stream, pdf_break_refs],
}  # fmt: skip
