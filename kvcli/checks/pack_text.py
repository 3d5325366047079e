"""A rule pack's text, read with a size cap (a pack is read before anything else of a run)."""

from __future__ import annotations

from pathlib import Path

from ..errors import RuleError
from ..small_files import SmallFileError, read_small_file

MAX_PACK_BYTES = 1024 * 1024  # pure-Python YAML reads ~0.4 MB/s: a bigger "pack" is seconds of parsing


def read_pack_text(path: Path) -> str:
    """The pack's text; refuses what is not a regular file (a FIFO would block), too big, or not UTF-8."""
    try:
        raw = read_small_file(path, MAX_PACK_BYTES, "rule pack")
    except SmallFileError as exc:
        raise RuleError(f"{path}: {exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(
            f"{path}: cannot read rule pack: not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from None
