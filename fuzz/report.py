"""A campaign's running tally, streamed as it goes: one JSON line per input, a summary line now and then.

Everything is written and flushed as it happens, so a campaign killed by a time limit (or by
the machine) still leaves its per-input log and its last summary behind.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

BAD = ("traceback", "hang", "memory", "crash")


@dataclass
class FailureClass:
    signature: str
    status: str
    count: int = 0
    first_case: int = -1
    source: str = ""
    ops: list[str] = field(default_factory=list)
    detail: str = ""
    saved: list[str] = field(default_factory=list)
    known: str | None = None  # the issue item already filed for it


@dataclass
class Report:
    total: int = 0
    seed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    families: Counter[str] = field(default_factory=Counter)
    ops: Counter[str] = field(default_factory=Counter)
    classes: dict[str, FailureClass] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    seconds: float = 0.0
    peak_mb: float = 0.0
    interrupted: str = ""
    heaviest: list[dict[str, Any]] = field(default_factory=list)  # by peak RSS: bombs that got through
    slowest: list[dict[str, Any]] = field(default_factory=list)  # finished, but slowly: hangs in the making

    def note(self, entry: dict[str, Any], top: int = 5) -> None:
        brief = {k: entry.get(k) for k in ("case", "source", "family", "ops", "status", "seconds", "rss_mb")}
        self.heaviest = sorted(self.heaviest + [brief], key=lambda e: -(e["rss_mb"] or 0))[:top]
        if entry.get("status") in ("ok", "error"):
            self.slowest = sorted(self.slowest + [brief], key=lambda e: -(e["seconds"] or 0))[:top]

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    @property
    def bad(self) -> int:
        return sum(self.counts.get(k, 0) for k in BAD)

    def new_classes(self) -> list[FailureClass]:
        """Failure classes no filed issue accounts for."""
        return [k for k in self.classes.values() if k.known is None]

    def elapsed(self) -> float:
        return self.seconds or (time.perf_counter() - self.started)

    def rate(self) -> float:
        return self.done / max(1e-9, self.elapsed())

    def line(self) -> str:
        c = self.counts
        return (f"fuzz {self.done}/{self.total}  ok {c['ok']}  errors {c['error']}  tracebacks {c['traceback']}  "
                f"hangs {c['hang']}  memory {c['memory']}  crashes {c['crash']}  |  {self.rate():.1f} inputs/s  "
                f"peak worker RSS {self.peak_mb:.0f} MB  |  {self.elapsed():.0f} s"
                + (f"  |  stopped by {self.interrupted}" if self.interrupted else ""))  # fmt: skip

    def summary(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "inputs": self.done,
            "planned": self.total,
            "counts": dict(self.counts),
            "seconds": round(self.elapsed(), 1),
            "inputs_per_second": round(self.rate(), 2),
            "peak_worker_rss_mb": round(self.peak_mb),
            "families": dict(self.families),
            "mutations": dict(self.ops.most_common()),
            "interrupted": self.interrupted or None,
            "heaviest_inputs": self.heaviest,
            "slowest_finished_inputs": self.slowest,
            "failure_classes": [
                {"signature": k.signature, "count": k.count, "known": k.known, "first_case": k.first_case,
                 "source": k.source, "ops": k.ops, "detail": k.detail, "saved": k.saved}
                for k in sorted(self.classes.values(), key=lambda k: -k.count)
            ],  # fmt: skip
        }


class Progress:
    """Streams a Report: JSON lines to ``log``, a summary line to ``stream`` every ``every`` inputs or ``interval`` s."""

    def __init__(self, report: Report, log: Path | None = None, stream: IO[str] | None = None,
                 every: int = 50, interval: float = 5.0) -> None:  # fmt: skip
        self.report = report
        self.stream = stream
        self.every = every
        self.interval = interval
        self._last = time.monotonic()
        self._said = ""
        self._log: IO[str] | None = None
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(log, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole campaign

    def record(self, entry: dict[str, Any]) -> None:
        if self._log is not None:
            self._log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._log.flush()
        now = time.monotonic()
        if self.stream is not None and (self.report.done % self.every == 0 or now - self._last >= self.interval):
            self.say(self.report.line())
            self._last = now

    def say(self, text: str) -> None:
        if self.stream is not None and text != self._said:
            self._said = text
            self.stream.write(text + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self._log is not None:
            self._log.write(json.dumps({"summary": self.report.summary()}, ensure_ascii=False) + "\n")
            self._log.close()
            self._log = None
        self.say(self.report.line())
