"""Reading the small files kvcli is given besides reports (config, rule packs, baselines): bounded, and never a
FIFO or device, which would block the run or stream without end."""

from __future__ import annotations

import os
import stat


class SmallFileError(Exception):
    """Why a small input file was not read, in words that follow "PATH: "."""


def read_small_file(path: str | os.PathLike[str], max_bytes: int, what: str) -> bytes:
    """The bytes of ``path``; ``what`` names the kind of file in the reason ("configuration", "rule pack")."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise SmallFileError(f"not a regular file; a {what} is a file")
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise SmallFileError(f"cannot read {what}: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        size = f"{max_bytes // 1024:,} KB" if max_bytes < 8 * 1024 * 1024 else f"{max_bytes // (1024 * 1024):,} MB"
        raise SmallFileError(f"over {size}; not a kvcli {what}")
    return raw
