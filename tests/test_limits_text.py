"""Huge text inputs are refused by size before they are read: bounded memory, a message naming the limit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from kvcli.api import parse
from kvcli.batch.peak import peak_rss_kb
from kvcli.errors import InputError
try:
    parse(sys.argv[1])
    outcome = "parsed"
except InputError as exc:
    outcome = str(exc)
print(json.dumps({"outcome": outcome, "maxrss_kb": peak_rss_kb()}))
"""


def probe(path: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_one_gigabyte_text_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "arkiv.txt"
    with open(big, "wb") as fh:  # sparse: costs no disk
        fh.write(b"Rubrik\n\ntext\n")
        fh.truncate(1024**3)
    r = probe(big)
    assert "over the --max-file-size limit" in str(r["outcome"]) and str(big) in str(r["outcome"])
    assert int(str(r["maxrss_kb"])) < 300 * 1024


def test_single_100_mb_line_is_refused_by_the_text_limit(tmp_path: Path) -> None:
    line = tmp_path / "line.txt"
    with open(line, "wb") as fh:
        chunk = b"a" * (1024 * 1024)
        for _ in range(100):
            fh.write(chunk)
    r = probe(line)
    assert "over the text limit" in str(r["outcome"])
    assert int(str(r["maxrss_kb"])) < 300 * 1024


@pytest.mark.parametrize("mb", [3])
def test_long_line_under_the_limit_is_split_not_lost(tmp_path: Path, mb: int) -> None:
    p = tmp_path / "long.txt"
    p.write_bytes(b"Rubrik\n\n" + b"ord " * (mb * 1024 * 256) + b"\n")
    r = probe(p)
    assert r["outcome"] == "parsed"
