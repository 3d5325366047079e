"""Progress on a terminal only (stderr; nothing on pipes or in CI logs), and the closing summary.

A ``Progress`` is the callback the library's batch calls take (``kvcli.options.Progress``): it hears
of every finished file. With ``report_errors`` it also prints each unreadable file's one error line
as it comes, above the bar.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

from ..options import FileDone
from .safe import error_line, safe_path


class Progress:
    def __init__(self, total: int = 0, stream: TextIO | None = None, enabled: bool | None = None,
                 report_errors: bool = False) -> None:  # fmt: skip
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.errors = 0
        self.severities: Counter[str] = Counter()
        self.cached = 0
        self.t0 = time.perf_counter()
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.report_errors = report_errors

    def __call__(self, item: FileDone) -> None:
        self.done += 1
        self.total = max(self.total, item.total)
        if item.error:
            self.errors += 1
            if self.report_errors:
                self.close()
                self.stream.write(error_line(item.path, item.error) + "\n")
        if item.cached:
            self.cached += 1
        self.severities.update(item.findings)
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(1, self.total))
            name = safe_path(item.path)[-40:]
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {name:<40}"
            )
            self.stream.flush()

    def close(self) -> None:
        """Clear the bar, so what is printed next starts on a clean line."""
        if self.enabled and self.done:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()

    def interrupted(self) -> str:
        self.close()
        of = f" of {self.total}" if self.total else ""
        return f"kvcli: interrupted after {self.done}{of} files; nothing written"

    def summary(self, lang: str = "en") -> str:
        self.close()
        secs = time.perf_counter() - self.t0
        ok = self.done - self.errors
        if lang == "sv":  # `check --lang sv` speaks Swedish throughout
            from .check_words import count

            sev = ", ".join(count(self.severities[s], s, "sv") for s in ("error", "warning", "info"))
            cached = f", {self.cached} ur cachen" if self.cached else ""
            return (f"kvcli: {count(self.done, 'file', 'sv')}, {ok} lästa, {self.errors} olästa; anmärkningar: {sev}; "
                    f"{secs:.1f} s{cached}")  # fmt: skip
        sev = ", ".join(f"{self.severities[s]} {s}" for s in ("error", "warning", "info"))
        cached = f", {self.cached} from cache" if self.cached else ""
        return f"kvcli: {self.done} files, {ok} ok, {self.errors} unreadable; findings: {sev}; {secs:.1f} s{cached}"
