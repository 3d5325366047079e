"""Result cache keyed by content, the reader that reads it, and every option that changes the result.

Safe with concurrent runs (each entry is written to a temp file and renamed into place).
An entry is read back as untrusted input: bounded in size, parsed without recursion or
non-finite numbers, and checked by the caller; a missing, corrupt, tampered or oversized
entry is a miss and gets rebuilt. Personnummer are masked in everything stored, so the
cache never holds one in clear.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_atomic
from ..privacy import mask_personnummer

# Well above the entry of any real report (the largest sample's is ~100 KB); a bigger result
# is simply not cached, and a bigger file in the cache is not read.
MAX_ENTRY_BYTES = 64 * 1024 * 1024


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Which code wrote an entry: the version alone does not change between commits of a checkout or an
    install from git, and a reader or check changed since would otherwise be served the old results.
    File names, sizes and modification times of the package's code and rule packs: no file is read."""
    return tree_fingerprint(Path(__file__).resolve().parent.parent)


def tree_fingerprint(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            try:
                st = path.stat()
            except OSError:
                continue
            h.update(f"{path.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:16]


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # json.loads accepts NaN and Infinity unless told not to


class Cache:
    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        self.dir = Path(directory) if directory is not None else None

    def _path(self, kind: str, key: str) -> Path:
        assert self.dir is not None
        return self.dir / kind / key[:2] / f"{key}.json"

    @staticmethod
    def key(content_sha: str, *parts: str) -> str:
        return hashlib.sha256("|".join((content_sha, __version__, code_fingerprint(), *parts)).encode()).hexdigest()

    def get(self, kind: str, key: str,
            valid: Callable[[dict[str, Any]], bool] | None = None) -> dict[str, Any] | None:  # fmt: skip
        """The entry stored under ``key``, or None when there is none that ``valid`` accepts."""
        if self.dir is None:
            return None
        try:
            with open(self._path(kind, key), "rb") as fh:
                raw = fh.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
        except (ValueError, RecursionError):  # RecursionError: a nesting bomb
            return None
        if not isinstance(data, dict) or data.get("_key") != key:
            return None
        return data if valid is None or valid(data) else None

    def put(self, kind: str, key: str, value: dict[str, Any]) -> None:
        if self.dir is None:
            return
        try:
            text = mask_personnummer(json.dumps({**value, "_key": key}, ensure_ascii=False))
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError:  # a file name that is not UTF-8 (surrogateescape): keep it escaped
                data = mask_personnummer(json.dumps({**value, "_key": key})).encode("ascii")
            if len(data) > MAX_ENTRY_BYTES:
                return  # get() would refuse it
            write_atomic(self._path(kind, key), data)
        except (OSError, ValueError):
            pass  # a read-only or full cache directory, or a path that cannot be encoded, must not fail the run
