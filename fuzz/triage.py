"""Failure signatures: which bug an input hit, so a campaign reports classes, not a thousand tracebacks.

A signature is the status, the exception type (for tracebacks) and the innermost frame in
kvcli's own code, without line numbers: the same bug keeps one signature while kvcli is
edited around it. Hangs and dead workers are located from faulthandler's stack dump.
"""

from __future__ import annotations

import re

_PY_FRAME_RE = re.compile(r'File "(?P<file>[^"]+)", line \d+, in (?P<func>\S+)')
_FH_FRAME_RE = re.compile(r'File "(?P<file>[^"]+)", line \d+ in (?P<func>\S+)')
_EXC_RE = re.compile(r"^(?P<type>[A-Za-z_][\w.]*)(?::|$)")


def _where(file: str, func: str) -> str:
    parts = file.replace("\\", "/").split("/")
    if "kvcli" in parts:
        parts = parts[len(parts) - 1 - parts[::-1].index("kvcli") :]
    else:
        parts = parts[-1:]
    return f"{'/'.join(parts)}:{func}"


def _in_kvcli(file: str) -> bool:
    return "/kvcli/" in file.replace("\\", "/") and "/fuzz/" not in file.replace("\\", "/")


def traceback_frame(tb: str) -> str:
    """Innermost kvcli frame of a Python traceback (most recent call last)."""
    frames = [m.groupdict() for m in _PY_FRAME_RE.finditer(tb)]
    own = [f for f in frames if _in_kvcli(f["file"])]
    pick = (own or frames or [{"file": "?", "func": "?"}])[-1]
    return _where(pick["file"], pick["func"])


def stack_frame(dump: str) -> str:
    """Innermost kvcli frame of a faulthandler dump (most recent call first), main thread preferred."""
    blocks = re.split(r"\n(?=(?:Current thread|Thread) 0x)", dump)
    main = [b for b in blocks if "Current thread" in b or "_worker" in b] or blocks
    frames = [m.groupdict() for m in _FH_FRAME_RE.finditer(main[-1] if main else "")]
    own = [f for f in frames if _in_kvcli(f["file"])]
    pick = (own or frames or [{"file": "?", "func": "?"}])[0]
    return _where(pick["file"], pick["func"])


def exception_type(tb: str) -> str:
    for line in reversed(tb.strip().splitlines()):
        if line and not line.startswith(" ") and (m := _EXC_RE.match(line)):
            return m.group("type").rsplit(".", 1)[-1]
    return "?"


def signature(status: str, detail: str, stack: str = "") -> str:
    if status in ("ok", "error", "stopped"):
        return status
    if status == "traceback" and detail.startswith("malformed error message"):
        return "traceback: InputError message not one line naming the file"
    if status in ("traceback", "memory") and "Traceback" in detail:
        return f"{status}: {exception_type(detail)} in {traceback_frame(detail)}"
    return f"{status} in {stack_frame(stack)}" if stack.strip() else status


def first_line(detail: str) -> str:
    """The line to quote for a failure: the exception line of a traceback, else the first line."""
    lines = [ln for ln in detail.strip().splitlines() if ln.strip()]
    if not lines:
        return ""
    if "Traceback" in lines[0]:
        return next((ln for ln in reversed(lines) if not ln.startswith(" ")), lines[-1])[:300]
    return lines[0][:300]
