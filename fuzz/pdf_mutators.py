"""PDF-object mutator: edits filters, dictionaries, stream contents, the xref and the trailer of real samples.

Byte-level mutation mostly breaks a PDF where pdfium repairs it without a sound; these
mutations keep the file well-formed enough to reach the parts that decide how much is
inflated and which object is read: filter names and chains, ``/Length``, ``/DecodeParms``,
stream data and the EOL before ``endstream``, decompression bombs (capped at a few hundred
MB inflated, a few hundred KB on disk), xref offsets, ``/Prev`` loops, ``/Root`` and object
streams. ``pdf_objects`` applies one to three object edits and, one time in three, a damaged
layout (xref, trailer, object stream). Deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import base64
import functools
import random
import zlib
from collections.abc import Callable

from . import pdf_syntax as ps
from .pdf_syntax import PdfFile, PdfObject

ObjectOp = Callable[[PdfFile, random.Random], None]
LayoutOp = Callable[[PdfFile, random.Random], bytes]

HOSTILE_NUMBERS = [b"-1", b"0", b"-0", b"2147483648", b"-2147483649", b"99999999999999999999", b"1e308", b"3.5",
                   b"1" * 5000, b"+-4", b"NaN", b"/Name", b"null", b"true", b"()", b"[]", b"<<>>"]  # fmt: skip
HOSTILE_VALUES = HOSTILE_NUMBERS + [b"<FEFF>", b"(" + b"A" * 4000 + b")", b"[" + b"0 " * 2000 + b"]", b"999999 0 R"]


# --- stream and dictionary access -----------------------------------------------------------------------------------


def _pairs(o: PdfObject) -> list[tuple[bytes, bytes]]:
    return ps.parse_dict(o.value) or []


def _set_pairs(o: PdfObject, pairs: list[tuple[bytes, bytes]]) -> None:
    o.value = ps.format_dict(pairs)


def _ref_num(value: bytes | None) -> int | None:
    parts = (value or b"").split()
    return int(parts[0]) if len(parts) == 3 and parts[2] == b"R" and parts[0].isdigit() else None


def set_stream(pdf: PdfFile, o: PdfObject, data: bytes) -> None:
    """New stream data with a matching /Length, kept indirect when it was (as LibreOffice writes it)."""
    o.stream = data
    pairs = _pairs(o)
    target = pdf.get(_ref_num(ps.dict_get(pairs, b"Length")) or -1)
    if target is not None and target.stream is None:
        target.value = b"%d" % len(data)
    else:
        _set_pairs(o, ps.dict_set(pairs, b"Length", b"%d" % len(data)))


def _decoded(o: PdfObject) -> bytes | None:
    if o.stream is None:
        return None
    f = ps.dict_get(_pairs(o), b"Filter")
    if f is None:
        return o.stream
    return ps.inflate(o.stream) if f.strip(b"[] ") == b"/FlateDecode" else None


def _flate_streams(pdf: PdfFile) -> list[tuple[PdfObject, bytes]]:
    return [(o, d) for o in pdf.streams() if (d := _decoded(o)) is not None]


def _content_streams(pdf: PdfFile) -> list[PdfObject]:
    """Page content streams: no keys beyond what any stream has (fonts carry /Length1, images /Subtype)."""
    plain = {b"Length", b"Filter", b"DecodeParms"}
    return [o for o in pdf.streams() if {k for k, _ in _pairs(o)} <= plain] or pdf.streams()


def _new_object(pdf: PdfFile, value: bytes, stream: bytes | None = None) -> int:
    num = pdf.next_num()
    pdf.objects.append(PdfObject(num, 0, value, stream))
    return num


_ENCODERS: dict[bytes, Callable[[bytes], bytes]] = {
    b"FlateDecode": zlib.compress,
    b"ASCIIHexDecode": lambda b: base64.b16encode(b) + b">",
    b"ASCII85Decode": lambda b: base64.a85encode(b) + b"~>",
    b"RunLengthDecode": lambda b: b"".join(bytes([len(c) - 1]) + c for c in (b[i : i + 128] for i in range(0, len(b), 128)))
    + b"\x80",
}


def _encode_chain(data: bytes, chain: list[bytes]) -> bytes:
    # /Filter [/A /B] decodes with A first, so encoding runs the chain backwards.
    for name in reversed(chain):
        data = _ENCODERS[name](data)
    return data


@functools.lru_cache(maxsize=8)
def bomb(inflated: int, fill: int = 0) -> bytes:
    """A zlib stream of ``inflated`` identical bytes, built 1 MB at a time so the fuzzer itself stays small."""
    c = zlib.compressobj(9)
    block = bytes([fill]) * (1 << 20)
    parts = [c.compress(block) for _ in range(inflated >> 20)]
    return b"".join(parts) + c.compress(block[: inflated & ((1 << 20) - 1)]) + c.flush()


def escape_name(name: bytes, rng: random.Random) -> bytes:
    """``FlateDecode`` → ``Flat#65Decode`` & co: the same name to a PDF reader, other bytes to a regex."""
    out = bytearray()
    for ch in name:
        if rng.random() < 0.3:
            out += (b"#%02x" if rng.random() < 0.5 else b"#%02X") % ch
        else:
            out.append(ch)
    return bytes(out) if bytes(out) != name else b"#%02X" % name[0] + name[1:]


