"""Numbers in untrusted OOXML attributes: ASCII digits, bounded length and value, else a default.

``str.isdigit()`` accepts "²" and ``int()`` then raises, ``int()`` refuses 5 000-digit strings,
and an in-range-looking ``gridSpan`` of 10⁹ would allocate 10⁹ cells. Every integer attribute
goes through ``Values``: a value that is no number falls back to the default, one out of range
is clamped, and the document's warnings say how many of each were met (never the value itself:
attribute text is not echoed to the terminal).
"""

from __future__ import annotations

import re
from collections import Counter

_DECIMAL_RE = re.compile(r"([+-]?)([0-9]+)")
_HEX_RE = re.compile(r"[0-9A-Fa-f]{1,8}")
# ISO 29500 universal measures ("12pt", "1.27cm"): Strict documents write sizes and indents so.
_MEASURE_RE = re.compile(r"([+-]?[0-9]{1,9}(?:\.[0-9]{1,9})?)(mm|cm|in|pt|pc|pi)")
_POINTS_PER = {"mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pt": 1.0, "pc": 12.0, "pi": 12.0}
_XML_SPACE = " \t\r\n"


class Values:
    """Parses attribute values for one document and remembers what it had to repair."""

    def __init__(self) -> None:
        self.invalid: Counter[str] = Counter()
        self.clamped: Counter[str] = Counter()

    def number(
        self, raw: str | None, what: str, lo: int, hi: int, default: int, *, per_point: float | None = None
    ) -> int:
        """The integer in ``raw`` clamped to [lo, hi]; ``default`` when absent or not a number.

        ``per_point``: units per typographic point, to accept universal measures ("11pt" → 22).
        """
        got = self._parse(raw, what, lo, hi, per_point)
        return default if got is None else got

    def optional(
        self, raw: str | None, what: str, lo: int, hi: int, *, per_point: float | None = None
    ) -> int | None:
        return self._parse(raw, what, lo, hi, per_point)

    def hex(self, raw: str | None, what: str, hi: int) -> int | None:
        if raw is None:
            return None
        text = raw.strip(_XML_SPACE)
        if not _HEX_RE.fullmatch(text):
            self.invalid[what] += 1
            return None
        value = int(text, 16)
        if value > hi:
            self.clamped[what] += 1
            return None
        return value

    def warnings(self) -> list[str]:
        out = []
        for what, n in sorted(self.invalid.items()):
            what_is = (
                f"1 {what} value is not a whole number"
                if n == 1
                else f"{n:,} {what} values are not whole numbers"
            )
            out.append(f"{what_is}; the default was used")
        for what, n in sorted(self.clamped.items()):
            what_is = f"1 {what} value is" if n == 1 else f"{n:,} {what} values are"
            out.append(f"{what_is} out of range; the nearest allowed value was used")
        return out

    def _parse(self, raw: str | None, what: str, lo: int, hi: int, per_point: float | None) -> int | None:
        if raw is None:
            return None
        text = raw.strip(_XML_SPACE)
        m = _DECIMAL_RE.fullmatch(text)
        if m is not None:
            sign, digits = m.group(1), m.group(2).lstrip("0") or "0"
            # More than nine digits is out of any attribute's range; int() is never asked to read 5 000.
            if len(digits) > 9:
                return self._clamp(what, lo if sign == "-" else hi, lo, hi, force=True)
            return self._clamp(what, int(sign + digits), lo, hi)
        if per_point is not None and (u := _MEASURE_RE.fullmatch(text)) is not None:
            return self._clamp(what, round(float(u.group(1)) * _POINTS_PER[u.group(2)] * per_point), lo, hi)
        self.invalid[what] += 1
        return None

    def _clamp(self, what: str, value: int, lo: int, hi: int, *, force: bool = False) -> int:
        if force or not lo <= value <= hi:
            self.clamped[what] += 1
        return max(lo, min(value, hi))
