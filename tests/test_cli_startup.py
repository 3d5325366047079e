"""What the light commands import: `kvcli --version` and `--help` import no part of the library below the
CLI, `kvcli rules` no reader for a file format, no pandas, matplotlib or jsonschema; a one-off check of a
.txt report imports neither the PDF nor the Word reader, nor YAML once its rule pack has loaded before, nor the
key-figure comparison; `kvcli parse` imports no check at all. (Speed itself is measured in bench/bench_speed.py.)"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kvcli.cli import COMMANDS, SUMMARIES

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "matplotlib", "jsonschema", "numpy", "pypdfium2", "docx")
FORMAT_READERS = ("kvcli.readers.pdf", "kvcli.readers.docx", "kvcli.readers.text")


def _modules_after(args: list[str]) -> set[str]:
    """The modules a kvcli run has imported when it ends (its second run: the first validates packs)."""
    probe = (
        "import sys, json, runpy, atexit\n"
        "atexit.register(lambda: sys.stderr.write('MODULES ' + json.dumps(sorted(sys.modules)) + '\\n'))\n"
        "sys.argv = ['kvcli', *sys.argv[1:]]\n"
        "runpy.run_module('kvcli', run_name='__main__')\n"
    )
    for _ in range(2):
        p = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
    line = next(ln for ln in p.stderr.splitlines() if ln.startswith("MODULES "))
    return set(json.loads(line[len("MODULES "):]))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_import_only_the_cli(args: list[str]) -> None:
    mods = _modules_after(args)
    assert not {m for m in mods if m.startswith("kvcli.") and not m.startswith("kvcli.cli")}, sorted(mods)
    assert not _top(mods) & set(HEAVY)


def test_rules_imports_no_format_reader_and_nothing_heavy() -> None:
    mods = _modules_after(["rules"])
    assert not mods & set(FORMAT_READERS)
    assert not _top(mods) & set(HEAVY), sorted(_top(mods) & set(HEAVY))


def test_one_off_text_check_imports_no_pdf_or_word_reader(tmp_path: Path) -> None:
    mods = _modules_after(["check", "--no-cache", str(ROOT / "samples" / "vetlanda-vuxen-2013.txt")])
    assert "kvcli.readers.text" in mods
    assert not mods & {"kvcli.readers.pdf", "kvcli.readers.docx"}
    assert not _top(mods) & {"pypdfium2", "numpy", "jsonschema", "docx", "pandas", "yaml"}  # the pack is remembered
    assert not {m for m in mods if m.startswith("kvcli.compare")}
    assert not mods & {"kvcli.batch.cache", "kvcli.batch.entries"}  # --no-cache: the cache is never opened


@pytest.mark.parametrize("limit", [20, 45, 74, 200])
def test_command_summaries_match_the_commands_help(limit: int) -> None:
    assert list(SUMMARIES) == list(COMMANDS)
    for name, target in COMMANDS.items():
        module, attr = target.split(":")
        cmd = getattr(importlib.import_module(module), attr)
        stand_in = click.Command(name, help=SUMMARIES[name])
        assert stand_in.get_short_help_str(limit) == cmd.get_short_help_str(limit), name


def test_parse_imports_no_checks() -> None:
    mods = _modules_after(["parse", "--no-cache", str(ROOT / "samples" / "vetlanda-vuxen-2013.txt"), "--format", "json"])
    assert "kvcli.readers.text" in mods
    assert not {m for m in mods if m.startswith(("kvcli.checks", "kvcli.compare"))}, sorted(mods)
    assert not _top(mods) & {"yaml", "jsonschema", "pandas"}
