"""The per-file task every executor runs (locally or on Dask workers): path in, record out, never raises."""

from __future__ import annotations

import hashlib
import os
import resource
import stat
import time
import traceback
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import InputError, KvcliError
from ..limits import DEFAULT_LIMITS
from ..privacy import mask_personnummer
from . import faults
from .cache import Cache


@dataclass
class TaskOptions:
    task: str = "check"  # "parse" | "check" | "index" (both)
    config: dict[str, Any] = field(default_factory=dict)  # CheckConfig fields
    cache_dir: str | None = None
    max_file_size: int = DEFAULT_LIMITS.max_file_size  # bytes; see --max-file-size


def run_task(path: str, opts: TaskOptions) -> dict[str, Any]:
    """Parse (and check) one file. Errors become ``{"error": reason}``; the record is JSON-safe and masked."""
    t0 = time.perf_counter()
    record: dict[str, Any] = {"path": path, "error": None, "cached": False}
    try:
        faults.inject(path)
        record.update(_run(path, opts))
    except InputError as exc:
        record["error"] = exc.reason
    except KvcliError as exc:
        record["error"] = str(exc)
    except MemoryError:
        record["error"] = "ran out of memory while parsing (over the worker's memory limit?)"
    except Exception as exc:  # a reader bug must not end the batch
        record["error"] = f"unexpected error ({type(exc).__name__}: {exc}); please report it"
        record["traceback"] = traceback.format_exc(limit=5)
    record["seconds"] = round(time.perf_counter() - t0, 4)
    record["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if record["error"]:
        record["error"] = mask_personnummer(record["error"])
    return record


def preload() -> None:
    """Import the readers and checks up front, so a file's time limit is not spent importing Python modules."""
    from .. import api, checks, config  # noqa: F401
    from ..readers import docx, pdf, text  # noqa: F401


def cache_key(path: str, opts: TaskOptions) -> str:
    """The cache key of this file's result under these options; '' if the file cannot be read."""
    from ..checks import packs_for
    from ..config import CheckConfig

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > opts.max_file_size:
            # Not worth hashing (refused by parse), or not safe: reading a FIFO here would block the
            # whole run outside any worker's time limit.
            return ""
        h = hashlib.sha256()
        with open(path, "rb") as fh:  # read-only; the content hash is the key
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        sha = h.hexdigest()
    except OSError:
        return ""
    rules_hash = ""
    if opts.task in ("check", "index"):
        cfg = CheckConfig(**opts.config)
        rules_hash = "|".join(p.sha256 for p in packs_for(cfg)) + repr(sorted(opts.config.items()))
    return Cache.key(sha, opts.task, rules_hash)


def cached_record(path: str, opts: TaskOptions) -> dict[str, Any] | None:
    """The finished record from the cache, or None: lets a re-run skip the workers entirely."""
    if opts.cache_dir is None:
        return None
    key = cache_key(path, opts)
    hit = Cache(opts.cache_dir).get(opts.task, key) if key else None
    if hit is None:
        return None
    hit.pop("_key", None)
    # Same content under another name: the cached result speaks of this path.
    if "document" in hit:
        hit["document"]["source"]["path"] = path
    if "report" in hit:
        hit["report"]["path"] = path
    return {"path": path, "error": None, **hit, "cached": True}


def _run(path: str, opts: TaskOptions) -> dict[str, Any]:
    from ..api import parse
    from ..checks import check_document
    from ..config import CheckConfig

    hit = cached_record(path, opts)
    if hit is not None:
        return hit
    doc = parse(path, replace(DEFAULT_LIMITS, max_file_size=opts.max_file_size))
    out: dict[str, Any] = {"document": doc.to_dict()}
    if opts.task in ("check", "index"):
        report = check_document(doc, CheckConfig(**opts.config))
        out["report"] = report.to_dict()
        if opts.task == "check":
            del out["document"]  # a check run needs the findings, not the whole document
    key = cache_key(path, opts) if opts.cache_dir else ""
    if key:
        Cache(opts.cache_dir).put(opts.task, key, out)
    return out
