"""The strict check of ``strict_schema``, written out as one Python function per schema and compiled.

The closures of ``compile_strict`` call one small function per keyword per value: for the 300 entries
of an unchanged archive that was 45 ms of a 0.6 s run. Here the same tests are inlined, a value is
looked up once, and a loop runs over a list's items directly; what is accepted and refused is the
same, keyword for keyword (``compile_strict`` stays the reference the tests compare it with). The
source is made only from the shipped schemas: values from them (constants, patterns, key sets) are
passed in by name, never written into the source.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .strict_schema import _ANNOTATIONS, _INT_BOUND, _KEYWORDS, Check, _is_number

_TYPE_TESTS = {
    "string": "type({v}) is str",
    "integer": "(type({v}) is int and -_B < {v} < _B)",
    "number": "(type({v}) is int and -_B < {v} < _B or type({v}) is float and _finite({v}))",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "array": "type({v}) is list",
    "object": "type({v}) is dict",
}


class _Writer:
    def __init__(self) -> None:
        self.functions: list[list[str]] = []
        self.names: dict[str, Any] = {"_B": _INT_BOUND, "_finite": math.isfinite, "_is_number": _is_number}
        self.count = 0

    def fresh(self, stem: str) -> str:
        self.count += 1
        return f"{stem}{self.count}"

    def value(self, obj: Any) -> str:
        name = self.fresh("_k")
        self.names[name] = obj
        return name

    def function(self, schema: dict[str, Any]) -> str:
        name = self.fresh("_check")
        lines = [f"def {name}(v0):"]
        self.functions.append(lines)
        self.emit(schema, "v0", lines, 1)
        lines.append("    return True")
        return name

    def emit(self, schema: dict[str, Any], v: str, out: list[str], depth: int) -> None:
        """Statements that return False when ``v`` does not conform to ``schema``."""
        unknown = set(schema) - _ANNOTATIONS - _KEYWORDS
        if unknown:
            raise ValueError(
                f"schema keyword(s) not supported by the strict check: {', '.join(sorted(unknown))}"
            )
        pad = "    " * depth
        types: list[str] = []
        if "type" in schema:
            types = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
            test = " or ".join(_TYPE_TESTS[t].format(v=v) for t in types)
            out.append(f"{pad}if not ({test}): return False")
        if "const" in schema:
            k = self.value(schema["const"])
            out.append(f"{pad}if not (type({v}) is type({k}) and {v} == {k}): return False")
        if "enum" in schema:
            options = [self.value(o) for o in schema["enum"]]
            test = " or ".join(f"(type({v}) is type({k}) and {v} == {k})" for k in options) or "False"
            out.append(f"{pad}if not ({test}): return False")
        if "pattern" in schema:
            rx = self.value(re.compile(schema["pattern"]))
            out.append(f"{pad}if type({v}) is str and {rx}.search({v}) is None: return False")
        if "minimum" in schema:
            k = self.value(schema["minimum"])
            out.append(f"{pad}if _is_number({v}) and not {v} >= {k}: return False")
        if "maximum" in schema:
            k = self.value(schema["maximum"])
            out.append(f"{pad}if _is_number({v}) and not {v} <= {k}: return False")
        if "minItems" in schema:
            out.append(
                f"{pad}if type({v}) is list and len({v}) < {self.value(schema['minItems'])}: return False"
            )
        if "items" in schema:
            inner = pad
            if types != ["array"]:  # otherwise the type test above has made sure it is a list
                out.append(f"{pad}if type({v}) is list:")
                inner += "    "
            x = self.fresh("v")
            out.append(f"{inner}for {x} in {v}:")
            body: list[str] = []
            self.emit(schema["items"], x, body, len(inner) // 4 + 1)
            out.extend(body or [f"{inner}    pass"])
        if "properties" in schema or "required" in schema:
            inner = pad
            if types != ["object"]:
                out.append(f"{pad}if type({v}) is dict:")
                inner += "    "
            props = {k: s for k, s in schema.get("properties", {}).items() if not s.get("x-output-only")}
            names = set(props) | set(schema.get("required", []))
            out.append(f"{inner}if {v}.keys() != {self.value(names)}: return False")
            for key, sub in props.items():
                x = self.fresh("v")
                body = []
                self.emit(sub, x, body, len(inner) // 4)
                if body:
                    out.append(f"{inner}{x} = {v}[{self.value(key)}]")
                    out.extend(body)
        elif isinstance(schema.get("additionalProperties"), dict):
            inner = pad
            if types != ["object"]:
                out.append(f"{pad}if type({v}) is dict:")
                inner += "    "
            k, x = self.fresh("k"), self.fresh("v")
            out.append(f"{inner}for {k}, {x} in {v}.items():")
            out.append(f"{inner}    if type({k}) is not str: return False")
            self.emit(schema["additionalProperties"], x, out, len(inner) // 4 + 1)
        if "oneOf" in schema:
            alternatives = [self.function(s) for s in schema["oneOf"]]
            test = " + ".join(f"({a}({v}) is True)" for a in alternatives) or "0"
            out.append(f"{pad}if ({test}) != 1: return False")


def compile_source(schema: dict[str, Any]) -> Check:
    """``compile_strict(schema)``, as generated code. Raises ValueError on an unsupported keyword."""
    w = _Writer()
    main = w.function(schema)
    source = "\n".join("\n".join(f) for f in w.functions) + "\n"
    namespace = dict(w.names)
    exec(
        compile(source, f"<strict check {schema.get('$id') or schema.get('title') or 'schema'}>", "exec"),
        namespace,
    )
    check: Check = namespace[main]
    return check
