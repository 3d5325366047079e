"""Config files, rule packs and baselines are read bounded, and a FIFO in their place is refused, not waited on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "samples" / "vetlanda-vuxen-2013.txt")

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform == "win32", reason="needs FIFOs")


def _fifo(tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    os.mkfifo(path)  # nobody writes to it: reading would block for ever
    return str(path)


@pytest.mark.parametrize("option, name, said", [
    ("--baseline", "known.json", "not a regular file"),
    ("--config", "kvcli.toml", "kvcli: error:"),  # not taken for a config file at all: one line, no wait
    ("--rules", "pack.yaml", "kvcli: error:"),
])  # fmt: skip
def test_a_fifo_in_place_of_a_small_file_is_refused(tmp_path: Path, option: str, name: str, said: str) -> None:
    fifo = _fifo(tmp_path, name)
    result = CliRunner().invoke(main, ["check", SAMPLE, "--no-cache", option, fifo])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert any(said in line and name in line for line in lines), result.output
    assert "Traceback" not in result.output
