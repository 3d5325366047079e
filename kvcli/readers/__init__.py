"""Readers: one module per file format, each turning a file into neutral ``Block``s.

``read(path)`` picks the reader from the file's content (magic bytes) first and its
extension second, so a PDF renamed to .docx is still read as a PDF, and an older Word
(.doc) file renamed to .docx gets a clear message instead of a zip error. Formats kvcli
does not read itself (.doc, .rtf, .odt, .wpd) are converted to .docx by LibreOffice when
it is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path

from ..errors import InputError, LimitError
from ..limits import DEFAULT_LIMITS, Limits
from .blocks import Block, ReadResult

__all__ = ["Block", "ReadResult", "read", "SUPPORTED_EXTENSIONS", "sniff_format"]

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | {".docx", ".pdf"}
LEGACY_EXTENSIONS = {".doc", ".rtf", ".odt", ".wpd"}
# What users call these formats; "legacy" would be wrong for OpenDocument, a current ISO standard.
FORMAT_NAMES = {"doc": "older Word (.doc)", "rtf": "RTF (.rtf)", "odt": "OpenDocument (.odt)",
                "wpd": "WordPerfect (.wpd)"}  # fmt: skip


def sniff_format(data: bytes, suffix: str) -> str:
    """Return 'pdf', 'docx', 'txt', or a legacy/unknown marker, from content before name."""
    head = data[:1024]
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        if b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
            return "legacy:odt"
        return "docx"
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "legacy:doc"
    if head[:5] == b"{\\rtf":
        return "legacy:rtf"
    if suffix in TEXT_EXTENSIONS:
        return "txt"
    if suffix in LEGACY_EXTENSIONS:
        return f"legacy:{suffix[1:]}"
    if suffix in (".docx", ".pdf"):
        # Claimed format, wrong content: let the format's reader say what is wrong.
        return suffix[1:]
    return "unknown"


def read(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read one file into blocks. Raises ``InputError`` with a one-line reason on any failure."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory (parse takes files; use 'kvcli check DIR' for folders)")
    try:
        st = p.stat()
    except OSError as exc:
        raise InputError(name, f"cannot stat file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO blocks until someone writes to it; a device may never end.
        raise InputError(name, "is not a regular file (a FIFO, socket or device); refused")
    size = st.st_size
    if size > limits.max_file_size:
        raise LimitError(
            name, f"file is {size:,} bytes, over the --max-file-size limit of {limits.max_file_size:,}"
        )
    try:
        with open(p, "rb") as fh:  # read-only: input files are never modified
            head = fh.read(8192)
            fmt = sniff_format(head, p.suffix.lower())
            # Refuse by size before reading: a 1 GB "report" must not be pulled into memory.
            if fmt == "txt" and size > limits.max_text_bytes:
                raise LimitError(
                    name, f"text file is {size:,} bytes, over the text limit of {limits.max_text_bytes:,}"
                )
            data = head + fh.read(limits.max_file_size + 1 - len(head))
    except OSError as exc:
        raise InputError(name, f"cannot read file: {exc.strerror or exc}") from None
    if not head.strip() and not data.strip():  # only a blank head can mean a blank file
        raise InputError(name, "file is empty")
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "txt":
        from .text import read_text

        return read_text(name, data, sha, limits)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(name, data, sha, limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(name, data, sha, limits)
    if fmt == "legacy:doc" and "EncryptedPackage".encode("utf-16-le") in data:
        # Word, Excel and PowerPoint wrap a password-protected OOXML file in an OLE container.
        raise InputError(
            name, "lösenordsskyddad (password-protected) Office file; remove the password and save again"
        )
    if fmt.startswith("legacy:"):
        return _read_converted(name, p, fmt.split(":", 1)[1], sha, limits)
    raise InputError(
        name,
        f"unsupported file type '{p.suffix or '(no extension)'}' (supported: .txt, .md, .docx, .pdf)",
    )


def _read_converted(name: str, path: Path, kind: str, sha: str, limits: Limits) -> ReadResult:
    from .docx import EmptyDocumentError, read_docx

    label = FORMAT_NAMES.get(kind, f".{kind}")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            name,
            f"{label} files are read through LibreOffice, which is not installed; install it, or convert "
            "the file (soffice --headless --convert-to docx FILE) or save it as Word Document (.docx)",
        )
    converted = _convert_with_soffice(name, path, soffice, kind)
    # A damaged file is often "converted" all the same, to a document with nothing in it.
    damaged = f"{label} file: LibreOffice produced an empty document; the file is probably damaged"
    if not converted.strip():
        raise InputError(name, damaged)
    try:
        result = read_docx(name, converted, sha, limits)
    except EmptyDocumentError:
        raise InputError(name, damaged) from None
    except LimitError:
        raise
    except InputError as exc:
        raise InputError(
            name, f"{label} file: LibreOffice's conversion cannot be read ({exc.reason})"
        ) from None
    result.warnings.append(f"converted from {label} with LibreOffice before reading")
    return result


def _convert_with_soffice(name: str, path: Path, soffice: str, kind: str) -> bytes:
    """Convert a .doc/.rtf/.odt/.wpd file to .docx in a private temp dir; the input is only read."""
    import subprocess
    import tempfile

    label = FORMAT_NAMES.get(kind, f".{kind}")
    with tempfile.TemporaryDirectory(prefix="kvcli-convert-") as tmp:
        src = Path(tmp) / f"input.{kind}"
        src.write_bytes(path.read_bytes())
        try:
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "docx",
                 "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=60,
            )  # fmt: skip
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError(name, f"{label} file could not be converted with LibreOffice ({exc})") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise InputError(name, f"{label} file could not be converted with LibreOffice (no output)")
        return out.read_bytes()
