"""Quoting user data in one-line error messages, bounded: a value echoed back is at most ~200 characters.

A rule pack's YAML aliases or a config value can make a value megabytes long; the error that names
it must still be one short line, and building it must not cost time or memory in proportion.
"""

from __future__ import annotations

import reprlib

LIMIT = 200

_repr = reprlib.Repr()
_repr.maxstring = LIMIT - 40  # leaves room for the message around it
_repr.maxother = LIMIT
_repr.maxlevel = 3
_repr.maxlist = _repr.maxtuple = _repr.maxdict = _repr.maxset = _repr.maxfrozenset = 8


def quote(value: object, limit: int = LIMIT) -> str:
    """``repr(value)``, cut to ``limit`` characters with "…"; computed from a bounded slice of the value."""
    return clip(_repr.repr(value), limit)


def clip(text: str, limit: int = LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…"."""
    text = " ".join(text[: limit * 4].split()) if len(text) > limit or "\n" in text else text
    return text if len(text) <= limit else text[: limit - 1] + "…"
