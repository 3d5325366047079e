"""The shipped JSON Schemas compiled into strict, fast checks for data kvcli reads back (the cache).

Strict because a cache entry was written by ``to_dict``, which writes every field: every property a
schema names is required and no other is allowed, integers are ints (not floats or bools) that fit
in 64 bits, and numbers are finite. Compiled once into closures because jsonschema spends as long
validating a text report's entry as parsing the report again, which would make a warm run no
faster than a cold one. Only the keywords the shipped schemas use are understood; any other
keyword is refused when compiling, so a schema change cannot silently weaken the check.

A property marked ``"x-output-only": true`` (``path_bytes``) is added by the output formatters, never
by ``to_dict``: a stored entry must not have it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_INT_BOUND = 1 << 63
_ANNOTATIONS = {"$schema", "$id", "title", "description", "contentEncoding", "x-output-only"}
_KEYWORDS = {"type", "enum", "const", "pattern", "minimum", "maximum", "minItems", "required", "properties",
             "additionalProperties", "items", "oneOf"}  # fmt: skip


def _is_int(v: Any) -> bool:
    return type(v) is int and -_INT_BOUND < v < _INT_BOUND


def _is_number(v: Any) -> bool:
    return _is_int(v) or (type(v) is float and math.isfinite(v))


_TYPES: dict[str, Check] = {
    "string": lambda v: type(v) is str,
    "integer": _is_int,
    "number": _is_number,
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
    "array": lambda v: type(v) is list,
    "object": lambda v: type(v) is dict,
}


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # 1 == True == 1.0 in Python, not in JSON Schema


def compile_strict(schema: dict[str, Any]) -> Check:
    """A function telling whether a value conforms, strictly, to ``schema``. Raises ValueError on an
    unsupported keyword."""
    unknown = set(schema) - _ANNOTATIONS - _KEYWORDS
    if unknown:
        raise ValueError(f"schema keyword(s) not supported by the strict check: {', '.join(sorted(unknown))}")
    checks: list[Check] = []
    if "type" in schema:
        names = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
        preds = [_TYPES[n] for n in names]
        checks.append(preds[0] if len(preds) == 1 else lambda v: any(p(v) for p in preds))
    if "const" in schema:
        const = schema["const"]
        checks.append(lambda v: _same(v, const))
    if "enum" in schema:
        options = list(schema["enum"])
        checks.append(lambda v: any(_same(v, o) for o in options))
    if "pattern" in schema:
        rx = re.compile(schema["pattern"])
        checks.append(lambda v: type(v) is not str or rx.search(v) is not None)
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda v: not _is_number(v) or v >= low)
    if "maximum" in schema:
        high = schema["maximum"]
        checks.append(lambda v: not _is_number(v) or v <= high)
    if "minItems" in schema:
        n = schema["minItems"]
        checks.append(lambda v: type(v) is not list or len(v) >= n)
    if "items" in schema:
        item = compile_strict(schema["items"])
        checks.append(lambda v: type(v) is not list or all(item(x) for x in v))
    if "properties" in schema or "required" in schema:
        checks.append(_object_check(schema))
    elif isinstance(schema.get("additionalProperties"), dict):
        value = compile_strict(schema["additionalProperties"])
        checks.append(lambda v: type(v) is not dict or all(type(k) is str and value(x) for k, x in v.items()))
    if "oneOf" in schema:
        alternatives = [compile_strict(s) for s in schema["oneOf"]]
        checks.append(lambda v: sum(1 for a in alternatives if a(v)) == 1)
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(c(v) for c in checks)


def _object_check(schema: dict[str, Any]) -> Check:
    props = {k: compile_strict(s) for k, s in schema.get("properties", {}).items() if not s.get("x-output-only")}
    for name in schema.get("required", []):
        props.setdefault(name, lambda v: True)
    names = set(props)

    def check(v: Any) -> bool:
        if type(v) is not dict:
            return True  # "type" decides whether an object is allowed here
        return v.keys() == names and all(props[k](x) for k, x in v.items())

    return check
