"""Swedish numbers, the one parser the whole project uses.

Swedish reports write "11 893" (space, NBSP or thin space groups thousands), "11 984,2"
(decimal comma), "−91,2" (U+2212 minus), "5,53 %". Survey scores are often exported
with a decimal point ("8.59"). "1.234" could be either a thousands group or a decimal
and is never guessed: ``parse_number`` returns None and ``is_ambiguous`` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MINUS = "\\-\u2212\u2013\u2012"  # hyphen-minus (escaped for [...]), minus sign, en dash, figure dash
_SPACES = " \u00a0\u202f\u2009\u2007"

UNITS = {
    "%": "%", "procent": "%",
    "tkr": "tkr", "mkr": "mkr", "kr": "kr", "kronor": "kr", "sek": "kr",
    "st": "st", "stycken": "st", "stk": "st",
    "dagar": "dagar", "dgr": "dagar", "dag": "dagar", "dygn": "dygn",
    "veckor": "veckor", "v": "veckor",
    "månader": "månader", "mån": "månader",
    "år": "år",
    "timmar": "timmar", "tim": "timmar", "h": "timmar",
    "personer": "personer", "pers": "personer",
}  # fmt: skip
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_SP = f"[{_SPACES}]"
_SIGN = f"[+{_MINUS}]"
# A number: grouped thousands with spaces, dots (2+ groups) or plain digits, optional decimal part.
_NUM = (
    rf"(?P<sign>{_SIGN})?{_SP}?"
    rf"(?P<int>[1-9]\d{{0,2}}(?:{_SP}\d{{3}})+|[1-9]\d{{0,2}}(?:\.\d{{3}}){{2,}}|\d+)"
    rf"(?P<dec>[,.]\d+)?"
)
_WHOLE_RE = re.compile(rf"^\s*{_NUM}(?:{_SP}*(?P<unit>{_UNIT_ALT})(?![\w]))?\s*$", re.I)
_AMBIGUOUS_RE = re.compile(rf"^\s*{_SIGN}?\d{{1,3}}\.\d{{3}}\s*(?:{_SP}*(?:{_UNIT_ALT}))?\s*$", re.I)
_YEAR_RE = re.compile(r"^\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Num:
    value: float
    unit: str | None
    raw: str


def _to_float(m: re.Match[str]) -> float:
    digits = re.sub(rf"[{_SPACES}.]", "", m.group("int"))
    dec = m.group("dec")
    text = digits + ("." + dec[1:] if dec else "")
    value = float(text)
    return -value if m.group("sign") and m.group("sign") != "+" else value


def parse_number(text: str) -> Num | None:
    """Parse a whole cell as one number with an optional unit; None if it is not exactly that."""
    if not text or len(text) > 40 or is_ambiguous(text):
        return None
    m = _WHOLE_RE.match(text)
    if not m:
        return None
    dec = m.group("dec")
    if dec and dec[0] == "." and "." in m.group("int"):
        return None  # "1.234.567.8": dots cannot be both grouping and decimal
    if dec and dec[0] == "," and m.group("int") != m.group("int").replace(",", ""):
        return None
    unit = m.group("unit")
    return Num(value=_to_float(m), unit=UNITS[unit.lower()] if unit else None, raw=text)


def is_ambiguous(text: str) -> bool:
    """ "1.234": a thousands separator or a decimal point? Only the writer knows."""
    return bool(_AMBIGUOUS_RE.match(text or ""))


def is_year(text: str, lo: int = 1990, hi: int = 2035) -> int | None:
    m = _YEAR_RE.match(text or "")
    if m and lo <= int(m.group(1)) <= hi:
        return int(m.group(1))
    return None


_TOKEN_RE = re.compile(rf"[^{_SPACES}]+")
_GROUP_RE = re.compile(r"^\d{3}$")
_LEAD_RE = re.compile(rf"^{_SIGN}?(?:0|[1-9]\d{{0,2}})$")
_SIMPLE_RE = re.compile(rf"^{_SIGN}?\d+(?:[,.]\d+)?%?$")


def split_number_run(tokens_text: str, n: int) -> list[Num] | None:
    """Split "94 049 87 751" into exactly ``n`` numbers, or None when the split is not unique.

    Flattened tables lose their column gaps, so "554 568" may be one number or two. A
    number's first group has 1-3 digits (no leading zero), each following group exactly 3;
    a unit ("%") closes a number. Only a unique split is returned.
    """
    tokens = _TOKEN_RE.findall(tokens_text)
    if not tokens or n <= 0:
        return None
    solutions: list[list[Num]] = []
    _split(tokens, 0, n, [], solutions)
    if len(solutions) != 1:
        return None
    return solutions[0]


def _split(tokens: list[str], i: int, n: int, acc: list[Num], out: list[list[Num]]) -> None:
    if len(out) > 1:
        return
    if i == len(tokens):
        if len(acc) == n:
            out.append(list(acc))
        return
    if len(acc) >= n:
        return
    for j in range(i + 1, len(tokens) + 1):
        piece = tokens[i:j]
        unit = None
        if len(piece) > 1 and piece[-1].lower() in UNITS:
            unit, piece = piece[-1], piece[:-1]
        if not _valid_number_tokens(piece):
            if j > i + 1 and unit is None:
                break
            continue
        num = parse_number(" ".join(piece) + (f" {unit}" if unit else ""))
        if num is None:
            continue
        acc.append(num)
        _split(tokens, j, n, acc, out)
        acc.pop()


def _valid_number_tokens(piece: list[str]) -> bool:
    if len(piece) == 1:
        return bool(_SIMPLE_RE.match(piece[0])) or parse_number(piece[0]) is not None
    head, *groups = piece
    if not _LEAD_RE.match(head):
        return False
    *middle, last = groups
    if not all(_GROUP_RE.match(g) for g in middle):
        return False
    return bool(re.match(r"^\d{3}(?:,\d+)?%?$", last))


_FIND_RE = re.compile(
    rf"(?<![\w,.]){_NUM}(?:{_SP}*(?P<unit>{_UNIT_ALT})(?!\w))?(?![\w])",
    re.I,
)


def find_numbers(text: str) -> list[tuple[int, int, Num]]:
    """Every number (with its unit) in free text, as (start, end, Num). Years are not glued to neighbours."""
    out: list[tuple[int, int, Num]] = []
    pos = 0
    while True:
        m = _FIND_RE.search(text, pos)
        if not m:
            return out
        start, end = m.start(), m.end()
        raw = m.group(0)
        num = parse_number(raw)
        if num is not None:
            out.append((start, end, num))
        pos = max(end, start + 1)


def format_number(value: float, unit: str | None = None, *, lang: str = "sv", typeset: bool = False) -> str:
    """A number as a Swedish (or English) reader writes it: "1 650", "5,53 %", "-9,1"; "1,650", "5.53 %".

    At most two decimals, trailing zeros dropped. ``typeset`` (for HTML) joins the digit groups and the
    unit with no-break spaces, so a number never wraps, and writes the minus sign as U+2212.
    """
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    space = "\u00a0" if typeset else " "
    if lang == "sv":
        text = text.replace(",", space).replace(".", ",")
        if typeset:
            text = text.replace("-", "\u2212")
    return f"{text}{space}{unit}" if unit else text
