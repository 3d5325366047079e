"""What a cache entry of each task holds, and whether one read back from disk is sound.

The cache directory is outside kvcli's control (another user, a sync tool, a full disk, an older
kvcli): an entry is trusted only when it has exactly the shape ``tasks._run`` writes and conforms
strictly to the shipped schemas. Anything else is a miss and is rebuilt, never an error.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..schema import check_schema, document_schema
from .strict_schema import Check
from .strict_source import compile_source

# What each task stores; the cache key includes the task, so the shapes never mix.
PARTS: dict[str, frozenset[str]] = {
    "parse": frozenset({"document"}),
    "check": frozenset({"report"}),
    "index": frozenset({"document", "report"}),
}


@cache
def _document() -> Check:
    return compile_source(document_schema())


@cache
def _report() -> Check:
    # A stored report is one entry of the check output's "files" (FileReport.to_dict).
    return compile_source(check_schema()["properties"]["files"]["items"])


def valid_entry(task: str, entry: dict[str, Any], content_sha: str) -> bool:
    """True when ``entry`` (its ``_key`` already matched) can stand in for parsing the file again."""
    parts = PARTS.get(task)
    if parts is None or entry.keys() != parts | {"_key"}:
        return False
    if "document" in parts:
        doc = entry["document"]
        # The sha256 check also catches an entry copied over from another file's key.
        if not _document()(doc) or doc["source"]["sha256"] != content_sha:
            return False
    if "report" in parts:
        report = entry["report"]
        if not _report()(report) or report["error"] is not None:  # failures are never cached
            return False
    return True