# --- filters and dictionaries -------------------------------------------------------------------------------------


def filter_escaped_name(pdf: PdfFile, rng: random.Random) -> None:
    for o, _ in rng.sample(fl := _flate_streams(pdf), min(len(fl), rng.randint(1, 4))):
        name = rng.choice([b"FlateDecode"] * 4 + [b"Fl"])
        _set_pairs(o, ps.dict_set(_pairs(o), b"Filter", b"/" + escape_name(name, rng)))


def filter_chain(pdf: PdfFile, rng: random.Random) -> None:
    streams = _flate_streams(pdf)
    if not streams:
        return
    o, plain = rng.choice(streams)
    names = list(_ENCODERS)
    chain = [rng.choice(names) for _ in range(rng.randint(1, 3))]
    if b"FlateDecode" not in chain:
        chain.insert(rng.randrange(len(chain) + 1), b"FlateDecode")
    data = _encode_chain(plain, chain)
    declared = list(chain)
    r = rng.random()
    if r < 0.15:
        declared.append(b"NoSuchDecode")
    elif r < 0.3:
        rng.shuffle(declared)  # the data no longer matches the declared order
    elif r < 0.4:
        declared = [escape_name(n, rng) for n in declared]
    value = b"[" + b" ".join(b"/" + n for n in declared) + b"]"
    pairs = ps.dict_set(_pairs(o), b"DecodeParms", None)
    _set_pairs(o, ps.dict_set(pairs, b"Filter", value))
    set_stream(pdf, o, data)


def filter_indirect(pdf: PdfFile, rng: random.Random) -> None:
    streams = _flate_streams(pdf)
    if not streams:
        return
    o, _ = rng.choice(streams)
    r = rng.random()
    if r < 0.5:
        ref = b"%d 0 R" % _new_object(pdf, rng.choice([b"/FlateDecode", b"[/FlateDecode]", b"/Flat#65Decode"]))
    elif r < 0.7:  # a reference to a reference
        inner = _new_object(pdf, b"/FlateDecode")
        ref = b"%d 0 R" % _new_object(pdf, b"%d 0 R" % inner)
    elif r < 0.85:  # a reference loop
        a = pdf.next_num()
        pdf.objects.append(PdfObject(a, 0, b"%d 0 R" % (a + 1)))
        pdf.objects.append(PdfObject(a + 1, 0, b"%d 0 R" % a))
        ref = b"%d 0 R" % a
    else:
        ref = b"%d 0 R" % (pdf.next_num() + 1000)  # missing
    value = ref if rng.random() < 0.7 else b"[" + ref + b"]"
    _set_pairs(o, ps.dict_set(_pairs(o), b"Filter", value))


