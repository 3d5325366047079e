"""Use a printed table of contents to find and level the real headings.

The TOC itself never becomes sections. Its entries are matched, in order, to body
paragraphs; a match is promoted to a heading. Matching is tolerant: TOC entries are
often truncated ("… samt spårbarhet..."), and titles get typos fixed in one place only.
"""

from __future__ import annotations

import re
from bisect import bisect_left

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
    body = _Body(blocks, last_toc + 1)
    pos = 0
    for entry in entries:
        found = body.find(pos, entry.text)
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
    if body.budget < 0:
        warnings.append(
            f"table of contents too long to match loosely: after {_FUZZY_BUDGET:,} comparisons, "
            "entries were matched to headings by exact title only"
        )
    return warnings


# Loose matching compares an entry with every paragraph after the last match: entries × paragraphs.
# A real report needs well under 100 000 comparisons; past the budget, exact titles still match.
_FUZZY_BUDGET = 2_000_000


class _Body:
    """Body paragraphs that can be headings, normalised once, with an index of exact titles."""

    def __init__(self, blocks: list[Block], first: int) -> None:
        self.ks: list[int] = []  # positions in the body (block index - first) of candidates
        self.norms: list[str] = []
        self.exact: dict[str, list[int]] = {}
        self.first = first
        self.budget = _FUZZY_BUDGET
        for k, b in enumerate(blocks[first:]):
            if b.kind not in ("paragraph", "heading", "caption"):
                continue
            norm = norm_title(b.text)
            if not norm:
                continue  # scores 0 against anything
            self.exact.setdefault(norm, []).append(len(self.ks))
            self.ks.append(k)
            self.norms.append(norm)

    def find(self, start: int, title: str) -> tuple[int, int] | None:
        """(body position, block index) of the heading for ``title`` at or after body position ``start``."""
        a = norm_title(title)
        if not a:
            return None
        c0 = bisect_left(self.ks, start)
        hits = self.exact.get(a, [])
        h = bisect_left(hits, c0)
        exact = hits[h] if h < len(hits) else None
        # Look ahead from the last match (headings come in TOC order); stop 40 paragraphs past the best
        # loose match, or at an exact one.
        best: tuple[float, int] | None = None
        for c in range(c0, len(self.ks)):
            if c == exact:
                return self._at(c)
            if self.budget <= 0:
                self.budget = -1
                break
            self.budget -= 1
            score = self._score(a, self.norms[c])
            if score >= 99.5:
                return self._at(c)
            if score >= MATCH_THRESHOLD and (best is None or score > best[0]):
                best = (score, c)
            if best is not None and self.ks[c] - self.ks[best[1]] > 40:
                break
        if best is not None:
            return self._at(best[1])
        return self._at(exact) if exact is not None else None

    def _at(self, c: int) -> tuple[int, int]:
        return self.ks[c], self.first + self.ks[c]

    @staticmethod
    def _score(a: str, b: str) -> float:
        if len(b) > _MAX_HEADING_CHARS:
            return 0.0
        score = fuzz.ratio(a, b)
        if len(a) >= 12 and b.startswith(a):
            score = max(score, 95.0)
        return float(score)
