"""Use a printed table of contents to find and level the real headings.

The TOC itself never becomes sections. Its entries are matched, in order, to body
paragraphs; a match is promoted to a heading. Matching is tolerant: TOC entries are
often truncated ("… samt spårbarhet..."), and titles get typos fixed in one place only.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..readers.blocks import Block

MATCH_THRESHOLD = 88.0
_MAX_HEADING_CHARS = 200


def norm_title(s: str) -> str:
    s = s.casefold()
    s = re.sub(r"^\s*(\d+(\.\d+)*\.?|[ivx]+\.)\s+", "", s)  # "2.1 Avvikelser" ~ "Avvikelser"
    s = re.sub(r"[.…]+$", "", s)
    s = re.sub(r"[^\w%()/?-]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def title_score(toc_title: str, candidate: str) -> float:
    a, b = norm_title(toc_title), norm_title(candidate)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if len(b) > _MAX_HEADING_CHARS:
        return 0.0
    score = fuzz.ratio(a, b)
    # A truncated TOC entry matches the start of the heading.
    if len(a) >= 12 and b.startswith(a):
        score = max(score, 95.0)
    return float(score)


def apply_toc(blocks: list[Block]) -> list[str]:
    """Promote body paragraphs that match TOC entries to headings. Returns warnings."""
    entries = [b for b in blocks if b.kind == "toc_entry"]
    if not entries:
        return []
    warnings: list[str] = []
    last_toc = max(i for i, b in enumerate(blocks) if b.kind in ("toc_entry", "toc_title"))
    body = list(range(last_toc + 1, len(blocks)))
    pos = 0
    for entry in entries:
        found = _find(blocks, body, pos, entry.text)
        if found is None:
            warnings.append(f"TOC entry '{entry.text}' has no matching heading in the body")
            continue
        k, idx = found
        b = blocks[idx]
        if b.kind != "heading":
            b.kind = "heading"
            b.heading_source = "toc"
            b.level = entry.level
        elif b.level is None:
            b.level = entry.level
        pos = k + 1
    return warnings


def _find(blocks: list[Block], body: list[int], start: int, title: str) -> tuple[int, int] | None:
    # Look ahead a bounded window first (headings come in TOC order), then the rest.
    best: tuple[float, int, int] | None = None
    for k in range(start, len(body)):
        b = blocks[body[k]]
        if b.kind not in ("paragraph", "heading", "caption"):
            continue
        s = title_score(title, b.text)
        if s >= 99.5:
            return k, body[k]
        if s >= MATCH_THRESHOLD and (best is None or s > best[0]):
            best = (s, k, body[k])
        if best is not None and k - best[1] > 40:
            break
    if best is None:
        return None
    return best[1], best[2]
