"""Known findings: accept what a report archive has today and fail only on what is new.

A baseline entry is keyed on what a writer would call "the same problem": the rule, the file, the
section path and the finding's evidence (the question, the prompt, the table, the concept …),
normalised — never on line or page numbers, so editing a report above a known finding, or moving
paragraphs about, does not bring it back. The same key may occur several times (two identical
unanswered questions in one section): entries carry a count and are matched as a multiset.

Paths are stored relative to the baseline file's folder when they are under it (a baseline at the
root of a repository of reports then works from any checkout), else absolute.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..atomic import write_atomic
from ..errors import UsageError
from ..privacy import mask_personnummer
from ..small_files import SmallFileError, read_small_file
from .model import FileReport, Finding

BASELINE_SCHEMA_ID = "kvcli.baseline/1"
MAX_BASELINE_BYTES = 64 * 1024 * 1024

Key = tuple[str, str, str, str]  # code, path, section path, evidence


@dataclass
class BaselineResult:
    """What a baseline did to a run: findings it hid, and entries it holds that no longer occur."""

    path: str
    known: int = 0
    stale: list[dict[str, Any]] = field(default_factory=list)


def normalise(text: str) -> str:
    """Case, spacing and the punctuation around a quote do not make a finding new."""
    return " ".join(re.sub(r"[\s\"'’”“:;.,!?…–—-]+", " ", text.casefold()).split())


def file_key(path: str, base_dir: str) -> str:
    full = os.path.abspath(path)
    rel = os.path.relpath(full, os.path.abspath(base_dir))
    return (full if rel.startswith("..") else rel).replace(os.sep, "/")


def finding_key(f: Finding, path: str, base_dir: str) -> Key:
    evidence = f.evidence or f.message  # a pack's own rule may not say what its evidence is
    return (f.code, file_key(path, base_dir), normalise(" › ".join(f.section_path)), normalise(evidence))


def build(reports: list[FileReport], base_dir: str) -> dict[str, Any]:
    counts: Counter[Key] = Counter(
        finding_key(f, r.path, base_dir) for r in reports if not r.error for f in r.findings
    )
    entries = [{"code": k[0], "path": k[1], "section": k[2], "evidence": mask_personnummer(k[3]), "count": n}
               for k, n in sorted(counts.items())]  # fmt: skip
    return {"schema": BASELINE_SCHEMA_ID, "findings": entries}


def write(reports: list[FileReport], path: str) -> int:
    """Write every finding of ``reports`` as the baseline at ``path`` (atomically); returns how many."""
    data = build(reports, os.path.dirname(os.path.abspath(path)))
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return sum(e["count"] for e in data["findings"])


def read(path: str) -> Counter[Key]:
    """The baseline's entries; a file that is not a kvcli baseline is a usage error naming it."""
    try:
        raw = read_small_file(path, MAX_BASELINE_BYTES, "baseline")
    except SmallFileError as exc:
        raise UsageError(f"--baseline {path}: {exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise UsageError(f"--baseline {path}: not a kvcli baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA_ID or not isinstance(data.get("findings"), list):
        raise UsageError(f"--baseline {path}: not a kvcli baseline (no \"schema\": \"{BASELINE_SCHEMA_ID}\"); "
                         "write one with --write-baseline")  # fmt: skip
    out: Counter[Key] = Counter()
    for e in data["findings"]:
        try:
            key = (str(e["code"]), str(e["path"]), str(e["section"]), str(e["evidence"]))
            count = int(e.get("count", 1))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise UsageError(f"--baseline {path}: an entry lacks code, path, section or evidence: {str(e)[:120]}") from None
        out[key] += max(count, 0)
    return out


def apply(reports: list[FileReport], path: str) -> BaselineResult:
    """Drop the findings the baseline knows (in place); report entries for the files checked that
    matched nothing (fixed, or changed beyond recognition: refresh with --write-baseline)."""
    known = read(path)
    base_dir = os.path.dirname(os.path.abspath(path))
    result = BaselineResult(path=path)
    checked = set()
    for r in reports:
        if r.error:
            continue  # an unreadable file says nothing about its known findings
        checked.add(file_key(r.path, base_dir))
        kept = []
        for f in r.findings:
            key = finding_key(f, r.path, base_dir)
            if known[key] > 0:
                known[key] -= 1
                result.known += 1
            else:
                kept.append(f)
        r.findings = kept
    result.stale = [{"code": k[0], "path": k[1], "section": k[2], "evidence": k[3], "count": n}
                    for k, n in sorted(known.items()) if n > 0 and k[1] in checked]  # fmt: skip
    return result
