"""Run the per-file task over many files: in-process, in a local process pool, or on Dask.

* local: ``jobs`` worker processes (spawned, so each is a clean interpreter), one task at
  a time each; a task that overruns ``timeout`` has its worker killed and replaced, and
  its file becomes an error record. Below ``MIN_PARALLEL`` files, processes do not pay
  and the run stays in-process.
* dask: the same task function on a Dask cluster (``scheduler`` address, or a local
  cluster started for the run).

Records come back in input order whatever the executor, so output is identical for
``--jobs 1``, ``--jobs N`` and ``--executor dask``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .tasks import TaskOptions, run_task

MIN_PARALLEL = 4


def _worker(conn: Connection, opts: TaskOptions) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what stops, workers keep quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        item = conn.recv()
        if item is None:
            return
        i, path = item
        conn.send((i, run_task(path, opts)))


@dataclass
class _Slot:
    proc: Any
    conn: Connection
    task: tuple[int, str] | None = None
    started: float = 0.0


def run_local(paths: list[str], opts: TaskOptions, jobs: int, timeout: float | None,
              on_record: Callable[[dict[str, Any]], None] | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    if jobs <= 1 or len(paths) < MIN_PARALLEL:
        for p in paths:
            rec = run_task(p, opts)
            if on_record:
                on_record(rec)
            yield rec
        return
    ctx = mp.get_context("spawn")
    slots: list[_Slot] = []

    def spawn() -> _Slot:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(child, opts), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    pending = list(enumerate(paths))[::-1]
    done: dict[int, dict[str, Any]] = {}
    next_out = 0
    try:
        slots = [spawn() for _ in range(min(jobs, len(paths)))]
        while next_out < len(paths):
            for slot in slots:
                if slot.task is None and pending:
                    slot.task = pending.pop()
                    slot.started = time.monotonic()
                    slot.conn.send(slot.task)
            busy = [s for s in slots if s.task is not None]
            wait_for = None
            if timeout is not None and busy:
                wait_for = max(0.05, min(s.started + timeout for s in busy) - time.monotonic())
            ready = wait([s.conn for s in busy], timeout=wait_for)
            now = time.monotonic()
            for k, slot in enumerate(slots):
                if slot.task is None:
                    continue
                i, path = slot.task
                if slot.conn in ready:
                    try:
                        j, rec = slot.conn.recv()
                    except (EOFError, OSError):
                        rec = {
                            "path": path,
                            "error": f"worker process died while reading the file (exit code {slot.proc.exitcode})",
                        }
                        j = i
                        slots[k] = _replace(slot, spawn)
                    done[j] = rec
                    slots[k].task = None
                elif timeout is not None and now - slot.started > timeout:
                    done[i] = {"path": path, "error": f"timed out after {timeout:g} s (--timeout); skipped"}
                    slots[k] = _replace(slot, spawn)
            while next_out in done:
                rec = done.pop(next_out)
                if on_record:
                    on_record(rec)
                yield rec
                next_out += 1
    finally:
        for slot in slots:
            try:
                slot.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for slot in slots:
            slot.proc.join(timeout=2)
            if slot.proc.is_alive():
                slot.proc.kill()


def _replace(slot: _Slot, spawn: Callable[[], _Slot]) -> _Slot:
    slot.proc.kill()
    slot.proc.join()
    return spawn()


def run_dask(paths: list[str], opts: TaskOptions, scheduler: str | None, jobs: int, timeout: float | None,
             on_record: Callable[[dict[str, Any]], None] | None = None) -> Iterator[dict[str, Any]]:  # fmt: skip
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("the Dask executor needs dask: pip install 'kvcli[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(run_task, paths, opts=opts, pure=False)
        for path, fut in zip(paths, futures):
            try:
                rec = fut.result(timeout=timeout)
            except Exception as exc:  # timeout or a lost worker: the file becomes an error record
                fut.cancel()
                name = type(exc).__name__
                reason = (
                    f"timed out after {timeout:g} s (--timeout); skipped"
                    if "Timeout" in name
                    else f"dask worker failed ({name}: {exc})"
                )
                rec = {"path": path, "error": reason}
            if on_record:
                on_record(rec)
            yield rec
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
