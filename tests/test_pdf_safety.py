"""The PDF decompression-bomb pre-scan (issue 10, items 1 and 2): it never hangs, and it cannot be walked around.

Every probe runs in a fresh interpreter with a hard timeout, so a scan that hangs fails the test instead of
stalling the suite, and peak RSS is that process's own, measured by the kernel.
"""

from __future__ import annotations

import base64
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

PROBE = """
import json, sys
from kvcli.api import parse
from kvcli.batch.peak import peak_rss_kb
from kvcli.errors import InputError, LimitError
try:
    parse(sys.argv[1])
    outcome, limit = "parsed", False
except InputError as exc:
    outcome, limit = str(exc), isinstance(exc, LimitError)
print(json.dumps({"outcome": outcome, "limit": limit, "maxrss_mb": peak_rss_kb() / 1024}))
"""


def probe(path: Path, timeout: float = 120) -> dict[str, object]:
    try:
        out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True,
                             timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"parsing {path.name} did not finish within {timeout:g} s")
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    return result


def pdf(objects: dict[int, bytes], root: int = 1, headers: dict[int, bytes] | None = None) -> bytes:
    """A PDF from numbered object bodies, with a correct xref table (free entries for unused numbers).

    ``headers`` replaces the usual ``N 0 obj`` line of some objects."""
    out = bytearray(b"%PDF-1.7\n%\xe5\xe4\xf6\n")
    size = max(objects) + 1
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += (headers or {}).get(num, b"%d 0 obj\n" % num) + objects[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
    return bytes(out)


def stream(dictionary: bytes, data: bytes, eol: bytes = b"\n") -> bytes:
    return b"<< " + dictionary + b" >>\nstream\n" + data + eol + b"endstream"


TEXT = b"BT /F1 12 Tf 72 720 Td (Kvalitetsberattelse 2016 for Vetlanda kommun) Tj ET\n"


def page_pdf(extra: dict[int, bytes], contents: bytes = b"4 0 R", xobjects: bytes = b"") -> bytes:
    """One page with a real text layer (Helvetica) whose /Contents and resources the caller chooses.

    Objects 1-3 and 5 are the catalog, page tree, page and font; 4 is the text content stream unless
    ``extra`` replaces it; the caller's other objects start at 6."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents
        + b" /Resources << /Font << /F1 5 0 R >> /XObject << " + xobjects + b" >> >> >>",
        4: stream(b"/Length %d" % len(TEXT), TEXT),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }  # fmt: skip
    objects.update(extra)
    return pdf(objects)


# --- item 1: a Flate stream that inflates past 1 MB, then the usual EOL before endstream ----------------------


@pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_item1_large_flate_content_stream_then_eol_parses(tmp_path: Path, eol: bytes) -> None:
    content = TEXT + b" " * 1_500_000 + b"\n"  # the case: 1.5 MB of inflated content
    data = zlib.compress(content)
    f = tmp_path / "content.pdf"
    f.write_bytes(page_pdf({4: stream(b"/Length %d /Filter /FlateDecode" % len(data), data, eol)}))
    assert probe(f, timeout=60)["outcome"] == "parsed"


@pytest.mark.slow
@pytest.mark.parametrize("eol", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_item1_large_legit_flate_image_then_eol_parses(tmp_path: Path, eol: bytes) -> None:
    width, height = 1000, 700  # RGB, 2.1 MB inflated: a photo-sized logo, far under every limit
    pixels = bytes((x * 7 + y * 3) % 251 for y in range(height) for x in range(width * 3))
    data = zlib.compress(pixels)
    image = stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                   b"/BitsPerComponent 8 /Length %d /Filter /FlateDecode" % (width, height, len(data)),
                   data, eol)  # fmt: skip
    draw = TEXT + b"q 300 0 0 210 72 400 cm /Im1 Do Q\n"
    f = tmp_path / "image.pdf"
    f.write_bytes(page_pdf({4: stream(b"/Length %d" % len(draw), draw), 6: image}, xobjects=b"/Im1 6 0 R"))
    assert probe(f, timeout=60)["outcome"] == "parsed"


# --- item 2: the scan cannot be walked around ------------------------------------------------------------------

BOMB_MB = 300  # zeros: past the 256 MB per-stream limit, ~300 KB compressed


@pytest.fixture(scope="module")
def bomb() -> bytes:
    comp = zlib.compressobj(9)
    zeros = b"\0" * (1 << 20)
    return b"".join(comp.compress(zeros) for _ in range(BOMB_MB)) + comp.flush()


def assert_refused(path: Path) -> None:
    r = probe(path)
    assert r["limit"] and "decompression bomb" in str(r["outcome"]), r
    assert str(r["outcome"]).startswith(str(path) + ": ") and "\n" not in str(r["outcome"])
    assert float(str(r["maxrss_mb"])) < 300, r


def bomb_page(tmp_path: Path, dictionary: bytes, data: bytes, extra: dict[int, bytes] | None = None,
              headers: dict[int, bytes] | None = None) -> Path:  # fmt: skip
    """The bomb as the page's content stream (object 4): pdfium inflates it as soon as it reads the page."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: stream(dictionary, data),
        **(extra or {}),
    }
    f = tmp_path / "bomb.pdf"
    f.write_bytes(pdf(objects, headers=headers))
    return f


