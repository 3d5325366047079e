"""Failure classes already filed and being fixed, so a campaign tells new bugs from known ones.

Each entry names the issue item that fixes it, or says it is not filed yet. Delete an entry
when its fix lands: the smoke test and the regression inputs then hold the line for that class
like for any other.
"""

from __future__ import annotations

import re

KNOWN_OPEN: list[tuple[str, str, str]] = [
    # (signature pattern, detail pattern, issue item)
]  # fmt: skip


def known_issue(signature: str, detail: str = "") -> str | None:
    for sig_re, detail_re, issue in KNOWN_OPEN:
        if re.search(sig_re, signature) and re.search(detail_re, detail):
            return issue
    return None
