"""Personnummer (Swedish personal identity numbers): find them, and never print them in clear.

A published report must not contain one; when it does, kvcli reports it masked as
``YYMMDD-****`` in every output. Only Luhn-valid numbers with a plausible date count,
so table figures such as "1 234 567 890" are not flagged.
"""

from __future__ import annotations

import re

# YYMMDD-NNNN, YYYYMMDD-NNNN, YYMMDD+NNNN (100+ years), or the ten/twelve digits run together.
_PNR_RE = re.compile(r"(?<!\d)(?P<c>19|20)?(?P<d>\d{6})(?P<sep>[-+ ]?)(?P<n>\d{4})(?!\d)")


def _luhn_ok(ten: str) -> bool:
    total = 0
    for i, ch in enumerate(ten):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _date_ok(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:  # samordningsnummer add 60 to the day
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def find_personnummer(text: str) -> list[tuple[int, int, str]]:
    """(start, end, masked) for every Luhn-valid personnummer/samordningsnummer in ``text``."""
    found = []
    for m in _PNR_RE.finditer(text):
        d, n = m.group("d"), m.group("n")
        if not m.group("sep") and not m.group("c") and m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        if _date_ok(d) and _luhn_ok(d + n):
            found.append((m.start(), m.end(), f"{m.group('c') or ''}{d}-****"))
    return found


def mask_personnummer(text: str) -> str:
    hits = find_personnummer(text)
    if not hits:
        return text
    out, last = [], 0
    for start, end, masked in hits:
        out.append(text[last:start])
        out.append(masked)
        last = end
    out.append(text[last:])
    return "".join(out)
