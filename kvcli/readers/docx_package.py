"""Open a .docx package safely: bounded decompression, no XML entities, bounded depth.

A .docx is untrusted input: a zip bomb (a few KB expanding to GBs) or an entity bomb
("billion laughs") must be refused within a second and without exhausting memory.
We trust no declared size: members are read in chunks with a hard cap.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from ..errors import InputError, LimitError
from ..limits import Limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "w14": W14}

_SMALL_MEMBER = 1024 * 1024  # small parts may legitimately compress very well
_DTD_RE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
_PARTS_RE = re.compile(r"^word/(document|styles|numbering|footnotes|endnotes|header\d*|footer\d*)\.xml$")


def open_package(name: str, data: bytes, limits: Limits) -> dict[str, bytes]:
    """Return the raw XML parts kvcli reads, after checking every limit."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        # NotImplementedError: a zip "version needed" or compression method Python cannot read.
        raise InputError(name, f"not a valid .docx (zip) file: {exc}") from None
    if len(infos) > limits.max_zip_members:
        raise LimitError(
            name, f"zip has {len(infos):,} members, over the limit of {limits.max_zip_members:,}"
        )
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_size:
        raise LimitError(
            name,
            f"zip expands to {total:,} bytes, over the limit of {limits.max_unzipped_size:,} (zip bomb?)",
        )
    for i in infos:
        if i.file_size > _SMALL_MEMBER and i.file_size > limits.max_compression_ratio * max(
            1, i.compress_size
        ):
            raise LimitError(
                name,
                f"zip member {i.filename} compresses {i.file_size // max(1, i.compress_size):,}:1, over the "
                f"limit of {limits.max_compression_ratio}:1 (zip bomb?)",
            )
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        hint = " (an OpenDocument file? save it as .docx)" if "content.xml" in names else ""
        raise InputError(name, f"not a Word document: word/document.xml missing{hint}")
    parts: dict[str, bytes] = {}
    budget = limits.max_unzipped_size
    for i in infos:
        if not _PARTS_RE.match(i.filename) or i.filename in parts:
            continue  # a duplicate entry name: the first one wins, as in Word
        parts[i.filename] = _read_capped(name, zf, i, budget)
        budget -= len(parts[i.filename])
    return parts


def _read_capped(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    cap = min(budget, info.file_size + 1)
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while len(out) <= cap:
                chunk = fh.read(min(1 << 20, cap + 1 - len(out)))
                if not chunk:
                    break
                out += chunk
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise InputError(name, f"corrupt .docx: cannot read {info.filename}: {exc}") from None
    except Exception as exc:  # zlib.error and friends from a damaged stream
        raise InputError(
            name, f"corrupt .docx: cannot read {info.filename}: {type(exc).__name__}: {exc}"
        ) from None
    if len(out) > info.file_size:
        raise LimitError(name, f"zip member {info.filename} is larger than declared (zip bomb?)")
    return bytes(out)


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    recover=False,
)


def parse_xml(name: str, part: str, data: bytes) -> etree._Element:
    """Parse one XML part; DTDs and entities are refused outright (no legitimate .docx has them)."""
    prolog_end = data.find(b"<", data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0)
    head = data[: max(prolog_end, 0) + 4096]
    if _DTD_RE.search(head):
        raise LimitError(name, f"{part} declares a DTD/entities (XML entity bomb?); refused")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        msg = str(exc)
        if "depth" in msg.lower():
            raise LimitError(name, f"{part} is nested too deeply (over 256 levels); refused") from None
        raise InputError(name, f"corrupt .docx: {part} is not well-formed XML ({msg})") from None
    except ValueError as exc:
        raise InputError(name, f"corrupt .docx: {part}: {exc}") from None
