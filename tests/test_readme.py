"""The README's two set-up commands are exactly what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_two_setup_commands_run_in_ci() -> None:
    cmds = readme_commands()
    assert len(cmds) == 2, cmds
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for cmd in cmds:
        assert cmd in ci, f"README command not run by CI: {cmd}"


@pytest.mark.slow
def test_every_python_example_in_the_readme_runs(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The README's library examples are the documentation a Python user copies: each block must run as
    written, from the repository root, with its assertions holding."""
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.+?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    for n, code in enumerate(blocks, 1):
        try:
            exec(compile(code, f"README.md python block {n}", "exec"), {"__name__": f"readme_{n}"})
        except Exception as exc:  # the block number and the error say what to fix
            pytest.fail(f"README python block {n} fails: {type(exc).__name__}: {exc}")
