"""The generated strict check (strict_source) accepts and refuses exactly what compile_strict does.

Checked on real cache entries (a parsed document, a check report) with random damage done to them, and on
random schemas built from the keywords the strict check knows, against random values.
"""

from __future__ import annotations

import copy
import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvcli.batch.entries import valid_entry
from kvcli.batch.strict_schema import compile_strict
from kvcli.batch.strict_source import compile_source
from kvcli.schema import check_schema, document_schema

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@cache
def _entries() -> dict[str, Any]:
    from kvcli.checks import check_document
    from kvcli.pipeline import read_document

    doc = read_document(str(SAMPLES / "vetlanda-vuxen-2013.txt"))
    report = check_document(doc)
    return json.loads(json.dumps({"document": doc.to_dict(), "report": report.to_dict()}))


@cache
def _checks(part: str) -> tuple[Any, Any]:
    schema = document_schema() if part == "document" else check_schema()["properties"]["files"]["items"]
    return compile_strict(schema), compile_source(schema)


_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**64), 2**64) | st.sampled_from([2**63 - 1, 2**63, -(2**63), 0.5, 1.0])
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=5)
    | st.sampled_from(["present", "weak", "error", "2019-03-20", "kvcli.document/1", "2019-3-20"]),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=4), kids, max_size=3),
    max_leaves=8,
)  # fmt: skip


def _places(tree: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += _places(v, (*path, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree[:3]):  # the first few items of a long list are enough
            out += _places(v, (*path, i))
    return out


def _at(tree: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        tree = tree[p]
    return tree


@st.composite
def _damaged(draw: st.DrawFn, part: str) -> Any:
    tree = copy.deepcopy(_entries()[part])
    for _ in range(draw(st.integers(1, 3))):
        places = _places(tree)
        path = draw(st.sampled_from(places))
        value = _at(tree, path)
        kind = draw(st.sampled_from(["replace", "float", "bool", "drop", "add", "append", "wrap", "none"]))
        if kind == "float" and type(value) is int:
            new: Any = float(value)
        elif kind == "bool" and type(value) is int:
            new = bool(value)
        elif kind == "drop" and isinstance(value, dict) and value:
            del value[draw(st.sampled_from(sorted(value)))]
            continue
        elif kind == "add" and isinstance(value, dict):
            value[draw(st.sampled_from(["extra", "path_bytes", *sorted(value)]) | st.text(max_size=3))] = draw(_json)
            continue
        elif kind == "append" and isinstance(value, list):
            value.append(draw(_json) if draw(st.booleans()) or not value else copy.deepcopy(value[0]))
            continue
        elif kind == "wrap":
            new = [value]
        elif kind == "none":
            new = None
        else:
            new = draw(_json)
        if not path:
            tree = new
        else:
            _at(tree, path[:-1])[path[-1]] = new
    return tree


@pytest.mark.parametrize("part", ["document", "report"])
def test_both_accept_what_kvcli_writes(part: str) -> None:
    reference, generated = _checks(part)
    assert reference(_entries()[part]) and generated(_entries()[part])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["document", "report"]).flatmap(lambda p: st.tuples(st.just(p), _damaged(p))))
def test_same_verdict_on_damaged_entries(case: tuple[str, Any]) -> None:
    part, tree = case
    reference, generated = _checks(part)
    assert generated(tree) == reference(tree)


_names = st.sampled_from(["a", "b", "c"])
_leaf_schemas = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["string", "integer", "number", "boolean", "null", "array", "object"])
        | st.lists(st.sampled_from(["string", "integer", "number", "null", "array", "object"]), min_size=1, max_size=3),
        "enum": st.lists(st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([1.0, "a", "b"]), max_size=3),
        "const": st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from([0.0, "a", [1], {"a": 1}]),
        "pattern": st.sampled_from(["^a", "b$", "\\d"]),
        "minimum": st.integers(-2, 2) | st.sampled_from([0.5]),
        "maximum": st.integers(-2, 2) | st.sampled_from([1.5]),
        "minItems": st.integers(0, 2),
        "description": st.just("ignored"),
    },
)
_schemas = st.recursive(
    _leaf_schemas,
    lambda kids: st.tuples(_leaf_schemas, st.fixed_dictionaries({}, optional={
        "items": kids,
        "properties": st.dictionaries(_names, kids | st.just({"x-output-only": True}), max_size=3),
        "required": st.lists(_names, max_size=2, unique=True),
        "additionalProperties": kids | st.booleans(),
        "oneOf": st.lists(kids, max_size=3),
    })).map(lambda two: {**two[0], **two[1]}),
    max_leaves=6,
)  # fmt: skip
_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from([2**63, -(2**63) + 1, 0.5, 1.0, math.inf, math.nan])
    | st.sampled_from(["a", "ab", "b", "1", ""]),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(_names | st.sampled_from(["d", 1]), kids, max_size=3),  # type: ignore[arg-type]
    max_leaves=10,
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(_schemas, st.lists(_values, min_size=1, max_size=6))
def test_same_verdict_for_any_schema(schema: dict[str, Any], values: list[Any]) -> None:
    reference, generated = compile_strict(schema), compile_source(schema)
    for value in values:
        assert generated(value) == reference(value), (schema, value)