def wrong_length(pdf: PdfFile, rng: random.Random) -> None:
    for o in rng.sample(s := pdf.streams(), min(len(s), rng.randint(1, 3))):
        assert o.stream is not None
        n = len(o.stream)
        r = rng.random()
        if r < 0.5:
            value = b"%d" % max(0, n + rng.choice([-100, -2, -1, 1, 2, 7, 1000, 10**6]))
        elif r < 0.8:
            value = rng.choice(HOSTILE_NUMBERS)
        else:
            value = b"%d 0 R" % rng.choice([o.num, pdf.next_num() + 500, _new_object(pdf, b"%d 0 R" % o.num)])
        _set_pairs(o, ps.dict_set(_pairs(o), b"Length", value))


def decode_parms(pdf: PdfFile, rng: random.Random) -> None:
    streams = _flate_streams(pdf)
    if not streams:
        return
    o, plain = rng.choice(streams)
    pairs = _pairs(o)
    if rng.random() < 0.4:  # a real PNG-predicted stream (Up filter, one byte per pixel)
        cols = rng.choice([1, 3, 80, 1000])
        rows = [plain[i : i + cols].ljust(cols, b" ") for i in range(0, len(plain), cols)]
        set_stream(pdf, o, zlib.compress(b"".join(b"\x00" + r for r in rows)))
        parms = b"<</Predictor %d/Columns %d/Colors 1/BitsPerComponent 8>>" % (rng.choice([10, 12, 15]), cols)
    else:
        odd = [b"/Predictor " + rng.choice([b"2", b"10", b"15", b"999", b"-1"] + HOSTILE_NUMBERS[:8]),
               b"/Columns " + rng.choice([b"0", b"-1", b"2147483647", b"1000000"] + HOSTILE_NUMBERS[:8]),
               b"/Colors " + rng.choice([b"0", b"32", b"255", b"4"]),
               b"/BitsPerComponent " + rng.choice([b"0", b"3", b"16", b"64"])]  # fmt: skip
        parms = b"<<" + b"".join(rng.sample(odd, rng.randint(1, 4))) + b">>"
        parms = rng.choice([parms, b"[" + parms + b" null]", b"null", b"[]", b"%d 0 R" % _new_object(pdf, parms)])
    pairs = ps.dict_set(pairs, b"DecodeParms", parms)
    _set_pairs(o, ps.dict_set(pairs, b"Filter", b"/FlateDecode"))


