"""Fuzz campaign: mutate the samples, feed every input to parse (and check), judge the outcome.

    python -m fuzz.run --count 10000 [--seed 1] [--seconds 3600] [--only pdf] [--log results.jsonl]

Oracle: each input yields a Document or an ``InputError`` (one line, naming the file): never
another exception ("traceback"), never a hang past ``--timeout`` seconds, never a breach of the
``--memory-mb`` address-space cap (a MemoryError, or the worker dying near the cap: "memory"),
never a dead worker otherwise ("crash"). Inputs run in a spawned worker with RLIMIT_AS set,
restarted after a hang or a crash.

Results stream as they happen: one JSON line per input to ``--log`` (a summary object last),
and a one-line tally on stderr every ``--every`` inputs or 5 s. SIGTERM/SIGINT (a time limit,
Ctrl-C) end the campaign after the current input and still print the summary; so does
``--seconds``. Failures are grouped by signature (status, exception, innermost kvcli frame);
the first ``--keep`` inputs of each class are saved to ``--out``, the first one also minimised
(``-min`` suffix) within ``--minimise-seconds``; copy real bugs to ``tests/fuzz_regressions/``.
``--replay CASE`` regenerates one logged input. Exit code: 1 if any input failed, else 128+N
when stopped by signal N, else 0.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from .known import known_issue
from .minimise import Budget, minimise
from .mix import FAMILIES, MIX, make_input
from .report import BAD, FailureClass, Progress, Report
from .triage import first_line, signature
from .worker import Outcome, Worker, judge

__all__ = ["campaign", "judge", "main", "seeds", "Report", "Stopper"]

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("txt", "docx", "pdf")


class Stopper:
    """Truthy once a stop was asked for; ``reason`` says why (a signal name)."""

    def __init__(self) -> None:
        self.reason = ""

    def __call__(self) -> bool:
        return bool(self.reason)

    def on_signal(self, signum: int, frame: object) -> None:
        self.reason = signal.Signals(signum).name
        signal.signal(signum, signal.SIG_DFL)  # a second signal ends the run at once


def seeds(root: Path = ROOT / "samples") -> list[Path]:
    return sorted(p for p in root.iterdir() if p.suffix in MIX)


def _slug(sig: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", sig).strip("-")[:80]


def campaign(count: int, seed: int = 1, timeout: float = 10.0, memory_mb: int = 1024, out: Path | None = None,
             sample_files: list[Path] | None = None, *, seconds: float | None = None, only: str | None = None,
             family: str | None = None, log: Path | None = None, stream: IO[str] | None = None,
             every: int = 50, stop: Stopper | None = None, minimise_seconds: float = 60.0,
             keep: int = 3, judge_ref: str = "") -> Report:  # fmt: skip
    files = [p for p in (sample_files or seeds()) if only is None or p.suffix == f".{only}"]
    if not files:
        raise ValueError(f"no sample files of kind {only!r}")
    originals = {p: p.read_bytes() for p in files}
    report = Report(total=count, seed=seed)
    progress = Progress(report, log, stream, every=every)
    halt = stop or Stopper()
    deadline = time.monotonic() + seconds if seconds else None
    with tempfile.TemporaryDirectory(prefix="kvcli-fuzz-") as tmp:
        worker = Worker(memory_mb, Path(tmp), judge_ref)
        try:
            for case in range(count):
                if halt() or (deadline is not None and time.monotonic() >= deadline):
                    report.interrupted = halt.reason or "time budget"
                    break
                src, suffix, fam, ops, data = make_input(seed, case, files, originals, family)
                path = Path(tmp) / f"case{case}{suffix}"
                path.write_bytes(data)
                outcome = worker.run(str(path), timeout, halt)
                if outcome.status == "stopped":
                    report.interrupted = halt.reason
                    break
                report.counts[outcome.status] += 1
                report.families[fam] += 1
                report.ops.update(f"{fam}.{op}" for op in ops)
                report.peak_mb = worker.peak_kb / 1024
                entry: dict[str, Any] = {"case": case, "source": src.name, "suffix": suffix, "family": fam, "ops": ops,
                                         "bytes": len(data), "status": outcome.status,
                                         "seconds": round(outcome.seconds, 3), "rss_mb": round(outcome.rss_kb / 1024, 1)}  # fmt: skip
                if outcome.status == "error":
                    entry["detail"] = outcome.detail[:300]
                elif outcome.status in BAD:
                    budget = minimise_seconds if deadline is None else min(minimise_seconds, deadline - time.monotonic())
                    entry.update(_failure(report, case, src.name, suffix, ops, data, outcome, worker, timeout,
                                          out, keep, Budget(max(0.0, budget), halt), progress.say))  # fmt: skip
                report.note(entry)
                progress.record(entry)
                path.unlink()
        finally:
            worker.stop()
            report.seconds = time.perf_counter() - report.started
            report.peak_mb = worker.peak_kb / 1024
            progress.close()
    return report


def _failure(report: Report, case: int, source: str, suffix: str, ops: list[str], data: bytes, outcome: Outcome,
             worker: Worker, timeout: float, out: Path | None, keep: int, budget: Budget,
             say: Callable[[str], None]) -> dict[str, Any]:  # fmt: skip
    sig = signature(outcome.status, outcome.detail, outcome.stack)
    cls = report.classes.get(sig)
    if cls is None:
        line = first_line(outcome.detail)
        cls = report.classes[sig] = FailureClass(sig, outcome.status, first_case=case, source=source, ops=ops,
                                                 detail=line, known=known_issue(sig, outcome.detail))  # fmt: skip
        say(f"fuzz: case {case}: new failure class: {sig}" + (f" [known: {cls.known}]" if cls.known else ""))
    cls.count += 1
    entry: dict[str, Any] = {"signature": sig, "detail": first_line(outcome.detail)}
    if out is not None and len(cls.saved) < keep:
        out.mkdir(parents=True, exist_ok=True)
        raw = out / f"{_slug(sig)}-s{report.seed}-{case}{suffix}"
        raw.write_bytes(data)
        cls.saved.append(str(raw))
        entry["saved"] = str(raw)
        if cls.count == 1 and not budget.over():
            say(f"fuzz: case {case}: minimising ({budget.deadline - time.monotonic():.0f} s at most)")
            small = minimise(data, _probe(worker, suffix, sig, timeout, budget), budget)
            target = raw.with_name(raw.stem + "-min" + suffix)
            target.write_bytes(small)
            cls.saved.append(str(target))
            entry["minimised"] = str(target)
    report.failures.append({"case": case, "status": outcome.status, "source": source, "signature": sig,
                            "detail": outcome.detail[-2000:], **({"saved": entry["saved"]} if "saved" in entry else {})})  # fmt: skip
    return entry


def _probe(worker: Worker, suffix: str, sig: str, timeout: float, budget: Budget) -> Callable[[bytes], bool]:
    """Same failure = same signature. A hang probe waits a third of the timeout: still stuck in the same frame."""
    probe_timeout = timeout if not sig.startswith("hang") else min(timeout, max(2.0, timeout / 3))
    def still_fails(candidate: bytes) -> bool:
        if budget.over():
            return False
        path = worker.trace_dir / f"probe{suffix}"
        path.write_bytes(candidate)
        o = worker.run(str(path), probe_timeout, budget.stop)
        return o.status != "stopped" and signature(o.status, o.detail, o.stack) == sig

    return still_fails


def replay(seed: int, case: int, out: Path, family: str | None = None, only: str | None = None) -> Path:
    files = [p for p in seeds() if only is None or p.suffix == f".{only}"]
    src, suffix, fam, ops, data = make_input(seed, case, files, {p: p.read_bytes() for p in files}, family)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"replay-s{seed}-{case}{suffix}"
    target.write_bytes(data)
    print(json.dumps({"path": str(target), "source": src.name, "family": fam, "ops": ops}, ensure_ascii=False))
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000, help="inputs to run (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, help="time budget: stop starting inputs after this long")
    ap.add_argument("--only", choices=KINDS, help="mutate only samples of this kind")
    ap.add_argument("--family", choices=FAMILIES, help="use only this mutator family")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per input before it counts as a hang")
    ap.add_argument("--memory-mb", type=int, default=1024, help="worker address-space cap (RLIMIT_AS)")
    ap.add_argument("--out", type=Path, default=ROOT / "fuzz" / "crashes", help="where failing inputs go")
    ap.add_argument("--log", type=Path, help="per-input JSON lines (default: OUT/campaign-sSEED.jsonl)")
    ap.add_argument("--every", type=int, default=50, help="print the running tally every N inputs (and every 5 s)")
    ap.add_argument("--keep", type=int, default=3, help="inputs saved per failure class")
    ap.add_argument("--minimise-seconds", type=float, default=60.0, help="budget to shrink each new class (0: off)")
    ap.add_argument("--replay", type=int, metavar="CASE", help="only regenerate input CASE of --seed into --out")
    args = ap.parse_args(argv)
    if args.replay is not None:
        replay(args.seed, args.replay, args.out, args.family, args.only)
        return 0
    stopper = Stopper()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stopper.on_signal)
    log = args.log or args.out / f"campaign-s{args.seed}.jsonl"
    print(f"fuzz: seed {args.seed}, {args.count} inputs, log {log}", file=sys.stderr, flush=True)
    r = campaign(args.count, args.seed, args.timeout, args.memory_mb, args.out, seconds=args.seconds, only=args.only,
                 family=args.family, log=log, stream=sys.stderr, every=args.every, stop=stopper,
                 minimise_seconds=args.minimise_seconds, keep=args.keep)  # fmt: skip
    print(json.dumps(r.summary(), indent=2, ensure_ascii=False), flush=True)
    if r.bad:
        return 1
    return 128 + signal.Signals[stopper.reason].value if stopper.reason else 0


if __name__ == "__main__":
    sys.exit(main())
