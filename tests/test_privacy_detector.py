"""Issue 10 item 5: a personnummer is found, and masked in full, whatever separator, invisible character or
digit form it is written with; figures and Luhn-invalid numbers are still left alone."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from luhn import luhn_digit as _luhn_digit

from kvcli.privacy import find_personnummer, mask_personnummer


@st.composite
def valid_pnr(draw: st.DrawFn) -> tuple[str, str, str]:
    """(century or "", YYMMDD, the last four) of a Luhn-valid personnummer or samordningsnummer."""
    year = draw(st.integers(1900, 2099))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28)) + (60 if draw(st.booleans()) else 0)
    date = f"{year % 100:02d}{month:02d}{day:02d}"
    serial = f"{draw(st.integers(0, 999)):03d}"
    century = str(year // 100) if draw(st.booleans()) else ""
    return century, date, serial + _luhn_digit(date + serial)


SEPARATORS = ["", "-", "+", " ", "\u2013", "\u2014", "\u2212", "\u2011", "\uff0d", "\u00a0", "\u2009", "\u202f",
              ".", "\u200b", "\u00ad", " \u2013 ", "\n", "\r\n"]  # fmt: skip
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
DIGIT_FORMS = [
    lambda d: d,
    lambda d: chr(0xFF10 + int(d)),  # full-width
    lambda d: chr(0x0660 + int(d)),  # Arabic-Indic
    lambda d: chr(0x0966 + int(d)),  # Devanagari
    lambda d: chr(0x1D7CE + int(d)),  # mathematical bold (beyond the BMP)
    lambda d: "⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)],  # superscripts: NFKC-equivalent, not \d
]


@st.composite
def written(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """A valid number as someone might type or paste it: any separator, invisibles between any digits,
    any mix of digit forms."""
    century, date, last = draw(valid_pnr())
    digits = century + date + last
    out = []
    for i, d in enumerate(digits):
        out.append(draw(st.sampled_from(DIGIT_FORMS))(d))
        if i == len(century) + 5:
            out.append(draw(st.sampled_from(SEPARATORS)))
        if i < len(digits) - 1:
            out.append("".join(draw(st.lists(st.sampled_from(INVISIBLES), max_size=3))))
    return century, date, last, "".join(out)


PREFIXES = st.sampled_from(["", "Brukaren ", "(", "nr: ", "\t", "rapport_"])
SUFFIXES = st.sampled_from(["", " klagade.", ")", ".txt", ", 3 ärenden", "\t3", "\n12", " 5"])


@settings(max_examples=400, deadline=None)
@given(written(), PREFIXES, SUFFIXES)
def test_item5_any_separator_invisible_or_digit_form_is_found_and_fully_masked(
    pnr: tuple[str, str, str, str], pre: str, post: str
) -> None:
    century, date, _last, number = pnr
    text = pre + number + post
    hits = find_personnummer(text)
    assert [(h[0], h[1]) for h in hits] == [(len(pre), len(pre) + len(number))], repr(text)
    # The whole original span is replaced: no digit of the last four, no invisible left between them.
    assert mask_personnummer(text) == f"{pre}{century}{date}-****{post}", repr(text)


@settings(max_examples=200, deadline=None)
@given(written(), PREFIXES, SUFFIXES, st.booleans())
def test_item5_masking_serialised_json_equals_masking_the_text(
    pnr: tuple[str, str, str, str], pre: str, post: str, ascii_only: bool
) -> None:
    """The last-step mask of a JSON writer sees escapes (\\u2013, \\n, \\u200b, \\uff18) instead of the
    characters: it must mask the same numbers, and keep the JSON valid."""
    text = pre + pnr[3] + post
    masked = mask_personnummer(json.dumps({"label": text}, ensure_ascii=ascii_only))
    assert json.loads(masked) == {"label": mask_personnummer(text)}
    assert "-****" in masked


@settings(max_examples=300, deadline=None)
@given(st.integers(1_000_000, 999_999_999_999), st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"]))
def test_item5_thousands_grouped_figures_are_not_personnummer(value: int, space: str) -> None:
    grouped = f"{value:,}".replace(",", space)  # "1 234 567 890", as Swedish reports print amounts
    assert find_personnummer(f"Kostnad {grouped} kr") == []


@settings(max_examples=300, deadline=None)
@given(valid_pnr(), st.integers(1, 9), st.sampled_from(SEPARATORS))
def test_item5_luhn_invalid_numbers_are_left_alone(pnr: tuple[str, str, str], delta: int, sep: str) -> None:
    century, date, last = pnr
    wrong = last[:3] + str((int(last[3]) + delta) % 10)
    text = f"Dnr {century}{date}{sep}{wrong}"
    assert find_personnummer(text) == [] and mask_personnummer(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("811218–9876", "811218-****"),  # the en dash
        ("811218\u20149876", "811218-****"),  # em dash
        ("811218\u22129876", "811218-****"),  # minus sign
        ("8\u200b1\u200c1\u200d2\u20601\ufeff8-9876", "811218-****"),
        ("８１１２１８－９８７６", "811218-****"),
        ("811218.9876", "811218-****"),
        ("811278-9873", "811278-****"),  # samordningsnummer: day + 60
        ("19811218\u00a09876", "19811218-****"),
        ("811218\udc969876.txt", "811218-****.txt"),  # a cp1252 en dash in a file name that is not UTF-8
        ("811218\\x969876.txt", "811218-****.txt"),  # the same name as kvcli's path escape shows it
        ("811218&#8211;9876", "811218-****"),  # an XML character reference
        ("Dnr 811218-9875", "Dnr 811218-9875"),  # Luhn-invalid
        ("811318-9876", "811318-9876"),  # month 13
        ("5811218-9876", "5811218-9876"),  # part of a longer number
        ("811218-98765", "811218-98765"),
        ("1 234 567 890", "1 234 567 890"),
    ],
)
def test_item5_examples(text: str, masked: str) -> None:
    assert mask_personnummer(text) == masked


def test_item5_digests_are_not_masked() -> None:
    """A sha256 or salt in hex (the document's sha256, the index's keys) is not a personnummer, even where
    ten of its digits pass the checks: the final mask of a JSON writer must not corrupt it."""
    digests = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(20_000)]
    looks_like_one = [h for h in digests if re.search(r"(?<!\d)\d{10}(?!\d)", h)]
    assert looks_like_one  # the runs exist; they must survive
    assert all(mask_personnummer(f'"sha256": "{h}"') == f'"sha256": "{h}"' for h in digests)


def test_item5_an_escape_before_the_number_does_not_hide_it() -> None:
    # "\u2013" ends in hex digits: the number must still be found right after it, and the escape kept intact.
    assert mask_personnummer("x\\u20138112189876") == "x\\u2013811218-****"
