"""Result cache keyed by content: sha256 of the file + kvcli version (+ rule-pack hash for checks).

Safe with concurrent runs (each entry is written to a temp file and renamed into place);
a corrupt or unreadable entry is ignored and rebuilt. Personnummer are masked in
everything stored, so the cache never holds one in clear.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_atomic
from ..privacy import mask_personnummer


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kvcli"


class Cache:
    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        self.dir = Path(directory) if directory is not None else None

    def _path(self, kind: str, key: str) -> Path:
        assert self.dir is not None
        return self.dir / kind / key[:2] / f"{key}.json"

    @staticmethod
    def key(content_sha: str, *parts: str) -> str:
        return hashlib.sha256("|".join((content_sha, __version__, *parts)).encode()).hexdigest()

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        if self.dir is None:
            return None
        try:
            data = json.loads(self._path(kind, key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or corrupt: rebuilt by the caller
        return data if isinstance(data, dict) and data.get("_key") == key else None

    def put(self, kind: str, key: str, value: dict[str, Any]) -> None:
        if self.dir is None:
            return
        try:
            text = mask_personnummer(json.dumps({**value, "_key": key}, ensure_ascii=False))
            write_atomic(self._path(kind, key), text)
        except OSError:
            pass  # a read-only or full cache directory must not fail the run
