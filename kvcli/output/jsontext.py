"""Indented JSON, byte for byte what ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes, faster.

The standard library encodes indented JSON in Python with a generator per level, so every piece of
a deep tree climbs through each level above it: the JSON report of a 300-document archive (4 600
findings) took most of a warm run. Here one recursive pass appends to one list, and strings go
through the C escaper the standard library uses too. Anything that is not plain JSON data (keys that
are not strings, other types) is left to the standard library, so the output never differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

_INF = float("inf")


class _NotPlain(Exception):
    pass


def dumps_indented(obj: Any) -> str:
    text = encode_mapped(obj, encode_basestring)
    return text if text is not None else json.dumps(obj, ensure_ascii=False, indent=2)


def encode_mapped(obj: Any, strings: Callable[[str], str]) -> str | None:
    """``dumps_indented`` of ``obj`` with every string value ``s`` written as ``strings(s)``, JSON text
    quotes included (``encode_basestring`` writes it as it is), or None when ``obj`` is not plain JSON
    data or ``strings`` would write a key otherwise (two keys could then become one): the caller maps
    the tree itself then. Mapping while writing spares the writer of a large report a second walk over
    its tree and a copy of it; a caller that remembers what it wrote for each string escapes it once."""
    parts: list[str] = []
    try:
        _encode(obj, parts, "\n", strings, {})
    except (_NotPlain, RecursionError):
        return None
    return "".join(parts)


def _key(k: Any, strings: Callable[[str], str]) -> str:
    if not isinstance(k, str):
        raise _NotPlain
    text = encode_basestring(k)
    if strings(k) != text:
        raise _NotPlain
    return text + ": "


def _encode(o: Any, out: list[str], nl: str, strings: Callable[[str], str], keys: dict[str, str]) -> None:
    """``keys``: what is written for each key seen so far (its text and the colon): a report repeats its
    few keys a hundred thousand times."""
    if isinstance(o, str):
        out.append(strings(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        # Strings, ints and nulls, most of a report's values, are written here rather than by a call each.
        inner = nl + "  "
        sep, after = "{" + inner, "," + inner
        for k, v in o.items():
            key = keys.get(k)
            if key is None:
                key = keys[k] = _key(k, strings)
            t = type(v)
            if t is str:
                out.append(f"{sep}{key}{strings(v)}")
            elif t is int:
                out.append(f"{sep}{key}{int.__repr__(v)}")
            elif v is None:
                out.append(f"{sep}{key}null")
            else:
                out.append(sep + key)
                _encode(v, out, inner, strings, keys)
            sep = after
        out.append(nl + "}")
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = nl + "  "
        sep, after = "[" + inner, "," + inner
        for v in o:
            t = type(v)
            if t is str:
                out.append(sep + strings(v))
            elif t is int:
                out.append(sep + int.__repr__(v))
            else:
                out.append(sep)
                _encode(v, out, inner, strings, keys)
            sep = after
        out.append(nl + "]")
    else:
        raise _NotPlain


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)
