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
# Strict Open XML (ISO 29500 Strict, "Strict Open XML Document" in Word): the same elements and
# attributes under another namespace; parts are renamed to the transitional one on reading.
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

_SMALL_MEMBER = 1024 * 1024  # small parts may legitimately compress very well
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


# libxml2's own nesting limit without huge_tree; no legitimate Word part comes near it.
XML_MAX_DEPTH = 256
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    remove_comments=True,
    recover=False,
)


def parse_xml(name: str, part: str, data: bytes) -> etree._Element:
    """Parse one XML part; DTDs and entities are refused outright (no legitimate .docx has them).

    Checked twice: in the decoded prolog before parsing (whatever the encoding, comments or
    processing instructions before the DOCTYPE), and in what the parser saw, so a DTD the
    scan misses is still refused rather than its entities silently dropped from the text.
    """
    refused = f"{part} declares a DTD/entities (XML entity bomb?); refused"
    if _prolog_has_doctype(data):
        raise LimitError(name, refused)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        msg = str(exc)
        if "depth" in msg.lower():
            raise LimitError(name, f"{part} is nested too deeply (over {XML_MAX_DEPTH} levels); refused") from None
        if _ENTITY_ERROR_RE.search(msg):
            raise LimitError(name, refused) from None
        raise InputError(name, f"corrupt .docx: {part} is not well-formed XML ({msg})") from None
    except ValueError as exc:
        raise InputError(name, f"corrupt .docx: {part}: {exc}") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise LimitError(name, refused)
    if isinstance(root.tag, str) and root.tag.startswith(_STRICT):
        _to_transitional(root)
    return root


_STRICT, _TRANSITIONAL = f"{{{W_STRICT}}}", f"{{{W}}}"


def _to_transitional(root: etree._Element) -> None:
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue  # a processing instruction: no namespace
        if tag.startswith(_STRICT):
            el.tag = _TRANSITIONAL + tag[len(_STRICT) :]
        strict_attrs = [k for k in el.attrib if k.startswith(_STRICT)]
        for k in strict_attrs:
            value = el.attrib.pop(k)
            el.set(_TRANSITIONAL + k[len(_STRICT) :], value)


# libxml2 refusing entity amplification or a malformed DTD: a DTD all the same. An undefined entity
# without a DTD ("&nbsp;") is plain malformed XML and is reported as such.
_ENTITY_ERROR_RE = re.compile(r"amplification|\bDTD\b|DOCTYPE|EntityValue|ENTITY")
_PROLOG_SCAN = 64 * 1024  # characters; a longer prolog is left to the check after parsing
_BOMS = [
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
    # No BOM: the XML spec's autodetection from how "<?" or "<" is encoded.
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"), (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
]  # fmt: skip
_PROLOG_ITEM_RE = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def _prolog_has_doctype(data: bytes) -> bool:
    """Does a DOCTYPE follow the XML declaration, comments and processing instructions?"""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "latin-1")  # ASCII-compatible
    head = data[: _PROLOG_SCAN * 4].decode(encoding, errors="replace").lstrip("\ufeff")
    pos = 0
    while m := _PROLOG_ITEM_RE.match(head, pos):
        pos = m.end()
    return head.startswith("<!DOCTYPE", pos) or head.startswith("<!ENTITY", pos)