def test_item2_escaped_filter_name(tmp_path: Path, bomb: bytes) -> None:
    assert_refused(bomb_page(tmp_path, b"/Length %d /Filter /Flat#65Decode" % len(bomb), bomb))


@pytest.mark.slow
@pytest.mark.parametrize(
    "spelling", [b"/Filter/Fl/Length %d", b"/Length %d /Filter /Fl\n", b"/Length %d /Filter [/Fl\t]"]
)
def test_item2_abbreviated_filter_name(tmp_path: Path, bomb: bytes, spelling: bytes) -> None:
    assert_refused(bomb_page(tmp_path, spelling % len(bomb), bomb))


def test_item2_filter_by_indirect_reference(tmp_path: Path, bomb: bytes) -> None:
    f = bomb_page(tmp_path, b"/Length %d /Filter 7 0 R" % len(bomb), bomb, {7: b"/FlateDecode"})
    assert_refused(f)


@pytest.mark.slow
def test_item2_filter_pushed_out_of_the_old_lookback_window(tmp_path: Path, bomb: bytes) -> None:
    pad = b"/Pad (" + b"x" * 1000 + b")"
    assert_refused(bomb_page(tmp_path, b"/Filter /FlateDecode " + pad + b" /Length %d" % len(bomb), bomb))


def ahx(data: bytes) -> bytes:
    return data.hex().encode() + b">"


def a85(data: bytes) -> bytes:
    return base64.a85encode(data, wrapcol=76) + b"~>"


def rl(data: bytes) -> bytes:
    return (
        b"".join(bytes([len(data[i : i + 128]) - 1]) + data[i : i + 128] for i in range(0, len(data), 128))
        + b"\x80"
    )


def lzw(data: bytes) -> bytes:
    """LZW as PDF's LZWDecode reads it by default (EarlyChange 1), a fresh table before it fills."""
    out = bytearray()
    acc = nbits = 0

    def emit(code: int) -> None:
        nonlocal acc, nbits
        acc, nbits = (acc << width) | code, nbits + width
        while nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)
        acc &= (1 << nbits) - 1

    width = 9
    emit(256)
    table = {bytes([i]): i for i in range(256)}
    w = b""
    for byte in data:
        wc = w + bytes([byte])
        if wc in table:
            w = wc
            continue
        emit(table[w])
        table[wc] = len(table) + 2
        w = bytes([byte])
        if len(table) + 2 >= 4093:
            emit(256)
            table, width = {bytes([i]): i for i in range(256)}, 9
        elif len(table) + 2 >= 1 << width:
            width += 1
    if w:
        emit(table[w])
    emit(257)
    if nbits:
        out.append((acc << (8 - nbits)) & 0xFF)
    return bytes(out)


