"""A rule pack that loaded once is remembered by its content, so later runs skip YAML and JSON Schema.

Composing the YAML, validating it against the rule-pack schema and walking it for values the schema
cannot see were, with the YAML library's import, a tenth of a one-off check; they give the same
answer for the same text every time. What a successful load found (the pack's data and the line
of each rule) is kept as JSON in ``known-packs/`` under the default cache directory, in a file named
for the hash of the pack's text, the schema and this format. Only packs that loaded without error
are kept; an entry whose checksum does not match its contents is ignored and written again; an
unwritable cache only means reading the YAML every time. Nothing from any report is kept here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..cache_dir import default_cache_dir
from ..schema import rulepack_schema

FORMAT = 1  # bump when what is remembered, or how a pack is checked before it is, changes


def entry_path(text: str) -> Path:
    schema = json.dumps(rulepack_schema(), sort_keys=True)
    key = hashlib.sha256(f"{FORMAT}\0{schema}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return default_cache_dir() / "known-packs" / f"{key}.json"


def _digest(data: Any, rule_lines: list[int]) -> str:
    body = json.dumps([data, rule_lines], sort_keys=True, ensure_ascii=True, allow_nan=False)
    return hashlib.sha256(body.encode("ascii")).hexdigest()


def recall(text: str) -> tuple[Any, list[int]] | None:
    """(data, line of each rule) of a pack with this text that loaded before, else None."""
    try:
        entry = json.loads(entry_path(text).read_bytes())
        data, rule_lines = entry["data"], entry["rule_lines"]
        if entry["digest"] != _digest(data, rule_lines):
            return None
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(rule_lines, list):
        return None
    if not isinstance(data.get("rules"), list) or len(rule_lines) != len(data["rules"]):
        return None
    return data, rule_lines


def remember(text: str, data: Any, rule_lines: list[int]) -> None:
    try:
        body = json.dumps({"data": data, "rule_lines": rule_lines, "digest": _digest(data, rule_lines)},
                          ensure_ascii=True, allow_nan=False)  # fmt: skip
        write_atomic(entry_path(text), body)
    except (OSError, ValueError, TypeError, RecursionError):
        pass  # not JSON (a YAML date, say) or a read-only cache: read the YAML next time too
