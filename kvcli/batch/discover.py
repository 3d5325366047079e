"""Find report files under the paths a user gives: recursive, deterministic, safe.

Hidden files and folders, Office lock files (``~$rapport.docx``), temporary files and
FIFOs/devices are skipped; symlink loops are survived (each real directory is visited once); the
order is sorted, so output is the same from run to run and machine to machine.
Explicitly named files are always kept (and get a clear error later if unreadable).
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..readers import LEGACY_EXTENSIONS, SUPPORTED_EXTENSIONS

REPORT_EXTENSIONS = SUPPORTED_EXTENSIONS | LEGACY_EXTENSIONS


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$", "~")) or name.endswith(("~", ".tmp", ".swp"))


def _special(path: str) -> bool:
    """A FIFO, socket or device named like a report: reading it could block forever. Broken links are kept
    (they get a clear "no such file" error record)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _allowed(full: str, top: str, follow_symlinks: bool) -> bool:
    return follow_symlinks or not os.path.islink(full) or _inside(full, top)


def discover(
    paths: Iterable[str | os.PathLike[str]], include: Iterable[str] = (), exclude: Iterable[str] = (),
    follow_symlinks: bool = False,
) -> list[str]:
    """Report files under ``paths``, in sorted order. Symbolic links are followed only while they stay
    inside the folder given (a link to ``..`` would otherwise read the whole disk), unless
    ``follow_symlinks``."""
    include, exclude = list(include), list(exclude)
    out: list[str] = []
    seen_files: set[str] = set()
    for given in paths:
        p = Path(given)
        if not p.is_dir():
            key = str(p)
            if key not in seen_files:
                seen_files.add(key)
                out.append(key)
            continue
        found: list[str] = []
        visited: set[tuple[int, int]] = set()
        top = os.path.realpath(p)

        for root, dirs, files in os.walk(p, followlinks=True):
            try:
                st = os.stat(root)
            except OSError:
                dirs[:] = []
                continue
            if (st.st_dev, st.st_ino) in visited:  # a symlink loop, or a second link to the same folder
                dirs[:] = []
                continue
            visited.add((st.st_dev, st.st_ino))
            dirs[:] = sorted(d for d in dirs if not _skipped(d) and _allowed(os.path.join(root, d), top, follow_symlinks))
            for name in files:
                if _skipped(name) or Path(name).suffix.lower() not in REPORT_EXTENSIONS:
                    continue
                full = os.path.join(root, name)
                if _special(full) or not _allowed(full, top, follow_symlinks):
                    continue
                rel = os.path.relpath(full, p)
                if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in include):
                    continue
                if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude):
                    continue
                found.append(full)
        for f in sorted(found):
            if f not in seen_files:
                seen_files.add(f)
                out.append(f)
    return out