def png_up(data: bytes, columns: int) -> bytes:
    """PNG "Up" prediction over rows of ``columns`` bytes, as /Predictor 12 expects."""
    rows = [data[i : i + columns].ljust(columns, b"\0") for i in range(0, len(data), columns)]
    prev = bytes(columns)
    out = bytearray()
    for row in rows:
        out += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, prev))
        prev = row
    return bytes(out)


CHAINS = {
    "flate-flate": (b"/Filter [/FlateDecode /FlateDecode]", lambda b: zlib.compress(b)),
    "ahx-flate": (b"/Filter [/AHx /Fl]", ahx),
    "asciihex-flate": (b"/Filter [/ASCIIHexDecode /FlateDecode]", ahx),
    "a85-flate": (b"/Filter [/A85 /Fl]", a85),
    "rl-flate": (b"/Filter [/RL /Fl]", rl),
    "lzw-flate": (b"/Filter [/LZW /Fl]", lzw),
    "ahx-lzw-flate": (b"/Filter [/ASCIIHexDecode /LZWDecode /FlateDecode]", lambda b: ahx(lzw(b))),
    "a85-runlength-flate": (b"/Filter [/ASCII85Decode /RunLengthDecode /FlateDecode]", lambda b: a85(rl(b))),
    "predicted-middle-stage": (
        b"/Filter [/FlateDecode /FlateDecode] /DecodeParms [8 0 R null]",
        lambda b: zlib.compress(png_up(b, 16)),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("chain", list(CHAINS))
def test_item2_filter_chain(tmp_path: Path, bomb: bytes, chain: str) -> None:
    entry, encode = CHAINS[chain]
    data = encode(bomb)
    extra = {8: b"<< /Predictor 12 /Columns 16 >>"}
    assert_refused(bomb_page(tmp_path, entry + b" /Length %d" % len(data), data, extra))


@pytest.mark.slow
def test_item2_length_by_reference_past_an_early_endstream(tmp_path: Path) -> None:
    """/Length (here by reference) is where pdfium ends a stream, even when "endstream" stands inside it."""
    decoy = b"\nendstream\nendobj\n"
    comp = zlib.compressobj(9, wbits=-15)
    zeros = b"\0" * (1 << 20)
    deflate = b"".join(comp.compress(zeros) for _ in range(BOMB_MB)) + comp.flush()
    adler = zlib.adler32(decoy)
    for _ in range(BOMB_MB):  # piece by piece: a 300 MB string here would count in the probe's peak RSS
        adler = zlib.adler32(zeros, adler)
    stored = b"\x00" + struct.pack("<HH", len(decoy), 0xFFFF ^ len(decoy)) + decoy  # a stored block first
    data = b"\x78\x01" + stored + deflate + struct.pack(">I", adler)
    assert_refused(bomb_page(tmp_path, b"/Length 9 0 R /Filter /FlateDecode", data, {9: b"%d" % len(data)}))


def pdf15(objects: dict[int, bytes], packed: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF 1.5: ``objects`` written as usual, ``packed`` inside a Flate object stream, and an xref stream."""
    out = bytearray(b"%PDF-1.7\n%\xe5\xe4\xf6\n")
    objstm, xref = max(objects | packed) + 1, max(objects | packed) + 2
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    order = sorted(packed)
    pairs, body = [], b""
    for num in order:
        pairs.append(b"%d %d" % (num, len(body)))
        body += packed[num] + b"\n"
    head = b" ".join(pairs) + b"\n"
    content = zlib.compress(head + body)
    offsets[objstm] = len(out)
    out += b"%d 0 obj\n" % objstm + stream(
        b"/Type /ObjStm /N %d /First %d /Length %d /Filter /FlateDecode" % (len(order), len(head), len(content)),
        content,
    ) + b"\nendobj\n"  # fmt: skip
    offsets[xref] = len(out)
    rows = b"".join(
        struct.pack(">BIH", 1, offsets[n], 0) if n in offsets
        else struct.pack(">BIH", 2, objstm, order.index(n)) if n in packed
        else struct.pack(">BIH", 0, 0, 0xFFFF)
        for n in range(xref + 1)
    )  # fmt: skip
    out += b"%d 0 obj\n" % xref + stream(
        b"/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Length %d" % (xref + 1, root, len(rows)), rows
    ) + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref]  # fmt: skip
    return bytes(out)


@pytest.mark.slow
def test_item2_filter_reference_into_an_object_stream(tmp_path: Path, bomb: bytes) -> None:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        4: stream(b"/Length %d /Filter 7 0 R" % len(bomb), bomb),
    }
    f = tmp_path / "objstm.pdf"
    f.write_bytes(pdf15(objects, {7: b"[/FlateDecode]", 8: b"(a neighbour)"}))
    assert_refused(f)


@pytest.mark.slow
def test_item2_header_the_scan_cannot_find_still_has_its_stream_measured(tmp_path: Path, bomb: bytes) -> None:
    """pdfium reaches object 4 through the xref; a comment longer than any look-back hides its header from the
    scan, so nothing but the stream's own data says it is Flate (its /Filter is a reference)."""
    header = b"4 0 %" + b"c" * 5000 + b"\nobj\n"
    f = bomb_page(tmp_path, b"/Length %d /Filter 9 0 R" % len(bomb), bomb, {9: b"/FlateDecode"}, {4: header})
    assert_refused(f)


@pytest.mark.slow
@pytest.mark.parametrize("wrap", ["plain", "flate"])
def test_item2_inline_image_in_content(tmp_path: Path, bomb: bytes, wrap: str) -> None:
    """pdfium decodes an inline image's data while it reads the page, to find where the image ends."""
    image = b"q 100 0 0 100 72 400 cm BI /W 20000 /H 20000 /CS /G /BPC 8 /F /Fl ID " + bomb + b"\nEI Q\n"
    content = TEXT + image
    if wrap == "flate":
        content = zlib.compress(content)
    entry = b"/Length %d" % len(content) + (b" /Filter /FlateDecode" if wrap == "flate" else b"")
    assert_refused(bomb_page(tmp_path, entry, content))


@pytest.mark.slow
def test_item2_damaged_chain_counts_what_it_yielded_before_the_damage(tmp_path: Path, bomb: bytes) -> None:
    """Damage is pdfium's business, but not once the stream has already inflated past the limit."""
    damaged = bomb[: len(bomb) * 9 // 10] + b"\xff" * 64 + bomb[len(bomb) * 9 // 10 :]
    data = ahx(damaged)
    assert_refused(bomb_page(tmp_path, b"/Length %d /Filter [/AHx /Fl]" % len(data), data))


BYTE_EXACT = {
    "lzw": (b"/Filter /LZWDecode", lzw),
    "ahx-lzw": (b"/Filter [/AHx /LZW]", lambda c: ahx(lzw(c))),
    "a85-flate": (b"/Filter [/A85 /Fl]", lambda c: a85(zlib.compress(c))),
    "runlength-flate": (b"/Filter [/RL /Fl]", lambda c: rl(zlib.compress(c))),
    "flate-predicted-flate": (
        b"/Filter [/Fl /Fl] /DecodeParms [<< /Predictor 12 /Columns 7 >> null]",
        lambda c: zlib.compress(png_up(zlib.compress(c), 7)),
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("chain", list(BYTE_EXACT))
def test_item2_chain_is_measured_to_the_byte_as_pdfium_decodes_it(tmp_path: Path, chain: str) -> None:
    """pdfium reads the text through the chain (so the test's encoders are right), and the scan's decoders
    arrive at exactly the content's size: one byte less as the limit refuses, the size itself passes."""
    from dataclasses import replace

    from kvcli.api import parse
    from kvcli.errors import LimitError
    from kvcli.limits import DEFAULT_LIMITS
    from kvcli.readers.pdf_safety import check_streams

    content = TEXT + b"".join(b"%% line %d of a long content stream\n" % i for i in range(5000)) + TEXT
    entry, encode = BYTE_EXACT[chain]
    data = encode(content)
    f = tmp_path / "chain.pdf"
    f.write_bytes(page_pdf({4: stream(entry + b" /Length %d" % len(data), data)}))
    assert "Kvalitetsberattelse" in json.dumps(parse(f).to_dict())
    with pytest.raises(LimitError, match="decompression bomb"):
        check_streams("chain.pdf", f.read_bytes(), replace(DEFAULT_LIMITS, max_stream_size=len(content) - 1))
    check_streams("chain.pdf", f.read_bytes(), replace(DEFAULT_LIMITS, max_stream_size=len(content)))


# --- batch workers: a memory cap for whatever gets past the pre-scan -------------------------------------------


def test_item2_batch_worker_has_a_memory_cap() -> None:
    if not Path("/proc/self/limits").exists():
        pytest.skip("needs /proc to read another process's limits")
    from kvcli.batch.sandbox import Sandbox
    from kvcli.limits import DEFAULT_LIMITS

    assert DEFAULT_LIMITS.max_worker_memory == 2 << 30
    box = Sandbox()
    try:
        assert box.conn.poll(60)
        limits = Path(f"/proc/{box.proc.pid}/limits").read_text()
    finally:
        box.close()
    heap = next(line.split()[3] for line in limits.splitlines() if line.startswith("Max data size"))
    space = next(line.split()[3] for line in limits.splitlines() if line.startswith("Max address space"))
    assert (int(heap), int(space)) == (2 << 30, 4 << 30)


@pytest.mark.slow
def test_item2_batch_worker_over_its_memory_cap_is_a_one_line_error_record(tmp_path: Path) -> None:
    """Two 250 MB content streams: each under the scan's limits, but pdfium holds both, and more, at once."""
    from kvcli.batch.sandbox import Sandbox
    from kvcli.batch.tasks import TaskOptions

    comp = zlib.compressobj(9)
    zeros = b"\0" * (1 << 20)
    data = b"".join(comp.compress(zeros) for _ in range(250)) + comp.flush()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] >>",
        4: stream(b"/Length %d /Filter /FlateDecode" % len(data), data),
        5: stream(b"/Length %d /Filter /FlateDecode" % len(data), data),
    }
    f = tmp_path / "heavy.pdf"
    f.write_bytes(pdf(objects))
    box = Sandbox(memory=300 << 20)
    try:
        box.submit(0, str(f), TaskOptions(task="parse"))
        got = None
        while got is None:
            assert box.conn.poll(120), "no record within 120 s"
            got = box.take()
    finally:
        box.close()
    _, record, alive = got
    assert not alive
    assert record["error"].startswith("ran out of memory while reading the file (the worker, capped at ")
    assert record["error"].endswith(", was killed by SIGABRT)") and "\n" not in record["error"]


def owner_password_only(path: Path, algorithm: str) -> Path:
    """The same PDF "protected" with an owner password only: pdfium opens it without asking."""
    import io

    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(path))
    writer.encrypt(user_password="", owner_password="redigering", algorithm=algorithm)
    buf = io.BytesIO()
    writer.write(buf)
    out = path.with_name(f"{path.stem}-{algorithm}.pdf")
    out.write_bytes(buf.getvalue())
    return out


@pytest.mark.slow
@pytest.mark.parametrize("algorithm", ["RC4-40", "RC4-128", "AES-128", "AES-256-R5", "AES-256"])
def test_item2_encrypted_streams_are_decrypted_before_they_are_measured(
    tmp_path: Path, bomb: bytes, algorithm: str
) -> None:
    """pdfium decrypts, then inflates; to a scan that does not decrypt, the bomb is noise."""
    assert_refused(
        owner_password_only(
            bomb_page(tmp_path, b"/Length %d /Filter /FlateDecode" % len(bomb), bomb), algorithm
        )
    )
    content = TEXT + b" " * 1_500_000 + b"\n"
    data = zlib.compress(content)
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(page_pdf({4: stream(b"/Length %d /Filter /FlateDecode" % len(data), data)}))
    assert probe(owner_password_only(plain, algorithm))["outcome"] == "parsed"
