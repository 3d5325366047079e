"""Fuzz campaign: mutate the samples, feed every input to parse (and check), judge the outcome.

    python -m fuzz.run --count 10000 [--seed 1] [--timeout 10] [--memory-mb 1024] [--out fuzz/crashes]

Oracle: each input yields a Document or an ``InputError`` (one line, naming the file) — never
another exception ("traceback"), never a hang past ``--timeout`` seconds, never memory past
``--memory-mb``. Inputs run in a worker process with RLIMIT_AS set, restarted after a hang or
a crash. Failing inputs are minimised and saved to ``--out`` for regression tests
(``tests/fuzz_regressions/``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from .mutators import BY_SUFFIX, GENERIC

ROOT = Path(__file__).resolve().parent.parent


def judge(path: str) -> tuple[str, str]:
    """Run kvcli on one file; ('ok'|'error'|'traceback', detail). Runs in the worker."""
    from kvcli.api import parse
    from kvcli.errors import InputError

    try:
        doc = parse(path)
    except InputError as exc:
        msg = str(exc)
        if "\n" in msg or not msg.startswith(path):
            return "traceback", f"malformed error message: {msg!r}"
        return "error", msg
    except Exception:
        return "traceback", traceback.format_exc()
    try:
        from kvcli.checks import check_document  # present once `check` exists

        check_document(doc)
    except ImportError:
        pass
    except Exception:
        return "traceback", traceback.format_exc()
    return "ok", ""


def _worker(conn: Connection, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        path = conn.recv()
        if path is None:
            return
        try:
            outcome = judge(path)
        except MemoryError:
            outcome = ("memory", "MemoryError")
        conn.send((outcome, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


@dataclass
class Worker:
    memory_mb: int
    proc: mp.Process | None = None
    conn: Connection | None = None
    peak_kb: int = 0

    def start(self) -> None:
        parent, child = mp.Pipe()
        # A fresh interpreter: a forked worker would inherit the parent's address space (pytest, pandas…)
        # and the RLIMIT_AS cap would then measure the parent, not kvcli.
        self.proc = mp.get_context("spawn").Process(target=_worker, args=(child, self.memory_mb), daemon=True)
        self.proc.start()
        self.conn = parent

    def run(self, path: str, timeout: float) -> tuple[str, str]:
        if self.proc is None or not self.proc.is_alive():
            self.start()
        assert self.conn is not None and self.proc is not None
        self.conn.send(path)
        if not self.conn.poll(timeout):
            self.proc.kill()
            self.proc.join()
            self.proc = None
            return "hang", f"no result within {timeout:.0f} s"
        try:
            (status, detail), rss = self.conn.recv()
        except EOFError:
            code = self.proc.exitcode
            self.proc = None
            return "crash", f"worker died (exit code {code})"
        self.peak_kb = max(self.peak_kb, rss)
        return status, detail

    def stop(self) -> None:
        if self.proc is not None and self.proc.is_alive() and self.conn is not None:
            self.conn.send(None)
            self.proc.join(2)
            if self.proc.is_alive():
                self.proc.kill()


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    peak_mb: float = 0.0

    @property
    def bad(self) -> int:
        return sum(self.counts.get(k, 0) for k in ("traceback", "hang", "crash", "memory"))


def seeds(root: Path = ROOT / "samples") -> list[Path]:
    return sorted(p for p in root.iterdir() if p.suffix in BY_SUFFIX)


def campaign(count: int, seed: int = 1, timeout: float = 10.0, memory_mb: int = 1024,
             out: Path | None = None, sample_files: list[Path] | None = None) -> Report:  # fmt: skip
    rng = random.Random(seed)
    files = sample_files or seeds()
    originals = {p: p.read_bytes() for p in files}
    worker = Worker(memory_mb)
    report = Report()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kvcli-fuzz-") as tmp:
        for i in range(count):
            src = rng.choice(files)
            mutators = BY_SUFFIX.get(src.suffix, GENERIC)
            data = originals[src]
            for _ in range(rng.choice((1, 1, 2, 3))):
                data = rng.choice(mutators)(data, rng)
            # Sometimes the wrong extension: archives hold renamed files.
            suffix = src.suffix if rng.random() < 0.85 else rng.choice([".txt", ".docx", ".pdf", ".md", ".doc"])
            path = Path(tmp) / f"case{i}{suffix}"
            path.write_bytes(data)
            status, detail = worker.run(str(path), timeout)
            report.counts[status] = report.counts.get(status, 0) + 1
            if status not in ("ok", "error"):
                entry = {"status": status, "source": src.name, "detail": detail[-2000:]}
                if out is not None:
                    saved = save_failure(data, suffix, status, worker, timeout, out, i)
                    entry["saved"] = str(saved)
                report.failures.append(entry)
    worker.stop()
    report.seconds = time.perf_counter() - t0
    report.peak_mb = worker.peak_kb / 1024
    return report


def save_failure(data: bytes, suffix: str, status: str, worker: Worker, timeout: float, out: Path, i: int) -> Path:
    """Minimise by cutting chunks while the same failure persists (ddmin-lite), then save."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / f"min{suffix}"
        chunk = max(1, len(data) // 2)
        while chunk >= 1 and len(data) > 1:
            shrunk = False
            for start in range(0, len(data), chunk):
                candidate = data[:start] + data[start + chunk :]
                probe.write_bytes(candidate)
                if worker.run(str(probe), timeout)[0] == status:
                    data, shrunk = candidate, True
                    break
            if not shrunk:
                chunk //= 2
    target = out / f"{status}-{i}{suffix}"
    target.write_bytes(data)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--memory-mb", type=int, default=1024)
    ap.add_argument("--out", type=Path, default=ROOT / "fuzz" / "crashes")
    args = ap.parse_args(argv)
    r = campaign(args.count, args.seed, args.timeout, args.memory_mb, args.out)
    print(json.dumps({"inputs": args.count, "counts": r.counts, "seconds": round(r.seconds, 1),
                      "inputs_per_second": round(args.count / r.seconds, 1), "peak_worker_rss_mb": round(r.peak_mb),
                      "failures": r.failures[:20]}, indent=2, ensure_ascii=False))  # fmt: skip
    return 1 if r.bad else 0


if __name__ == "__main__":
    sys.exit(main())