def test_a_keyword_it_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="not supported"):
        compile_source({"items": {"type": "string", "maxLength": 3}})


def test_the_cache_uses_it() -> None:
    # A tampered entry is refused by the generated check, as by the reference one.
    entry = {"report": copy.deepcopy(_entries()["report"]), "_key": "k"}
    assert valid_entry("check", entry, "")
    entry["report"]["findings"][0]["line"] = 1.0
    assert not valid_entry("check", entry, "")


_EDGE_VALUES = [None, True, False, 0, 1, -1, 2, 2**63 - 1, 2**63, -(2**63) + 1, -(2**63), 0.0, 1.0, 0.5, 1.5, -0.5,
                math.inf, -math.inf, math.nan, "", "a", "ab", "1", [], [1], [1, 2], [1, 2, 3], ["a"], [None], {},
                {"a": 1}, {"a": 1, "b": 2}, {"a": "x"}, {1: 1}]  # fmt: skip
_EDGE_SCHEMAS = [
    {"type": t} for t in ("string", "integer", "number", "boolean", "null", "array", "object")
] + [
    {"type": ["integer", "null"]}, {"const": 1}, {"const": 1.0}, {"const": True}, {"const": [1]}, {"enum": [0, "a", None]},
    {"enum": []}, {"pattern": "^a"}, {"minimum": 0}, {"maximum": 1}, {"minimum": 0, "maximum": 1, "type": "number"},
    {"minItems": 1}, {"minItems": 2}, {"items": {"type": "integer"}}, {"type": "array", "items": {}},
    {"items": {"items": {"type": "integer"}}}, {"properties": {"a": {"type": "integer"}}},
    {"type": "object", "properties": {"a": {}, "b": {"x-output-only": True}}}, {"required": ["a"]},
    {"required": ["a", "b"], "properties": {"a": {"type": "integer"}}}, {"additionalProperties": {"type": "integer"}},
    {"additionalProperties": True}, {"oneOf": [{"type": "integer"}, {"type": "number"}]}, {"oneOf": []},
    {"oneOf": [{"type": "null"}, {"type": "object", "properties": {"a": {"enum": [1, "x"]}}}]},
]  # fmt: skip


@pytest.mark.parametrize("schema", _EDGE_SCHEMAS, ids=json.dumps)
def test_same_verdict_at_the_edges(schema: dict[str, Any]) -> None:
    reference, generated = compile_strict(schema), compile_source(schema)
    for value in _EDGE_VALUES:
        assert generated(value) == reference(value), value
