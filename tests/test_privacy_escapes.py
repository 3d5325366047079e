"""The candidate pattern for text whose only escapes are one letter long finds exactly what the
escape-aware pattern finds there: it is what `parse --format json` masks its output with, so a
difference would be an identity number printed in clear (or a figure masked)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from luhn import luhn_digit

from kvcli import privacy

# Digits, what may stand between them, short escapes and the characters an escape is made of: the
# alphabet where the two patterns could part if the reasoning in privacy.py were wrong.
PIECES = list("0123456789") + ["\\n", "\\t", "\\\\", '\\"', "\\0", "\\b", "\\", "n", "t", "u", "x", "U", "X",
                                "&", "#", ";", " ", "-", "+", ".", "\u00ad", "\u200b", "\u2013", "\n", "a", "f",
                                "\u00b9", "\uff11"]  # fmt: skip


def _spans(pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_pattern_chosen_finds_what_the_escape_aware_one_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _spans(privacy._candidates_in(text), text) == _spans(privacy._cand_re(), text)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 999_999),
    st.integers(0, 999),
    st.lists(st.sampled_from(["\\n", "\\t", "\\\\", "\u00ad", " ", "-", "\\0"]), min_size=10, max_size=10),
    st.booleans(),
)
def test_a_number_broken_by_short_escapes_is_found_as_before(date: int, serial: int, gaps: list[str],
                                                              quote: bool) -> None:  # fmt: skip
    yymmdd = f"{date % 100:02d}{(date // 100) % 12 + 1:02d}{(date // 10000) % 28 + 1:02d}"
    ten = yymmdd + f"{serial:03d}" + luhn_digit(yymmdd + f"{serial:03d}")
    body = "".join(d + g for d, g in zip(ten, gaps))[: -len(gaps[-1]) or None]
    text = ('"text": "' + body + '"') if quote else body
    assert privacy._candidates_in(text) is not privacy._cand_re()
    assert _spans(privacy._candidates_in(text), text) == _spans(privacy._cand_re(), text)


def test_json_of_a_report_line_takes_the_short_pattern_and_is_masked() -> None:
    line = json.dumps({"text": 'Klienten "A"\n811218-9876 fick insats'}, ensure_ascii=False)
    assert privacy._candidates_in(line) is privacy._cand_short_re()
    assert "9876" not in privacy.mask_personnummer(line)
    assert "811218-****" in privacy.mask_personnummer(line)


def test_a_digit_escape_still_takes_the_escape_aware_pattern() -> None:
    text = "811218-987\\u0036"  # the last digit written as an escape
    assert privacy._candidates_in(text) is privacy._cand_re()
    assert "987" not in privacy.mask_personnummer(text)
