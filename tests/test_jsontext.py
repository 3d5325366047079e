"""The fast indented JSON writer writes what json.dumps(..., ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kvcli.output.jsontext import dumps_indented

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
_trees = st.recursive(
    _scalars,
    lambda kids: st.lists(kids, max_size=5) | st.tuples(kids, kids) | st.dictionaries(st.text(max_size=8), kids, max_size=5),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(_trees)
def test_same_text_as_the_standard_library(tree: object) -> None:
    assert dumps_indented(tree) == json.dumps(tree, ensure_ascii=False, indent=2)


def test_what_is_not_plain_json_goes_to_the_standard_library() -> None:
    tree = {1: "int key", None: [math.inf], "s": ("a", "\u2028", "\ud800")}
    assert dumps_indented(tree) == json.dumps(tree, ensure_ascii=False, indent=2)
    circular: list[object] = []
    circular.append(circular)
    try:
        dumps_indented(circular)
    except ValueError as exc:
        assert "Circular" in str(exc)
    else:
        raise AssertionError("a circular list must fail as json.dumps fails")
