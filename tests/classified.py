"""A reader's blocks with structure's decisions made (headings, TOC, captions, plain-text tables).

Readers only hand up evidence now; reader tests judge what a file *is* through this, so they test
the reader and the decisions made from its evidence together, without sections or TOC matching.
"""

from __future__ import annotations

import os
from dataclasses import replace

from kvcli.limits import DEFAULT_LIMITS, Limits
from kvcli.readers import ReadResult
from kvcli.readers import read as read_evidence
from kvcli.structure import classify_blocks


def read(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    rr = read_evidence(path, limits)
    return replace(rr, blocks=classify_blocks(rr))
