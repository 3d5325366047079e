"""The last step of every writer: what kvcli may put in an output, and how a file name is shown.

* ``mask_output`` masks personnummer in a string, or in every string (keys included) of a
  JSON-like tree or a DataFrame, and escapes lone surrogates so the result encodes as UTF-8.
  Every writer passes its data through it before serialising, and its serialised text after.
* ``safe_path`` is the one representation of a file name in every output: masked, with
  characters that could forge or hide output escaped Python-style — control characters
  (``\\n``, ``\\r``, ``\\x1b``), format and separator characters (``\\u200b``, ``\\u202e``, ``\\xa0``
  becomes ``\\u00a0``), undecodable bytes of a name that is not UTF-8 (``\\xff``), and the
  backslash itself (``\\\\``), so the text is unambiguous.
* ``path_bytes`` gives the name's bytes (base64, of the masked name) where ``safe_path`` had to
  escape something, so a program can still find the file: ``os.fsdecode(base64.b64decode(x))``.
  Base64, not hex: a hex string is mostly digits and would itself look like numbers to mask.
* ``safe_text``/``safe_line`` make report text safe for a terminal: no control characters
  (``safe_line`` keeps no line breaks either, for one-line error messages).
"""

from __future__ import annotations

import base64
import os
import re
from functools import lru_cache
from typing import Any, TypeVar

from ..privacy import mask_personnummer, mask_pieces
from .jsontext import dumps_indented, encode_basestring, encode_mapped

T = TypeVar("T")

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Control characters but tab and newline, and the bidirectional controls that reorder what a terminal shows.
_TERMINAL_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
_LINE_RE = re.compile("[\t\n]")


def _escape_char(ch: str) -> str:
    cp = ord(ch)
    if ch == "\\":
        return "\\\\"
    if 0xDC80 <= cp <= 0xDCFF:
        return f"\\x{cp - 0xDC00:02x}"  # a byte of a name that is not UTF-8 (surrogateescape)
    if cp < 0x80:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{cp:02x}")
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"  # never \xNN: that means a raw byte


def _sub(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: _escape_char(m.group()), text) if pattern.search(text) else text


# An archive's output repeats the same strings (paths, codes, messages, headings) thousands of times;
# short ones are masked once each.
_MEMO_MAX_CHARS = 2048


@lru_cache(maxsize=1 << 16)
def _masked_short(text: str) -> str:
    return _sub(_SURROGATE_RE, mask_personnummer(text))


def _masked(text: str) -> str:
    return (
        _masked_short(text) if len(text) <= _MEMO_MAX_CHARS else _sub(_SURROGATE_RE, mask_personnummer(text))
    )


def _masked_long(text: str) -> str:
    # A whole serialised output: one search over 5 MB of JSON took a sixth of a warm archive run, while
    # its lines repeat (see privacy.mask_pieces, which proves the pieces mask as the whole does).
    pieces = mask_pieces(text)
    masked = {p: _masked(p) for p in set(pieces)}
    if all(m is p or m == p for p, m in masked.items()):
        return text  # the usual case: nothing to mask, and joining 137 000 lines again took 11 ms
    return "\n".join(map(masked.__getitem__, pieces))


class _Written(dict[str, str]):
    """What the JSON writer writes for each string: masked, then escaped, once per distinct string."""

    def __missing__(self, text: str) -> str:
        self[text] = written = encode_basestring(_masked(text))
        return written


def masked_json(obj: Any) -> str:
    """``mask_output(dumps_indented(mask_output(obj)))``, the JSON every JSON writer prints, with the tree
    masked while it is written instead of copied first."""
    text = encode_mapped(obj, _Written().__getitem__)
    return mask_output(text if text is not None else dumps_indented(mask_output(obj)))


def mask_output(obj: T) -> T:
    """Masked (and UTF-8-safe) copy of a string, a JSON-like tree or a pandas DataFrame."""
    if isinstance(obj, str):
        if len(obj) <= _MEMO_MAX_CHARS:
            return _masked_short(obj)  # type: ignore[return-value]
        return _masked_long(obj)  # type: ignore[return-value]
    if isinstance(obj, dict):
        return {mask_output(k): mask_output(v) for k, v in obj.items()}  # type: ignore[return-value]
    if isinstance(obj, (list, tuple)):
        return type(obj)(mask_output(v) for v in obj)  # type: ignore[return-value]
    if type(obj).__name__ == "DataFrame" and hasattr(obj, "columns"):
        return _mask_frame(obj)  # type: ignore[no-any-return]
    return obj


def _mask_frame(df: Any) -> Any:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("string", "str"):
            # Once per distinct value: paths, units and labels repeat on every row of a long table.
            masked = {v: mask_output(v) for v in out[col].dropna().unique() if isinstance(v, str)}
            out[col] = out[col].map(lambda v, m=masked: m.get(v, v) if isinstance(v, str) else v)
    out.columns = [mask_output(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _path_text(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    return os.fsdecode(path)


def safe_path(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    text = mask_personnummer(_path_text(path))
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape_char(ch) if ch == "\\" or not ch.isprintable() else ch for ch in text)


def masked_bytes(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> bytes:
    """The name's bytes as the file system has them, with any personnummer masked."""
    text = mask_personnummer(_path_text(path))
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:  # a lone surrogate that no file system gave us
        return text.encode("utf-8", "surrogatepass")


def path_bytes(path: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str | None:
    """Base64 of the (masked) name's bytes, or None when ``safe_path`` shows the name as it is."""
    if safe_path(path) == mask_personnummer(_path_text(path)):
        return None
    return base64.b64encode(masked_bytes(path)).decode("ascii")


def with_path_bytes(record: dict[str, Any], key: str, bytes_key: str | None = None) -> dict[str, Any]:
    """``record`` with ``record[key]`` as ``safe_path`` and, when that escaped something, the raw bytes
    beside it under ``bytes_key`` (default ``<key>_bytes``). Missing or None paths are left alone."""
    raw = record.get(key)
    if not isinstance(raw, str):
        return record
    out = dict(record)
    out[key] = safe_path(raw)
    encoded = path_bytes(raw)
    if encoded is not None:
        out[bytes_key or f"{key}_bytes"] = encoded
    return out


def safe_text(text: str) -> str:
    """Masked text with no control character a terminal would act on (tab and newline kept)."""
    return _sub(_TERMINAL_RE, mask_output(text))


def safe_line(text: str) -> str:
    """``safe_text`` on one line: tabs and newlines escaped too."""
    return _sub(_LINE_RE, safe_text(text))


def error_line(path: str | bytes | os.PathLike[str] | None, reason: str) -> str:
    """The one-line error every command prints for a file it could not handle."""
    where = f"{safe_path(path)}: " if path is not None else ""
    return f"kvcli: error: {where}{safe_line(reason)}"
