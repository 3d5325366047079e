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
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .tasks import TaskOptions, preload, run_task

# The folder holding the kvcli package, so the child imports this very kvcli (also from a source tree).
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
STARTUP_TIMEOUT = 60.0  # seconds a fresh sandbox may take to import kvcli before files are sent anyway
_BOOT = "import sys; from kvcli.batch.sandbox import serve; serve(*map(int, sys.argv[1:4]))"


def timed_out(path: str, timeout: float) -> dict[str, Any]:
    return {"path": path, "error": f"timed out after {timeout:g} s (--timeout); skipped"}


class Sandbox:
    """One child process that runs one task at a time; ``task`` is what it is working on."""

    def __init__(self) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", _BOOT, str(task_r), str(result_w), str(os.getpid())],
                pass_fds=(task_r, result_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        finally:
            os.close(task_r)
            os.close(result_w)
        self._send = Connection(task_w, readable=False)
        self.conn = Connection(result_r, writable=False)  # wait() on this to learn a result is ready
        self.task: tuple[int, str] | None = None
        self.started = 0.0
        self._ready = False

    def submit(self, index: int, path: str, opts: TaskOptions) -> None:
        if not self._ready:
            # The child says when its imports are done: a file's time limit starts with the file.
            self._ready = True
            try:
                if self.conn.poll(STARTUP_TIMEOUT):
                    self.conn.recv()
            except (EOFError, OSError):
                pass  # it died starting up; receive() turns that into this file's error record
        self.task = (index, path)
        self.started = time.monotonic()
        try:
            self._send.send((index, path, opts))
        except OSError:
            pass  # the child is gone; receive() turns that into this file's error record

    def overdue(self, timeout: float | None, now: float) -> bool:
        return self.task is not None and timeout is not None and now - self.started >= timeout

    def receive(self) -> tuple[int, dict[str, Any], bool]:
        """The finished (index, record, still_alive); a child that died becomes the file's error record."""
        assert self.task is not None
        index, path = self.task
        self.task = None
        try:
            got_index, record = self.conn.recv()
            return got_index, record, True
        except (EOFError, OSError):
            self.kill()
            return (
                index,
                {"path": path, "error": f"worker process died while reading the file ({self._how()})"},
                False,
            )

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
    if not box.conn.poll(timeout):
        box.kill()
        _local.box = None
        return timed_out(path, timeout or 0.0)
    _, record, alive = box.receive()
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


def serve(task_fd: int, result_fd: int, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what stops, the sandbox keeps quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    tasks = Connection(task_fd, writable=False)
    results = Connection(result_fd, readable=False)
    preload()
    results.send(None)  # ready
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
