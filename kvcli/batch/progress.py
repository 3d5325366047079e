"""Progress on a terminal only (stderr; nothing on pipes or in CI logs), and the closing summary."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, TextIO

from ..output.safe import safe_path


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.errors = 0
        self.severities: Counter[str] = Counter()
        self.cached = 0
        self.t0 = time.perf_counter()
        self.enabled = self.stream.isatty() if enabled is None else enabled

    def __call__(self, record: dict[str, Any]) -> None:
        self.done += 1
        if record.get("error"):
            self.errors += 1
        if record.get("cached"):
            self.cached += 1
        for f in (record.get("report") or {}).get("findings", []):
            self.severities[f["severity"]] += 1
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(1, self.total))
            name = safe_path(str(record.get("path", "")))[-40:]
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name:<40}"
            )
            self.stream.flush()

    def close(self) -> None:
        """Clear the bar, so what is printed next starts on a clean line."""
        if self.enabled and self.done:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()

    def summary(self) -> str:
        self.close()
        secs = time.perf_counter() - self.t0
        ok = self.done - self.errors
        sev = ", ".join(f"{self.severities[s]} {s}" for s in ("error", "warning", "info"))
        cached = f", {self.cached} from cache" if self.cached else ""
        return f"kvcli: {self.done} files, {ok} ok, {self.errors} unreadable; findings: {sev}; {secs:.1f} s{cached}"
