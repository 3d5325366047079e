"""Masking a long output line by line (privacy.mask_pieces) masks exactly what masking it whole masks.

The property is checked on any text built from the characters that matter to the masker (digits of
several scripts, separators, spaces, invisible characters, undecodable bytes, escapes as JSON, Python
and XML write them, line breaks) and on JSON written by the check output's writer, indented or with
every non-ASCII character escaped, holding personnummer in the forms a report may give them.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from luhn import luhn_digit as _luhn_digit

from kvcli.output.jsontext import dumps_indented
from kvcli.output.safe import _SURROGATE_RE, _sub, mask_output
from kvcli.privacy import mask_personnummer, mask_pieces


def _whole(text: str) -> str:
    """What mask_output did to a long string before it went line by line."""
    return _sub(_SURROGATE_RE, mask_personnummer(text))


@st.composite
def _personnummer(draw: st.DrawFn) -> str:
    yy = draw(st.integers(0, 99))
    mm = draw(st.integers(1, 12))
    dd = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 60]))  # samordningsnummer too
    nine = f"{yy:02d}{mm:02d}{dd:02d}{draw(st.integers(0, 999)):03d}"
    ten = nine + _luhn_digit(nine)
    century = draw(st.sampled_from(["", "19", "20"]))
    sep = draw(st.sampled_from(["", "-", "+", " ", "\u2013", "\n", " \n ", ".", "\\u2013", "\\n", "&#8211;", "\u00a0"]))
    digits = list(century + ten)
    # Any digit may be written another way, and an invisible character or an escape may sit after it.
    for k, d in enumerate(digits):
        digits[k] = draw(st.sampled_from([d, d, d, chr(0xFF10 + int(d)), chr(0x660 + int(d)), f"\\u{0xFF10 + int(d):04x}"]))
        digits[k] += draw(st.sampled_from(["", "", "", "\u200b", "\xad", "\\u200b", "\\t", "\n", "\udc81"]))
    cut = len(century) + 6
    return "".join(digits[:cut]) + sep + "".join(digits[cut:])


_ATOMS = st.sampled_from(
    ["0", "1", "7", "9", "12", "198112", "-", "+", ".", " ", "  ", "\n", "\n\n", "\n  ", "\t", "\u2013", "\u2212",
     "\u00a0", "\u200b", "\xad", "\u2028", "\udc96", "\udcb9", "\u00b9", "\u0661", "\uff19", "\\", "\\u", "\\u2013",
     "\\u0660", "\\x96", "\\n", "\\t", "\\U0001f600", "&#", "&#10;", "&#x2013;", ";", "{", "}", "[", "]", '"', ",",
     ": ", "a", "e", "f", "u", "x", "U", "n", "abcdef0123456789abcdef0123456789"]  # fmt: skip
)
_texts = st.lists(_ATOMS | _personnummer(), max_size=60).map("".join)


@settings(max_examples=700, deadline=None)
@given(_texts)
def test_pieces_mask_as_the_whole_text(text: str) -> None:
    pieces = mask_pieces(text)
    assert "\n".join(pieces) == text
    assert "\n".join(mask_personnummer(p) for p in pieces) == mask_personnummer(text)


_strings = st.lists(_ATOMS | _personnummer(), max_size=8).map("".join)
_scalars = st.none() | st.booleans() | st.integers(-(10**12), 10**13) | st.floats(allow_nan=False) | _strings
_trees = st.recursive(
    _scalars,
    lambda kids: st.lists(kids, max_size=5) | st.dictionaries(_strings, kids, max_size=5),
    max_leaves=30,
)


@settings(max_examples=250, deadline=None)
@given(_trees, st.booleans())
def test_serialised_json_masks_as_a_whole(tree: object, ascii_only: bool) -> None:
    # Padded past the length below which a string is masked whole anyway.
    doc = {"files": [tree] * 3, "pad": "x" * 2100}
    text = json.dumps(doc, ensure_ascii=True, indent=2) if ascii_only else dumps_indented(doc)
    assert mask_output(text) == _whole(text)


@pytest.mark.parametrize(
    "number",
    ["811218\n  9876", "811218\n\\uff19\\uff18\\uff17\\uff16", "811218\\u200b\n9876", "811218\xad\n9876",
     "811218 \n 9876", "811218-\n9876", "811218\n-9876", "811218\n\n9876"],  # fmt: skip
)
def test_a_number_over_a_line_break_is_masked(number: str) -> None:
    # Masking line by line must not cut a number whose separator is a line break (text output, a table),
    # whatever ends the line before it or begins the line after.
    text = "\n".join(["rad."] * 3000 + ["nr " + number + " slut", "1"])
    assert "811218-****" in _whole(text)
    assert mask_output(text) == _whole(text)


def test_indented_json_is_cut_at_every_line() -> None:
    text = dumps_indented({"files": [{"path": "a/811218-9876.txt", "line": 12, "score": 0.5, "ok": True}] * 50,
                           "summary": {"files": 50, "unreadable": 0}})  # fmt: skip
    assert len(mask_pieces(text)) == text.count("\n") + 1
    assert "811218-****" in mask_output(text) and "9876" not in mask_output(text)
