"""Short strings are masked once each (an archive's outputs repeat them thousands of times), with the
same result as masking them afresh, and the memo stays bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kvcli import privacy
from kvcli.privacy import mask_personnummer

_pieces = st.sampled_from(["811218-9876", "8112189876", "811218\u20139876", "811218-9875", " ", "x", "\\u2013", "\n", "19"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces | st.text(max_size=4), max_size=12).map("".join))
def test_a_remembered_mask_is_the_mask(text: str) -> None:
    first = mask_personnummer(text)
    assert mask_personnummer(text) == first
    assert first == (privacy._mask(text) if len(text) >= 10 else text)


def test_repeated_strings_are_masked_once() -> None:
    text = "Personnumret 811218-9876 står i avsnittet Inledning (memo)."
    before = privacy._mask_memo.cache_info()
    for _ in range(5):
        assert mask_personnummer(text) == "Personnumret 811218-**** står i avsnittet Inledning (memo)."
    after = privacy._mask_memo.cache_info()
    assert after.misses - before.misses == 1 and after.hits - before.hits == 4


def test_long_strings_and_other_types_are_not_remembered() -> None:
    class Label(str):
        pass

    before = privacy._mask_memo.cache_info()
    long_text = "ord " * 200 + "811218-9876"
    assert mask_personnummer(long_text).endswith("811218-****")
    label = Label("rubrik utan nummer, tio tecken")
    assert mask_personnummer(label) is label
    assert privacy._mask_memo.cache_info().currsize == before.currsize
    assert privacy._mask_memo.cache_info().maxsize is not None  # bounded
