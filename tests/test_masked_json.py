"""The JSON writers mask while they write: the text is what masking the tree, writing it and masking the
text wrote before, whatever the tree holds (personnummer in values or keys, keys that mask alike, tuples,
values that are not plain JSON)."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kvcli.output.jsontext import dumps_indented, encode_mapped
from kvcli.output.safe import mask_output, masked_json

_PNR = ["811218-9876", "8112189876", "19811218–9876", "811218\u200b-9876", "811218-9875", "\ud800", "\udc96"]
_strings = st.lists(st.sampled_from(_PNR) | st.text(max_size=6), max_size=4).map("".join)
_scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
            | _strings | st.sampled_from(_PNR))  # fmt: skip
_trees = st.recursive(
    _scalars,
    lambda kids: st.lists(kids, max_size=4) | st.tuples(kids, kids)
    | st.dictionaries(_strings | st.sampled_from(_PNR), kids, max_size=4),
    max_leaves=30,
)


def _before(obj: object) -> str:
    return mask_output(dumps_indented(mask_output(obj)))


@settings(max_examples=400, deadline=None)
@given(_trees)
def test_same_text_as_masking_the_tree_first(tree: object) -> None:
    assert masked_json(tree) == _before(tree)


def test_keys_that_mask_alike_stay_one_key() -> None:
    # Two numbers that differ in their last four digits only are one key once masked.
    tree = {"811218-9876": 1, "811218-9892": 2, "ok": [3]}
    assert masked_json(tree) == _before(tree)
    assert masked_json(tree).count("811218-****") == 1


def test_what_is_not_plain_is_masked_and_written_as_before() -> None:
    tree = {1: "811218-9876", "x": [math.nan, ("811218-9876", None)]}
    assert masked_json(tree) == _before(tree)
    assert "9876" not in masked_json(tree)


def test_strings_are_mapped_while_written() -> None:
    def shout(s: str) -> str:
        return json.dumps(s.replace("v", "V"), ensure_ascii=False)

    assert encode_mapped({"a": ["v", {"c": "vv"}]}, shout) == dumps_indented({"a": ["V", {"c": "VV"}]})
    assert encode_mapped({"v": 1}, shout) is None  # a key it would change: the caller maps the tree
    assert encode_mapped({"a": object()}, shout) is None
