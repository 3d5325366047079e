"""A killable child process that runs the per-file task: how ``--timeout`` holds without trusting a parser.

A parser stuck in C code (pdfium) or in a pathological regular expression cannot be
interrupted from inside its own process; only killing the process stops it. So every
worker — a local job, or a thread on a Dask worker — hands its files to a sandbox
process, waits at most ``timeout`` seconds for the record, and on overrun kills the
sandbox and starts a fresh one.

The sandbox is a plain subprocess talking over two pipes, not ``multiprocessing``:
Dask runs its workers as daemonic processes, which ``multiprocessing`` forbids to have
children. Its stdout and stderr go nowhere, so a library that prints can neither break
machine-readable output on the parent's stdout nor leak report text (personnummer).

The sandbox also caps its own memory (``Limits.max_worker_memory``), so a file that gets
past the pre-scans cannot take the machine's memory with it: pdfium aborts when an
allocation fails, and the file becomes a "ran out of memory" record.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from ..limits import DEFAULT_LIMITS
from .tasks import TaskOptions, preload, run_task, timed_out

STARTUP_TIMEOUT = 60.0  # seconds a fresh sandbox may take to import kvcli, on top of a file's own limit
# The child gets the parent's sys.path, as multiprocessing's spawn does: it imports this very kvcli,
# also from a source tree, without reordering anyone's path.
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[5]); "
    "from kvcli.batch.sandbox import serve; serve(*map(int, sys.argv[1:5]))"
)
HEADROOM = 512 * 1024 * 1024  # a worker may always grow this much past its size when it starts


class Sandbox:
    """One child process that runs one task at a time; ``task`` is what it is working on."""

    def __init__(self, memory: int | None = DEFAULT_LIMITS.max_worker_memory) -> None:
        """``memory``: the child's memory cap in bytes (see ``cap_memory``), None for none."""
        self.memory = memory
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _BOOT,
                    str(task_r),
                    str(result_w),
                    str(os.getpid()),
                    str(memory or 0),
                    json.dumps(sys.path),
                ],
                pass_fds=(task_r, result_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except BaseException:
            os.close(task_w)
            os.close(result_r)
            raise
        finally:
            os.close(task_r)
            os.close(result_w)
        self._send = Connection(task_w, readable=False)
        self.conn = Connection(result_r, writable=False)  # wait() on this to learn a result is ready
        self.task: tuple[int, str] | None = None
        self.started = 0.0
        self._ready = False

    def submit(self, index: int, path: str, opts: TaskOptions) -> None:
        self.task = (index, path)
        self.started = time.monotonic()
        try:
            self._send.send((index, path, opts))
        except OSError:
            pass  # the child is gone; take() turns that into this file's error record

    def deadline(self, timeout: float | None) -> float | None:
        """When the current file is overdue. A fresh child first gets time to import kvcli: the file's
        clock starts when the child says it is ready, so imports are never charged to a file."""
        if self.task is None or timeout is None:
            return None
        return self.started + timeout + (0.0 if self._ready else STARTUP_TIMEOUT)

    def take(self) -> tuple[int, dict[str, Any], bool] | None:
        """Read what ``conn`` has: None for the ready signal, else (index, record, still_alive).

        A child that died (or never started) becomes the current file's error record."""
        assert self.task is not None
        index, path = self.task
        try:
            if not self._ready:
                capped = self.conn.recv()  # the ready signal: the memory cap the child could set, or None
                self.memory = capped if isinstance(capped, int) else None
                self._ready = True
                self.started = time.monotonic()
                if not self.conn.poll(0):
                    return None
            got_index, record = self.conn.recv()
        except (EOFError, OSError):
            self.task = None
            self.kill()
            return index, {"path": path, "error": self._died()}, False
        self.task = None
        return got_index, record, True

    def _died(self) -> str:
        code = self.proc.returncode
        # pdfium aborts when an allocation fails, and under a cap that is what an abort nearly always is
        # (its peak cannot tell: a child's peak RSS includes its parent's at the fork).
        if self.memory and code == -signal.SIGABRT:
            return (
                f"ran out of memory while reading the file (the worker, capped at {_size(self.memory)}, "
                "was killed by SIGABRT)"
            )
        return f"worker process died while reading the file ({self._how()})"

    def _how(self) -> str:
        code = self.proc.returncode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}; out of memory?"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self._send.close()
        self.conn.close()

    def close(self) -> None:
        """Stop the child: politely when idle, at once when it is still working on a file."""
        if self.proc.poll() is None and self.task is None:
            try:
                self._send.send(None)
                self.proc.wait(timeout=2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if not self._send.closed:
            self.kill()


_local = threading.local()


def run_guarded(path: str, opts: TaskOptions, timeout: float | None) -> dict[str, Any]:
    """``run_task`` in this thread's sandbox, killed after ``timeout`` s: the task Dask workers run."""
    box: Sandbox | None = getattr(_local, "box", None)
    if box is None:
        box = _local.box = Sandbox()
    box.submit(0, path, opts)
    while True:
        deadline = box.deadline(timeout)
        if not box.conn.poll(None if deadline is None else max(0.0, deadline - time.monotonic())):
            box.kill()
            _local.box = None
            return timed_out(path, timeout or 0.0)
        got = box.take()
        if got is not None:
            break
    _, record, alive = got
    if not alive:
        _local.box = None
    return record


def _die_with_parent(parent: int) -> None:
    """Linux: be killed when the thread that started us ends, so a lost worker leaves no orphan parsing on."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(0)


def _size(n: int) -> str:
    return f"{n >> 30} GiB" if n % (1 << 30) == 0 else f"{n / (1 << 20):,.0f} MB"


def cap_memory(limit: int) -> int | None:
    """Cap this process's heap at ``limit`` bytes (RLIMIT_DATA) and its address space at twice that
    (RLIMIT_AS, the cap where RLIMIT_DATA misses mmap: Linux before 4.7).

    Never below the size the process already has plus ``HEADROOM``: a worker that could not
    allocate at all would fail every file. Returns the heap cap in force, None where resource
    limits do not exist or are refused (the worker then runs uncapped)."""
    try:
        import resource
    except ImportError:
        return None
    heap: int | None = None
    for name, cap, now in (("RLIMIT_DATA", limit, "VmData"), ("RLIMIT_AS", 2 * limit, "VmSize")):
        which = getattr(resource, name, None)
        if which is None:
            continue
        try:
            _, hard = resource.getrlimit(which)
            soft = max(cap, _status_bytes(now) + HEADROOM)
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)  # lowering is always allowed, raising is not (non-root)
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):
            continue
        if heap is None:
            heap = soft if name == "RLIMIT_DATA" else soft // 2
    return heap


def _status_bytes(field: str) -> int:
    """A size from /proc/self/status (Linux); 0 where there is none."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def serve(task_fd: int, result_fd: int, parent: int, memory: int = 0) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what stops, the sandbox keeps quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    tasks = Connection(task_fd, writable=False)
    results = Connection(result_fd, readable=False)
    preload()
    # After the imports: what they need is no file's memory. The ready signal says what cap holds.
    results.send(cap_memory(memory) if memory else None)
    while True:
        try:
            item = tasks.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        index, path, opts = item
        try:
            results.send((index, run_task(path, opts)))
        except OSError:
            return  # the parent stopped listening
