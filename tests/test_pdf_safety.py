"""The PDF decompression-bomb pre-scan (issue 10, items 1 and 2): it never hangs, and it cannot be walked around.

Every probe runs in a fresh interpreter with a hard timeout, so a scan that hangs fails the test instead of
stalling the suite, and peak RSS is that process's own, measured by the kernel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

PROBE = """
import json, resource, sys
from kvcli.api import parse
from kvcli.errors import InputError, LimitError
try:
    parse(sys.argv[1])
    outcome, limit = "parsed", False
except InputError as exc:
    outcome, limit = str(exc), isinstance(exc, LimitError)
print(json.dumps({"outcome": outcome, "limit": limit,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
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


def pdf(objects: dict[int, bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies, with a correct xref table (free entries for unused numbers)."""
    out = bytearray(b"%PDF-1.7\n%\xe5\xe4\xf6\n")
    size = max(objects) + 1
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
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
