"""Atomic output: a reader of the output file sees the old file or the complete new one, never half.

The new file gets the permissions a plain ``open(path, "w")`` would give it: an existing file keeps
its mode, a new one gets ``0o666`` less the umask (``mkstemp`` alone would leave it ``0600``). A
symlink is followed, so the file it points to is replaced and the link survives. A target that is
not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO) cannot be replaced by a rename without
destroying it, so it is written in place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    # There is no way to read the umask without setting it; set it back at once.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_atomic(path: str | os.PathLike[str], data: str | bytes, encoding: str = "utf-8") -> None:
    payload = data.encode(encoding) if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except OSError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(f"{path}: is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(target, "wb") as fh:  # a device or FIFO: write to it, never replace it
            fh.write(payload)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
