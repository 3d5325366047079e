"""Test-wide isolation: kvcli's cache goes to a temporary directory, never the user's ~/.cache."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(Path(tmp_path_factory.mktemp("xdg-cache"))))
    yield
    mp.undo()
