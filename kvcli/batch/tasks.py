"""The per-file task every executor runs (locally or on Dask workers): path in, record out, never raises."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import InputError, KvcliError
from ..limits import DEFAULT_LIMITS, Limits
from ..privacy import mask_personnummer
from ..readers import TEXT_EXTENSIONS
from . import faults
from .peak import peak_rss_kb

Inputs = Callable[[str], str]  # the reader's name -> the key's inputs (see run_inputs_once)

# What readers.read hands sniff_format; the key must see the head the reader will see.
_HEAD_BYTES = 8192


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
    record["maxrss_kb"] = peak_rss_kb()
    if record["error"]:
        record["error"] = mask_personnummer(record["error"])
    return record


def timed_out(path: str, timeout: float) -> dict[str, Any]:
    return {"path": path, "error": f"timed out after {timeout:g} s (--timeout); skipped"}


def preload(path: str | None = None, task: str | None = None) -> None:
    """Import the readers and checks up front, so a file's time limit is not spent importing Python modules.

    For one file, only the reader its name calls for: a one-off check of a .txt report need not pay
    150 ms for the PDF reader (a misnamed file imports its reader inside the task, which is all right);
    and the checks only for a task that checks: ``parse`` does not need them.
    """
    import importlib

    from .. import config, pipeline  # noqa: F401

    if task in (None, "check", "index"):
        from .. import checks  # noqa: F401

    wanted = ["docx", "pdf", "text"]
    if path is not None:
        suffix = os.path.splitext(path)[1].lower()
        if suffix in (".pdf", ".docx"):
            wanted = [suffix[1:]]
        elif suffix in TEXT_EXTENSIONS:
            wanted = ["text"]
    for name in wanted:
        importlib.import_module(f"kvcli.readers.{name}")


def cache_key(path: str, opts: TaskOptions) -> str:
    """The cache key of this file's result under these options; '' if the file cannot be read."""
    found = _content_key(path, opts)
    return found[0] if found else ""


def _content_key(path: str, opts: TaskOptions, inputs: Inputs | None = None) -> tuple[str, str] | None:
    """(cache key, sha256 of the content), or None when the file is not one to hash. ``inputs``: gives
    ``run_inputs(opts)``, when the caller keeps them for a run."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > opts.max_file_size:
            # Not worth hashing (refused by parse), or not safe: reading a FIFO here would block the
            # whole run outside any worker's time limit.
            return None
        h = hashlib.sha256()
        with open(path, "rb") as fh:  # read-only; the content hash is the key
            head = fh.read(_HEAD_BYTES)
            h.update(head)
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    sha = h.hexdigest()
    from .cache import Cache  # here, not at import: a --no-cache run never opens the cache

    return Cache.key(sha, _result_inputs(path, head, opts, inputs)), sha


def run_inputs(opts: TaskOptions) -> dict[str, Any]:
    """Everything besides the file that decides a result under ``opts``: the same for every file of a
    run, and the rule packs' hashes and options took a third of looking up an unchanged archive when
    worked out again for each file."""
    from ..checks import candidate_packs
    from ..checks.model import CHECK_SCHEMA_ID
    from ..config import CheckConfig
    from ..model import SCHEMA_ID

    inputs: dict[str, Any] = {
        "task": opts.task,
        "limits": asdict(_limits(opts)),
        "document_schema": SCHEMA_ID,
    }
    if opts.task in ("check", "index"):
        inputs["packs"] = [p.sha256 for p in candidate_packs(CheckConfig(**opts.config))]
        inputs["config"] = opts.config
        inputs["check_schema"] = CHECK_SCHEMA_ID
    return inputs


def run_inputs_once(opts: TaskOptions) -> Inputs:
    """What ``_result_inputs`` gives for each reader under ``opts``, worked out on first use and then the
    same again: one run's files share it."""
    fixed = functools.cache(functools.partial(run_inputs, opts))
    return functools.cache(lambda reader: _inputs_text(fixed(), reader))


def _result_inputs(path: str, head: bytes, opts: TaskOptions, inputs: Inputs | None = None) -> str:
    """Everything besides the content that decides the result, as one stable string.

    The reader is decided exactly as ``readers.read`` decides it, so the same bytes named .txt and
    .odt (or a renamed PDF) get their own entries, while renamed copies read the same way share one.
    """
    from ..readers import sniff_format

    reader = sniff_format(head, Path(path).suffix.lower())
    return _inputs_text(run_inputs(opts), reader) if inputs is None else inputs(reader)


def _inputs_text(fixed: dict[str, Any], reader: str) -> str:
    return json.dumps({**fixed, "reader": reader}, sort_keys=True, ensure_ascii=False, default=repr)


def _limits(opts: TaskOptions) -> Limits:
    return replace(DEFAULT_LIMITS, max_file_size=opts.max_file_size)


def cached_record(path: str, opts: TaskOptions, inputs: Inputs | None = None) -> dict[str, Any] | None:
    """The finished record from the cache, or None: lets a re-run skip the workers entirely. ``inputs``:
    gives ``run_inputs(opts)``, worked out once for all the files of a run (``run_inputs_once``)."""
    if opts.cache_dir is None:
        return None
    found = _content_key(path, opts, inputs)
    return _lookup(path, opts, *found) if found else None


def _lookup(path: str, opts: TaskOptions, key: str, sha: str) -> dict[str, Any] | None:
    from .cache import Cache
    from .entries import valid_entry

    hit = Cache(opts.cache_dir).get(opts.task, key, lambda entry: valid_entry(opts.task, entry, sha))
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
    from ..pipeline import read_document

    found = _content_key(path, opts) if opts.cache_dir else None
    if found is not None:
        hit = _lookup(path, opts, *found)
        if hit is not None:
            return hit
    doc = read_document(path, _limits(opts))
    out: dict[str, Any] = {}
    if opts.task != "check":  # a check run needs the findings, not the whole document
        out["document"] = doc.to_dict()
    if opts.task in ("check", "index"):
        from ..checks import check_document
        from ..config import CheckConfig

        out["report"] = check_document(doc, CheckConfig(**opts.config)).to_dict()
    # Stored only if the bytes parsed are the bytes hashed: a file rewritten mid-run must not leave
    # its new result under its old content's key.
    if found is not None and doc.source.sha256 == found[1]:
        from .cache import Cache

        Cache(opts.cache_dir).put(opts.task, found[0], out)
    return out