def filter_far_back(pdf: PdfFile, rng: random.Random) -> None:
    """Push /Filter out of any fixed look-back window with a long entry after it."""
    for o, _ in rng.sample(fl := _flate_streams(pdf), min(len(fl), rng.randint(1, 3))):
        pad = rng.choice([400, 1000, 5000])
        entry = (b"Pad", b"(" + b"x" * pad + b")") if rng.random() < 0.5 else (b"Pad", b"<<" + b"/K 0" * (pad // 4) + b">>")
        pairs = [(k, v) for k, v in _pairs(o) if k != b"Filter"]
        _set_pairs(o, [(b"Filter", b"/FlateDecode")] + pairs + [entry])


def dictionary_values(pdf: PdfFile, rng: random.Random) -> None:
    dicts = [o for o in pdf.objects if o.value.startswith(b"<<")]
    for o in rng.sample(dicts, min(len(dicts), rng.randint(1, 5))):
        pairs = _pairs(o)
        if not pairs:
            continue
        k, _ = rng.choice(pairs)
        r = rng.random()
        if r < 0.6:
            pairs = ps.dict_set(pairs, k, rng.choice(HOSTILE_VALUES + [b"%d 0 R" % o.num]))
        elif r < 0.8:
            pairs = ps.dict_set(pairs, k, None)
        else:  # the same key twice, with different values
            pairs = pairs + [(k, rng.choice(HOSTILE_VALUES))]
        _set_pairs(o, pairs)


def page_tree_loops(pdf: PdfFile, rng: random.Random) -> None:
    pages = [o for o in pdf.objects if b"/Type/Pages" in o.value or b"/Type /Pages" in o.value]
    leaves = [o for o in pdf.objects if b"/Type/Page" in o.value.replace(b"/Type/Pages", b"")]
    if not pages:
        return
    root = pages[0]
    pairs = _pairs(root)
    r = rng.random()
    if r < 0.3:
        kids = ps.dict_get(pairs, b"Kids") or b"[]"
        pairs = ps.dict_set(pairs, b"Kids", kids.rstrip(b"] ") + b" %d 0 R]" % root.num)
    elif r < 0.5 and leaves:
        leaf = rng.choice(leaves)
        _set_pairs(leaf, ps.dict_set(_pairs(leaf), b"Parent", b"%d 0 R" % leaf.num))
    elif r < 0.7:
        pairs = ps.dict_set(pairs, b"Count", rng.choice(HOSTILE_NUMBERS))
    elif leaves:  # one content stream drawn 500 times
        leaf = rng.choice(leaves)
        contents = ps.dict_get(_pairs(leaf), b"Contents") or b""
        ref = contents.strip(b"[] ").split(b" R")[0] + b" R"
        _set_pairs(leaf, ps.dict_set(_pairs(leaf), b"Contents", b"[" + b" ".join([ref] * 500) + b"]"))
    _set_pairs(root, pairs)


def outline_loops(pdf: PdfFile, rng: random.Random) -> None:
    """Bookmarks that loop, nest deep or point nowhere: kvcli reads the outline for headings."""
    catalog = next((o for o in pdf.objects if b"/Catalog" in o.value), None)
    page = next((o for o in pdf.objects if b"/Type/Page" in o.value.replace(b"/Type/Pages", b"")), None)
    if catalog is None or page is None:
        return
    first = pdf.next_num()
    n = rng.choice([3, 50, 300])
    root_num = first + n
    title = rng.choice([b"(Rubrik)", b"<FEFF00C500C400D6>", b"(" + b"X" * 3000 + b")", b"()", b"<FEFFD800>"])
    for i in range(n):
        nxt = first + 1 + i if i + 1 < n else rng.choice([first, first + i, None])
        entry = [(b"Title", title), (b"Parent", b"%d 0 R" % (root_num if i == 0 else first + i - 1)),
                 (b"Dest", rng.choice([b"[%d 0 R/XYZ 0 800 0]" % page.num, b"[999999 0 R/Fit]", b"(nowhere)"]))]  # fmt: skip
        if nxt is not None and rng.random() < 0.5:
            entry.append((b"Next", b"%d 0 R" % nxt))
        elif nxt is not None:  # nest instead: a chain of only children
            entry += [(b"First", b"%d 0 R" % nxt), (b"Last", b"%d 0 R" % nxt), (b"Count", b"1")]
        pdf.objects.append(PdfObject(first + i, 0, ps.format_dict(entry)))
    pdf.objects.append(PdfObject(root_num, 0, b"<</Type/Outlines/First %d 0 R/Last %d 0 R/Count %d>>" % (first, first, n)))
    _set_pairs(catalog, ps.dict_set(_pairs(catalog), b"Outlines", b"%d 0 R" % root_num))


def duplicate_object(pdf: PdfFile, rng: random.Random) -> None:
    o = rng.choice(pdf.objects)
    twin = PdfObject(o.num, o.gen, rng.choice([b"null", b"<<>>", o.value + b" "]), None)
    pdf.objects.insert(rng.randrange(len(pdf.objects) + 1), twin)


# --- stream contents ----------------------------------------------------------------------------------------------


def recompress(pdf: PdfFile, rng: random.Random) -> None:
    for o, plain in rng.sample(fl := _flate_streams(pdf), min(len(fl), rng.randint(1, 3))):
        r = rng.random()
        if r < 0.5:
            data = zlib.compress(plain, rng.randint(0, 9))
        elif r < 0.7:
            c = zlib.compressobj(rng.randint(1, 9), zlib.DEFLATED, rng.choice([-15, 31, 9]))  # raw, gzip, small window
            data = c.compress(plain) + c.flush()
        elif r < 0.85:
            c = zlib.compressobj()
            data = c.compress(plain) + c.flush(zlib.Z_SYNC_FLUSH)  # no final block: the stream never ends
        else:
            data = zlib.compress(plain) + rng.choice([b"\x00" * 8, b"garbage", zlib.compress(b"second")])
        set_stream(pdf, o, data)


EOLS = [b"", b"\n", b"\r\n", b"\r", b"\n\n", b" \n", b"\r\r\n", b"\n\r"]


def eol_before_endstream(pdf: PdfFile, rng: random.Random) -> None:
    for o in rng.sample(s := pdf.streams(), min(len(s), rng.randint(1, len(s)))):
        o.eol = rng.choice(EOLS)


def large_content(pdf: PdfFile, rng: random.Random) -> None:
    """An ordinary page, just big: a content stream padded to 1–8 MB inflated (logos and photos are this size)."""
    streams = [(o, d) for o, d in _flate_streams(pdf) if o in _content_streams(pdf)]
    if not streams:
        return
    o, plain = rng.choice(streams)
    pad = rng.choice([(1 << 20) + 1, 1_500_000, 3 << 20, 8 << 20])
    filler = b" " * pad if rng.random() < 0.5 else (b"% padding\n" * (pad // 10 + 1))[:pad]
    set_stream(pdf, o, zlib.compress(plain + b"\n" + filler, rng.choice([1, 6, 9])))
    o.eol = rng.choice(EOLS)


BOMB_SIZES = [2 << 20, 64 << 20, 257 << 20, 400 << 20]


def deflate_bomb(pdf: PdfFile, rng: random.Random) -> None:
    streams = pdf.streams()
    if not streams:
        return
    o = rng.choice(_content_streams(pdf) if rng.random() < 0.7 else streams)
    raw = bomb(rng.choice(BOMB_SIZES), rng.choice([0, 0x20]))
    r = rng.random()
    if r < 0.5:
        chain = [b"FlateDecode"]
        data = raw
    elif r < 0.8:  # the outer layer inflates to a few hundred KB, the inner one to the full size
        chain = [b"FlateDecode", b"FlateDecode"]
        data = zlib.compress(raw, 9)
    else:
        chain = [b"ASCIIHexDecode", b"FlateDecode"]
        data = _ENCODERS[b"ASCIIHexDecode"](raw)
    value = b"/FlateDecode" if len(chain) == 1 else b"[" + b" ".join(b"/" + n for n in chain) + b"]"
    pairs = ps.dict_set(_pairs(o), b"DecodeParms", None)
    _set_pairs(o, ps.dict_set(pairs, b"Filter", value))
    set_stream(pdf, o, data)
    o.eol = rng.choice(EOLS)


def random_stream(pdf: PdfFile, rng: random.Random) -> None:
    streams = pdf.streams()
    if streams:
        o = rng.choice(streams)
        set_stream(pdf, o, rng.choice([b"", rng.randbytes(rng.randint(1, 4096)), zlib.compress(b"")]))


# --- layout: xref, trailer, object streams ------------------------------------------------------------------------


def _trailer_bytes(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"trailer\n" + ps.format_dict(pairs) + b"\n"


def _finish(pdf: PdfFile, lay: ps.Layout, offsets: dict[int, tuple[int, int]] | None = None,
            trailer: list[tuple[bytes, bytes]] | None = None, size: int | None = None) -> bytes:  # fmt: skip
    real = max(lay.offsets, default=0) + 1
    pairs = trailer if trailer is not None else ps.dict_set(pdf.trailer, b"Size", b"%d" % real)
    start = len(lay.body)
    return bytes(lay.body + ps.xref_table(offsets or lay.offsets, size or real) + _trailer_bytes(pairs)
                 + b"startxref\n%d\n%%%%EOF\n" % start)  # fmt: skip


def xref_offsets(pdf: PdfFile, rng: random.Random) -> bytes:
    lay = ps.layout(pdf)
    offsets = dict(lay.offsets)
    for num in rng.sample(sorted(offsets), min(len(offsets), rng.randint(1, 20))):
        off, gen = offsets[num]
        offsets[num] = (rng.choice([0, off + rng.randint(-40, 40), len(lay.body) + 1000, 10**9, off]),
                        rng.choice([gen, gen, 1, 65535]))  # fmt: skip
    return _finish(pdf, lay, offsets=offsets)


def trailer_entries(pdf: PdfFile, rng: random.Random) -> bytes:
    lay = ps.layout(pdf)
    pairs = ps.dict_set(pdf.trailer, b"Size", b"%d" % (max(lay.offsets, default=0) + 1))
    key = rng.choice([b"Size", b"Root", b"Root", b"Info", b"ID", b"Encrypt"])
    pages = next((o.num for o in pdf.objects if b"/Type/Page" in o.value), 1)
    values: dict[bytes, list[bytes | None]] = {b"Size": [*HOSTILE_NUMBERS[:8], None], b"Root": [b"%d 0 R" % pages, b"999999 0 R", b"0 0 R", b"null", None],
              b"Info": [b"999999 0 R", b"(x)", b"<<>>"], b"ID": [b"[<>]", b"[()()]", None, b"[<00>]"],
              b"Encrypt": [b"<</Filter/Standard/V 99/R 99>>", b"999999 0 R", b"<<>>"]}  # fmt: skip
    return _finish(pdf, lay, trailer=ps.dict_set(pairs, key, rng.choice(values[key])))


def prev_loop(pdf: PdfFile, rng: random.Random) -> bytes:
    """An incremental update whose /Prev chain loops back on itself."""
    lay = ps.layout(pdf)
    size = max(lay.offsets, default=0) + 1
    first = len(lay.body)
    body = lay.body + ps.xref_table(lay.offsets, size)
    trailer = ps.dict_set(pdf.trailer, b"Size", b"%d" % size)
    if rng.random() < 0.5:  # the only section names itself as its predecessor
        return bytes(body + _trailer_bytes(ps.dict_set(trailer, b"Prev", b"%d" % first))
                     + b"startxref\n%d\n%%%%EOF\n" % first)  # fmt: skip
    second = len(body) + len(_trailer_bytes(ps.dict_set(trailer, b"Prev", b"%010d" % 0)))
    body += _trailer_bytes(ps.dict_set(trailer, b"Prev", b"%010d" % second))
    body += b"xref\n0 1\n0000000000 65535 f\r\n" + _trailer_bytes(ps.dict_set(trailer, b"Prev", b"%d" % first))
    return bytes(body + b"startxref\n%d\n%%%%EOF\n" % second)


def startxref_damage(pdf: PdfFile, rng: random.Random) -> bytes:
    out = ps.write(pdf)
    i = out.rfind(b"startxref")
    tail = rng.choice([b"startxref\n0\n%%EOF\n", b"startxref\n99999999999\n%%EOF\n", b"startxref\n-5\n%%EOF\n",
                       b"startxref\n%%EOF\n", b"", b"startxref\n" + b"9" * 5000 + b"\n%%EOF\n"])  # fmt: skip
    return out[:i] + tail


def drop_xref(pdf: PdfFile, rng: random.Random) -> bytes:
    out = ps.write(pdf)
    i = out.rfind(b"xref\n0 ")
    j = out.find(b"trailer", i)
    return out[:i] + out[j:] if rng.random() < 0.5 else out[:i]


def object_stream(pdf: PdfFile, rng: random.Random) -> bytes:
    """Pack plain objects into an /ObjStm and index them with a cross-reference stream, then maybe damage either."""
    packable = [o for o in pdf.objects if o.stream is None and o.gen == 0]
    if not packable:
        return ps.write(pdf)
    packed = rng.sample(packable, max(1, int(len(packable) * rng.uniform(0.3, 1.0))))
    packed.sort(key=lambda o: o.num)
    bodies = [o.value + b"\n" for o in packed]
    offs, pos = [], 0
    for b in bodies:
        offs.append(pos)
        pos += len(b)
    index = b" ".join(b"%d %d" % (o.num, off) for o, off in zip(packed, offs)) + b"\n"
    keep = [o for o in pdf.objects if o not in packed]
    stm_num = max(o.num for o in pdf.objects) + 1
    n, first = len(packed), len(index)
    damage = rng.random()
    if damage < 0.15:
        n = rng.choice([0, n + 5, 10**6, -1])
    elif damage < 0.3:
        first = rng.choice([0, first + 3, first - 3, 10**7])
    stm_data = zlib.compress(index + b"".join(bodies))
    stm_dict = b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d" % (n, first, len(stm_data))
    if 0.3 <= damage < 0.4:
        stm_dict += b"/Extends %d 0 R" % stm_num
    stm = PdfObject(stm_num, 0, stm_dict + b">>", stm_data)
    lay = ps.layout(PdfFile(pdf.header, keep + [stm], pdf.trailer))
    xref_num = stm_num + 1
    rows: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    for num, (off, gen) in lay.offsets.items():
        rows[num] = (1, off, gen)
    for k, o in enumerate(packed):
        rows[o.num] = (2, stm_num, k)
    rows[xref_num] = (1, len(lay.body), 0)
    w = [1, 4, 2]
    if 0.4 <= damage < 0.5:
        w = rng.choice([[0, 0, 0], [1, 9, 2], [4, 4, 4], [1, 2, 1]])
    size = xref_num + 1
    data = b"".join(_field(t, w[0]) + _field(a, w[1]) + _field(b, w[2])
                    for t, a, b in (rows.get(i, (0, 0, 0)) for i in range(size)))  # fmt: skip
    index_entry = b"[0 %d]" % size if not 0.5 <= damage < 0.6 else rng.choice([b"[0 1]", b"[5 999999]", b"[]"])
    xdata = zlib.compress(data)
    extra = [(k, v) for k, v in pdf.trailer if k in (b"Root", b"Info", b"ID")]
    xref_dict = ps.format_dict([(b"Type", b"/XRef"), (b"Size", b"%d" % size), (b"W", b"[%d %d %d]" % tuple(w)),
                                (b"Index", index_entry), (b"Filter", b"/FlateDecode"), (b"Length", b"%d" % len(xdata))]
                               + extra)  # fmt: skip
    xref = PdfObject(xref_num, 0, xref_dict, xdata)
    return bytes(lay.body + ps.serialize_object(xref) + b"startxref\n%d\n%%%%EOF\n" % len(lay.body))


def _field(value: int, width: int) -> bytes:
    return (value % 256**width).to_bytes(width, "big")


# --- the mutator --------------------------------------------------------------------------------------------------

OBJECT_OPS: list[tuple[float, ObjectOp]] = [
    (3, filter_escaped_name), (3, filter_chain), (3, filter_indirect), (2, wrong_length), (2, decode_parms),
    (2, filter_far_back), (3, dictionary_values), (2, page_tree_loops), (2, outline_loops), (1, duplicate_object),
    (3, recompress), (2, eol_before_endstream), (1.5, large_content), (1, deflate_bomb), (1, random_stream),
]  # fmt: skip
LAYOUT_OPS: list[tuple[float, LayoutOp]] = [
    (2, xref_offsets), (2, trailer_entries), (1.5, prev_loop), (1, startxref_damage), (1, drop_xref), (2, object_stream),
]  # fmt: skip


def pdf_objects(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    pdf = ps.parse(data)
    if pdf is None or not pdf.objects:
        return data, []
    names: list[str] = []
    weights = [w for w, _ in OBJECT_OPS]
    for _ in range(rng.choice((1, 1, 2, 3))):
        op = rng.choices([f for _, f in OBJECT_OPS], weights)[0]
        op(pdf, rng)
        names.append(op.__name__)
    if rng.random() < 1 / 3:
        lop = rng.choices([f for _, f in LAYOUT_OPS], [w for w, _ in LAYOUT_OPS])[0]
        names.append(lop.__name__)
        return lop(pdf, rng), names
    return ps.write(pdf), names
