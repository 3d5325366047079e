"""The pre-commit hook (.pre-commit-hooks.yaml) as a reports repository uses it, set up as the README says.

Two levels. Always: the hook definition's ``files``/``exclude`` are applied to file names exactly as
pre-commit applies them (``re.search`` on the path relative to the repository root), and its ``entry``
is run on what is left — a bad report blocks, a README.md and a good report pass. When the
``pre-commit`` program is installed (slow): a throwaway git repository with the README's
``.pre-commit-config.yaml``, pointing at a snapshot of this checkout, runs ``pre-commit run``. Building
the hook's environment installs kvcli and its dependencies with pip; without a package index that
step cannot work, and the test says so as its skip reason.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kvcli.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "check"
HOOK = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]


def hook_files(names: list[str]) -> list[str]:
    """pre-commit's own filter (pre_commit.commands.run.filter_by_include_exclude): include by
    ``files``, drop by ``exclude``, both ``re.search`` on the relative path."""
    include, exclude = re.compile(HOOK["files"]), re.compile(HOOK.get("exclude", "^$"))
    return [n for n in names if include.search(n) and not exclude.search(n)]


def readme_config() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split("As a **pre-commit hook**", 1)[1]
    return re.search(r"```yaml\n(.+?)```", part, re.S).group(1)  # type: ignore[union-attr]


def test_the_hook_takes_reports_and_leaves_readme_and_changelog_alone() -> None:
    names = ["README.md", "readme.txt", "docs/README.md", "CHANGELOG.md", "arkiv/CHANGES.txt", "LICENSE.txt",
             "CONTRIBUTING.md", "rapporter/2016/kvalitetsberattelse.docx", "rapport.PDF", "enhet.txt",
             "anteckningar.md", "bild.png", "readmore-rapport.txt"]  # fmt: skip
    assert hook_files(names) == ["rapporter/2016/kvalitetsberattelse.docx", "rapport.PDF", "enhet.txt",
                                 "anteckningar.md", "readmore-rapport.txt"]  # fmt: skip


def test_pre_commit_filters_the_same_way() -> None:
    run = pytest.importorskip("pre_commit.commands.run")
    names = ["README.md", "docs/CHANGELOG.md", "a/rapport.docx", "b.txt"]
    assert list(run.filter_by_include_exclude(names, HOOK["files"], HOOK["exclude"])) == hook_files(names)


def test_the_hook_entry_blocks_a_bad_report_and_passes_readme_and_a_good_one(tmp_path: Path) -> None:
    repo = tmp_path / "rapporter"
    repo.mkdir()
    shutil.copy(FIXTURES / "god-rapport.txt", repo / "god-rapport.txt")
    shutil.copy(FIXTURES / "dalig-rapport.txt", repo / "dalig-rapport.txt")
    (repo / "README.md").write_text("# Rapporter\n\nHär ligger nämndens kvalitetsberättelser.\n", encoding="utf-8")
    entry = shlex.split(HOOK["entry"])
    assert entry[:2] == ["kvcli", "check"]

    def commit(*names: str) -> int:
        files = hook_files(list(names))
        if not files:
            return 0  # pre-commit skips a hook with no files
        old = os.getcwd()
        os.chdir(repo)  # pre-commit runs the hook from the repository root with relative names
        try:
            return CliRunner().invoke(main, [*entry[1:], *files]).exit_code
        finally:
            os.chdir(old)

    assert commit("README.md") == 0
    assert commit("god-rapport.txt") == 0
    assert commit("README.md", "god-rapport.txt") == 0
    assert commit("dalig-rapport.txt") == 1
    assert commit("README.md", "god-rapport.txt", "dalig-rapport.txt") == 1


def test_readme_snippet_uses_the_hook_id_and_explains_rev() -> None:
    config = yaml.safe_load(readme_config())
    hook = config["repos"][0]["hooks"][0]
    assert hook["id"] == HOOK["id"]
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`rev` is required by pre-commit and must name a tag or a commit" in text


def _snapshot(dest: Path) -> str:
    """This checkout's files as one commit of a fresh repository (the working tree, not HEAD)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        src = ROOT / name
        if src.is_file() and not name.startswith(("tests/golden/", "samples/")):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot")
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=dest, check=True, capture_output=True,
                          text=True).stdout.strip()  # fmt: skip


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.mark.slow
def test_pre_commit_in_a_throwaway_repository(tmp_path: Path) -> None:
    exe = shutil.which("pre-commit") or (shutil.which("pre-commit", path=str(Path(sys.executable).parent)))
    if exe is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    kvcli_repo = tmp_path / "kvcli"
    kvcli_repo.mkdir()
    rev = _snapshot(kvcli_repo)
    config = readme_config().replace("<URL of the kvcli repository>", str(kvcli_repo))
    config = config.replace("<tag or full commit SHA>", rev)
    reports = tmp_path / "rapporter"
    reports.mkdir()
    _git(reports, "init", "-q")
    (reports / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (reports / "README.md").write_text("# Rapporter\n\nKvalitetsberättelser.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "god-rapport.txt", reports / "god-rapport.txt")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    setup = subprocess.run([exe, "install-hooks"], cwd=reports, capture_output=True, text=True, env=env, timeout=1200)
    if setup.returncode != 0:
        pytest.skip("pre-commit could not build the hook environment (pip needs a package index): "
                    + " ".join(setup.stdout.split()[-12:]))  # fmt: skip

    def run_on(*names: str) -> subprocess.CompletedProcess[str]:
        _git(reports, "add", *names)
        return subprocess.run([exe, "run", "--files", *names], cwd=reports, capture_output=True, text=True,
                              env=env, timeout=600)  # fmt: skip

    ok = run_on("README.md", "god-rapport.txt")
    assert ok.returncode == 0, ok.stdout
    shutil.copy(FIXTURES / "dalig-rapport.txt", reports / "dalig-rapport.txt")
    bad = run_on("dalig-rapport.txt")
    assert bad.returncode == 1, bad.stdout
    assert "KV901" in bad.stdout and "811218-9876" not in bad.stdout
