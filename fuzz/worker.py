"""The sandboxed worker that judges one input at a time, and the parent's handle on it.

The worker is a fresh interpreter (spawned, not forked: a fork would inherit the parent's
address space and the RLIMIT_AS cap would measure the parent, not kvcli) with its address
space capped. A hang is located before the worker is killed: faulthandler dumps the stack on
SIGUSR1 from inside its signal handler, which works even while C code holds the GIL. Peak RSS
is measured per input where Linux allows resetting the high-water mark.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

STARTUP_SECONDS = 120.0  # importing kvcli (pandas, pdfium) on a loaded machine


def judge(path: str) -> tuple[str, str]:
    """Run kvcli on one file: ('ok'|'error'|'traceback'|'memory', detail)."""
    from kvcli.api import parse
    from kvcli.errors import InputError

    try:
        doc = parse(path)
    except InputError as exc:
        msg = str(exc)
        if "\n" in msg or not msg.startswith(path):
            return "traceback", f"malformed error message: {msg!r}"
        return "error", msg
    except MemoryError:
        return "memory", traceback.format_exc()
    except Exception:
        return "traceback", traceback.format_exc()
    try:
        from kvcli.checks import check_document

        check_document(doc)
    except MemoryError:
        return "memory", traceback.format_exc()
    except Exception:
        return "traceback", traceback.format_exc()
    return "ok", ""


def _die_with_parent() -> None:
    """A worker spinning in a hang must not outlive a parent that was killed outright."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM (Linux ≥ 4.0)
        return True
    except OSError:
        return False


def _status_kb(pid: int | str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _resolve(judge_ref: str) -> Callable[[str], tuple[str, str]]:
    """``module:function``, for a judge other than kvcli's (the tests check the sandbox with one)."""
    if not judge_ref:
        judge_warmup()
        return judge
    module, _, name = judge_ref.partition(":")
    fn: Callable[[str], tuple[str, str]] = getattr(importlib.import_module(module), name)
    return fn


def _worker(conn: Connection, memory_mb: int, trace_path: str, output_path: str, judge_ref: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a campaign stops
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    _die_with_parent()
    # What libraries print (pdfium's outline warnings…) must not interleave with the campaign's tally.
    out_fd = os.open(output_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    trace = open(trace_path, "w")  # noqa: SIM115 - faulthandler needs it open for the worker's life
    faulthandler.enable(trace, all_threads=True)
    faulthandler.register(signal.SIGUSR1, file=trace, all_threads=True)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    run = _resolve(judge_ref)
    conn.send("ready")
    per_input = _reset_peak()
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        if per_input:
            _reset_peak()
        try:
            outcome = run(path)
        except MemoryError:
            outcome = ("memory", "MemoryError")
        rss = _status_kb("self", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        conn.send((outcome, rss))


def judge_warmup() -> None:
    """Import what judge needs before the clock runs, so no input pays for the imports."""
    import kvcli.api  # noqa: F401
    import kvcli.checks  # noqa: F401


@dataclass
class Outcome:
    status: str  # ok | error | traceback | hang | memory | crash | stopped
    detail: str
    seconds: float
    rss_kb: int = 0
    stack: str = ""  # faulthandler's dump for a hang or a dead worker


class Worker:
    def __init__(self, memory_mb: int, trace_dir: Path, judge_ref: str = "") -> None:
        self.memory_mb = memory_mb
        self.judge_ref = judge_ref
        self.trace_dir = trace_dir
        self.proc: mp.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.peak_kb = 0
        self.starts = 0

    @property
    def trace(self) -> Path:
        return self.trace_dir / f"worker-{self.starts}.trace"

    @property
    def output(self) -> Path:
        return self.trace_dir / f"worker-{self.starts}.out"

    def _output_tail(self) -> str:
        try:
            return self.output.read_bytes()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""

    def start(self) -> None:
        self.starts += 1
        parent, child = mp.Pipe()
        ctx = mp.get_context("spawn")
        self.proc = ctx.Process(target=_worker, args=(child, self.memory_mb, str(self.trace), str(self.output), self.judge_ref), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent
        try:
            ready = parent.poll(STARTUP_SECONDS) and parent.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.kill()
            raise RuntimeError(f"the fuzz worker did not start; its output: {self._output_tail()!r}")

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
        self.proc = None
        self.conn = None

    def _trace_tail(self, since: int) -> str:
        try:
            with open(self.trace, "rb") as fh:
                fh.seek(since)
                return fh.read(20000).decode("utf-8", "replace")
        except OSError:
            return ""

    def run(self, path: str, timeout: float, stop: Callable[[], bool] | None = None) -> Outcome:
        """Judge one file. ``stop`` is polled while waiting so a signal ends the wait promptly."""
        if self.proc is None or not self.proc.is_alive():
            self.start()
        assert self.conn is not None and self.proc is not None and self.proc.pid is not None
        pid = self.proc.pid
        since = self.trace.stat().st_size if self.trace.exists() else 0
        limit_kb = self.memory_mb * 1024
        vm_peak = 0
        t0 = time.perf_counter()
        self.conn.send(path)
        while True:
            left = timeout - (time.perf_counter() - t0)
            if left <= 0 or (stop is not None and stop()):
                stopped = left > 0
                rss = _status_kb(pid, "VmHWM")
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGUSR1)
                time.sleep(0.3)
                stack = self._trace_tail(since)
                self.kill()
                self.peak_kb = max(self.peak_kb, rss)
                if stopped:
                    return Outcome("stopped", "campaign stopped", time.perf_counter() - t0, rss, stack)
                return Outcome("hang", f"no result within {timeout:g} s", timeout, rss, stack)
            if self.conn.poll(min(0.2, left)):
                break
            vm_peak = max(vm_peak, _status_kb(pid, "VmPeak"))
        seconds = time.perf_counter() - t0
        try:
            (status, detail), rss = self.conn.recv()
        except (EOFError, OSError):
            self.proc.join(5)
            code = self.proc.exitcode
            stack = self._trace_tail(since)
            self.kill()
            near_cap = vm_peak >= 0.9 * limit_kb or "MemoryError" in stack or "bad_alloc" in stack
            if code == -signal.SIGKILL or near_cap:
                return Outcome("memory", f"worker died (exit code {code}) near the {self.memory_mb} MB cap",
                               seconds, vm_peak, stack)  # fmt: skip
            return Outcome("crash", f"worker died (exit code {code}): {self._output_tail()[-300:]!r}", seconds, 0,
                           stack)  # fmt: skip
        self.peak_kb = max(self.peak_kb, rss)
        return Outcome(status, detail, seconds, rss)

    def stop(self) -> None:
        if self.proc is not None and self.proc.is_alive() and self.conn is not None:
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.proc.join(2)
        self.kill()
