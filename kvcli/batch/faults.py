"""Fault injection for the executors' own tests: make chosen files hang or kill the process reading them.

Time limits and dead workers are the executors' hardest promises, and no real input hangs on
demand. ``KVCLI_FAULTS="hang:*stuck*,die:*crash*"`` makes the per-file task block in a system
call (as on a hung network share: only killing the process ends it) or die, for files whose name
matches the glob. Unset, this costs one dictionary lookup per file.
"""

from __future__ import annotations

import fnmatch
import os
import signal

ENV = "KVCLI_FAULTS"


def _rules() -> list[tuple[str, str]]:
    rules = []
    for item in os.environ.get(ENV, "").split(","):
        action, _, pattern = item.strip().partition(":")
        if action in ("hang", "die") and pattern:
            rules.append((action, pattern))
    return rules


def inject(path: str) -> None:
    if ENV not in os.environ:
        return
    name = os.path.basename(path)
    for action, pattern in _rules():
        if fnmatch.fnmatch(name, pattern):
            if action == "die":
                os.kill(os.getpid(), signal.SIGKILL)
            read_end, _write_end = os.pipe()
            os.read(read_end, 1)  # nobody ever writes: blocked in the kernel until killed
