"""Batch runs over archives: discovery, local or Dask execution, caching, progress, the SQLite index.

>>> from kvcli.batch import BatchOptions, run_batch
>>> for record in run_batch(["arkiv/"], BatchOptions(task="check", jobs=2)):
...     print(record["path"], record["error"] or len(record["report"]["findings"]))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .discover import discover
from .executor import default_jobs, run_dask, run_local
from .tasks import TaskOptions, cached_record, run_inputs_once

__all__ = ["BatchOptions", "discover", "run_batch", "default_jobs"]


@dataclass
class BatchOptions:
    task: str = "check"
    config: dict[str, Any] = field(default_factory=dict)
    jobs: int = 0  # 0 = the number of cores
    timeout: float | None = 120.0
    executor: str = "local"
    scheduler: str | None = None
    cache_dir: str | None = None
    max_file_size_mb: int = 200


def run_batch(files: Iterable[str], opts: BatchOptions,
              on_record: Callable[[dict[str, Any]], None] | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Run the task over already-discovered files; records come back in input order."""
    paths = list(files)
    task = TaskOptions(task=opts.task, config=opts.config, cache_dir=opts.cache_dir,
                       max_file_size=opts.max_file_size_mb * 1024 * 1024)  # fmt: skip
    # Cache hits are answered here: an unchanged archive needs no workers at all.
    inputs = run_inputs_once(task)
    hits = {i: r for i, p in enumerate(paths) if (r := cached_record(p, task, inputs)) is not None}
    misses = [p for i, p in enumerate(paths) if i not in hits]
    jobs = opts.jobs or default_jobs()
    if opts.executor == "dask" and misses:
        computed = run_dask(misses, task, opts.scheduler, jobs, opts.timeout)
    else:
        computed = run_local(misses, task, jobs, opts.timeout)
    return _merge(len(paths), hits, computed, on_record)


def _merge(n: int, hits: dict[int, dict[str, Any]], computed: Iterator[dict[str, Any]],
           on_record: Callable[[dict[str, Any]], None] | None) -> Iterator[dict[str, Any]]:  # fmt: skip
    for i in range(n):
        rec = hits[i] if i in hits else next(computed)
        if on_record:
            on_record(rec)
        yield rec
