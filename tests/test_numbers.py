"""Swedish number parsing: examples, and properties (hypothesis) for round-trips and robustness."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kvcli.numbers import find_numbers, is_ambiguous, is_year, parse_number, split_number_run

EXAMPLES = [
    ("11 893", 11893, None),
    ("11 984,2", 11984.2, None),
    ("-91,2", -91.2, None),
    ("\u221291,2", -91.2, None),
    ("\u201391,2", -91.2, None),
    ("5,53 %", 5.53, "%"),
    ("33,3", 33.3, None),
    ("0,3", 0.3, None),
    ("1\u00a0391", 1391, None),
    ("11\u2009893", 11893, None),
    ("1\u202f391", 1391, None),
    ("8.59", 8.59, None),
    ("1.234.567", 1234567, None),
    ("12 tkr", 12, "tkr"),
    ("3 st", 3, "st"),
    ("45 dagar", 45, "dagar"),
    ("12%", 12, "%"),
    ("12 procent", 12, "%"),
    ("+12", 12, None),
    ("151020", 151020, None),
]


@pytest.mark.parametrize("text,value,unit", EXAMPLES)
def test_examples(text: str, value: float, unit: str | None) -> None:
    n = parse_number(text)
    assert n is not None and n.value == pytest.approx(value) and n.unit == unit


@pytest.mark.parametrize("text", ["", "-", "–", "x", "2014-04-15", "2011-2013", "SOSFS 2011:9", "3:e", "12 städer",
                                  "1,5,3", "0 800", "1.234", "ja"])  # fmt: skip
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_ambiguous_thousands_or_decimal_is_not_guessed() -> None:
    assert is_ambiguous("1.234") and parse_number("1.234") is None
    assert not is_ambiguous("1.23") and not is_ambiguous("1 234")


def test_years() -> None:
    assert is_year("2013") == 2013 and is_year(" 2016 ") == 2016
    assert is_year("2014-2015") is None and is_year("1850") is None and is_year("År 2013") is None


def test_split_runs_from_flattened_tables() -> None:
    def values(s: str, n: int) -> list[float] | None:
        r = split_number_run(s, n)
        return None if r is None else [x.value for x in r]

    assert values("94 049 87 751", 2) == [94049, 87751]
    assert values("5,53 % 5,37 %", 2) == [5.53, 5.37]
    assert values("554 568", 2) == [554, 568]
    assert values("1 349 1 641", 2) == [1349, 1641]
    assert values("1391 611 1594 753", 2) is None  # four numbers do not fit two columns uniquely
    assert values("12 345 678", 2) is None  # 12|345 678 or 12 345|678: ambiguous, not guessed


def swedish(value: int, decimals: int, sep: str, minus: str) -> str:
    """Format like a Swedish report: grouped thousands, decimal comma."""
    whole, frac = divmod(abs(value), 10**decimals)
    grouped = f"{whole:,}".replace(",", sep)
    text = grouped + (f",{frac:0{decimals}d}" if decimals else "")
    return (minus if value < 0 else "") + text


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=3),
    st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"]),
    st.sampled_from(["-", "\u2212"]),
    st.sampled_from(["", " %", " tkr", " st", " dagar"]),
)
def test_round_trip(value: int, decimals: int, sep: str, minus: str, unit: str) -> None:
    text = swedish(value, decimals, sep, minus) + unit
    n = parse_number(text)
    assert n is not None, text
    assert n.value == pytest.approx(value / 10**decimals)
    assert (n.unit or "") == unit.strip()


@given(st.text(max_size=60))
def test_parse_number_never_raises(text: str) -> None:
    n = parse_number(text)
    assert n is None or isinstance(n.value, float)


@given(st.text(max_size=300))
def test_find_numbers_spans_within_text(text: str) -> None:
    for start, end, _ in find_numbers(text):
        assert 0 <= start < end <= len(text)
        assert parse_number(text[start:end]) is not None


@given(st.lists(st.integers(min_value=1, max_value=999), min_size=1, max_size=4))
def test_split_of_small_numbers_is_unique(values: list[int]) -> None:
    # Numbers below 1000 written without grouping: each token is one number, so the split is unique
    # unless a three-digit token could continue the previous one as a thousands group.
    text = " ".join(str(v) for v in values)
    result = split_number_run(text, len(values))
    could_group = any(len(str(v)) == 3 for v in values[1:])
    if not could_group:
        assert result is not None and [x.value for x in result] == values
