"""Give levels to headings whose format did not say (flat TOCs, plain-text headings).

Cues, strongest first: a heading followed directly by another heading, with no body
between, is a parent of the next one ("Systematiskt förbättringsarbete" → "Riskanalys");
a title that recurs in the document ("Uppföljningsbara mål" under each perspective) is
a leaf under something, never a chapter; otherwise a heading is a sibling of the one
before it. A parent with no body of its own opens a new chapter at level 1.
"""

from __future__ import annotations

import re
from collections import Counter

from ..readers.blocks import Block
from .toc import norm_title
from .vocabulary import key

# Opening chapters hold prose, never the statistics chapters that follow them.
_INTRO = {"sammanfattning", "inledning", "förord", "inledande ord", "bakgrund", "bakgrund och syfte", "syfte"}

MAX_LEVEL = 6
# Headings named after the statistics under them: "Antal hushåll … 2011-2013 (procapita)".
_DATA_HEADING_RE = re.compile(
    r"\b(19|20)\d\d\s*[-–]\s*(19|20)\d\d\b|\b(19|20)\d\d\s*(\([^)]*\))?$|\)$|^(antal|andel)\b", re.I
)


def is_data_heading(title: str) -> bool:
    return bool(_DATA_HEADING_RE.search(title.strip()))


def infer_levels(blocks: list[Block]) -> None:
    idx = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if not idx or all(blocks[i].level is not None for i in idx):
        return
    counts = Counter(norm_title(blocks[i].text) for i in idx)
    has_body = {}
    data = {}
    for n, i in enumerate(idx):
        end = idx[n + 1] if n + 1 < len(idx) else len(blocks)
        has_body[i] = any(blocks[j].kind != "heading" for j in range(i + 1, end))
        # A section that holds a table, or is named like one, reports statistics.
        data[i] = is_data_heading(blocks[i].text) or any(blocks[j].kind == "table" for j in range(i + 1, end))
    # data_after[n]: how many data headings follow heading n without a break (counted once, backwards).
    data_after = [0] * len(idx)
    for n in range(len(idx) - 2, -1, -1):
        data_after[n] = data_after[n + 1] + 1 if data[idx[n + 1]] else 0
    prev_level = 0
    prev: int | None = None
    for n, i in enumerate(idx):
        b = blocks[i]
        if b.level is not None:
            prev_level, prev = b.level, i
            continue
        repeated = counts[norm_title(b.text)] > 1
        prev_repeated = prev is not None and counts[norm_title(blocks[prev].text)] > 1
        intro = key(b.text) in _INTRO
        data_children = 0 if intro else data_after[n]
        if prev is not None and key(blocks[prev].text) in _INTRO and has_body[prev]:
            level = prev_level  # the chapter after the introduction is its sibling
        elif prev is not None and not has_body[prev] and not prev_repeated:
            level = min(prev_level + 1, MAX_LEVEL)
        elif not repeated and not data[i] and (not has_body[i] or data_children >= 2):
            level = 1  # a parent without body of its own, or over a run of statistics, starts a chapter
        elif repeated:
            level = max(prev_level, 2)
        elif data[i] and prev is not None and not data[prev] and prev_level == 1:
            level = 2  # statistics directly under a chapter heading
        elif data[i]:
            level = max(prev_level, 1)
        elif prev is not None and data[prev] and not data[i]:
            level = max(1, prev_level - 1)  # back from the statistics to the chapter's level
        elif prev_repeated:
            level = max(1, prev_level - 1)  # a recurring closing subsection ends its chapter
        else:
            level = max(prev_level, 1)
        b.level = level
        prev_level, prev = level, i
