"""The only way text reaches the page: masked (personnummer) and HTML-escaped, in that order.

Everything the reports supply — paths, labels, messages, metadata, quotes — is untrusted: a file
name or a heading may hold ``<script>`` or a personnummer, and neither may reach the page as such.
"""

from __future__ import annotations

import html
import re

from ...privacy import mask_personnummer

_ID_RE = re.compile(r"[^A-Za-z0-9_-]+")
_SIX_DIGITS_RE = re.compile(r"\d{6}")  # every personnummer has its date's six digits in a row


def esc(text: object) -> str:
    """Text content and attribute values alike (quotes are escaped too)."""
    s = str(text)
    if _SIX_DIGITS_RE.search(s):  # the page has tens of thousands of strings; most hold no long number
        s = mask_personnummer(s)
    return html.escape(s, quote=True)


def attrs(**values: object) -> str:
    """`` name="value"`` pairs; ``data_path`` becomes ``data-path``; None leaves the attribute out."""
    out = []
    for name, value in values.items():
        if value is None:
            continue
        out.append(f' {name.rstrip("_").replace("_", "-")}="{esc(value)}"')
    return "".join(out)


def slug(text: str) -> str:
    """An id fragment from a concept or rule id (pack data, but still not trusted to be id-safe)."""
    return _ID_RE.sub("-", text).strip("-") or "x"


def basename(path: str) -> str:
    """The file name alone, for a cell too narrow for the path (Windows separators too)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]
