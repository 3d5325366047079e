"""Run the per-file task over many files: in-process, in local sandbox processes, or on Dask.

* local: ``jobs`` sandbox processes (see ``sandbox``), one file at a time each; a file that
  overruns ``timeout`` has its sandbox killed and replaced, and becomes an error record.
  ``--jobs 1`` is one sandbox, so even a sequential run cannot be stalled by one file.
  Below ``MIN_PARALLEL`` files, processes do not pay and the run stays in-process, with
  the timeout enforced by a timer signal (it stops Python code, not a call stuck in C).
* dask: the same task function on a Dask cluster (``scheduler`` address, or a local
  cluster started for the run), each Dask worker enforcing the timeout with its own sandbox.

Records come back in input order whatever the executor, so output is identical for
``--jobs 1``, ``--jobs N`` and ``--executor dask``.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from functools import partial
from types import FrameType
from typing import TYPE_CHECKING, Any

from ..errors import KvcliError
from .tasks import TaskOptions, preload, run_task, timed_out

# Sandboxes (and multiprocessing) are imported by the runs that use them: a one-off check of one
# file runs in-process and should not pay for them at start-up.
if TYPE_CHECKING:
    from .sandbox import Sandbox

MIN_PARALLEL = 4


class ExecutorError(KvcliError, RuntimeError):
    """The executor itself cannot run (Dask missing, scheduler unreachable): one line, not a traceback."""


def run_local(
    paths: list[str], opts: TaskOptions, jobs: int, timeout: float | None
) -> Iterator[dict[str, Any]]:
    if len(paths) < MIN_PARALLEL:
        for p in paths:
            yield run_inline(p, opts, timeout)
        return
    from multiprocessing.connection import wait

    from .sandbox import Sandbox

    pending = deque(enumerate(paths))
    done: dict[int, dict[str, Any]] = {}
    next_out = 0
    boxes: list[Sandbox] = []
    try:
        boxes = [Sandbox() for _ in range(max(1, min(jobs, len(paths))))]
        while next_out < len(paths):
            for box in boxes:
                if box.task is None and pending:
                    box.submit(*pending.popleft(), opts)
            busy = [b for b in boxes if b.task is not None]
            deadlines = [d for b in busy if (d := b.deadline(timeout)) is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = wait([b.conn for b in busy], timeout=wait_for)
            now = time.monotonic()
            for k, box in enumerate(boxes):
                if box.task is None:
                    continue
                deadline = box.deadline(timeout)
                if box.conn in ready:
                    got = box.take()
                    if got is None:
                        continue  # the sandbox is ready: the file's clock starts now
                    i, record, alive = got
                    done[i] = record
                    if not alive:
                        boxes[k] = Sandbox()
                elif deadline is not None and now >= deadline:
                    done[box.task[0]] = timed_out(box.task[1], timeout or 0.0)
                    box.kill()
                    boxes[k] = Sandbox()
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:  # also on Ctrl-C and when the consumer stops early: no sandbox outlives the run
        for box in boxes:
            box.close()


class _Overrun(BaseException):
    """Raised by the timer in the middle of a task; a BaseException so no reader's ``except Exception`` eats it."""


def run_inline(path: str, opts: TaskOptions, timeout: float | None) -> dict[str, Any]:
    """The task in this process, stopped by SIGALRM after ``timeout`` s where a timer signal is possible."""
    if (
        timeout is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return run_task(path, opts)
    preload(path, opts.task)  # imports are not the file's time
    armed = True

    def overrun(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise _Overrun

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return run_task(path, opts)
    except _Overrun:
        return timed_out(path, timeout)
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_dask(paths: list[str], opts: TaskOptions, scheduler: str | None, jobs: int,
             timeout: float | None) -> Iterator[dict[str, Any]]:  # fmt: skip
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError("the Dask executor needs dask: pip install 'kvcli[dask]'") from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=30)
        else:
            cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                                   dashboard_address=None)  # fmt: skip
            client = Client(cluster)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
        raise ExecutorError(f"cannot reach {where}: {exc}") from None
    try:
        # The timeout is enforced on the worker (run_guarded kills its sandbox), timed from when the
        # file really starts, so a file queued behind others is never charged for their time.
        from .sandbox import run_guarded

        futures = client.map(partial(run_guarded, opts=opts, timeout=timeout), paths, pure=False)
        for path, fut in zip(paths, futures):
            try:
                rec = fut.result()
            except Exception as exc:  # a worker lost again and again (KilledWorker), a cluster gone
                rec = {"path": path, "error": f"dask worker failed ({type(exc).__name__}: {exc})"}
            yield rec
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
