"""What a command does with its time limit, its output target and the folders it is given (issue 10).

Item 3: parse and diff keep the --timeout contract of check. Item 7: an output path that is one of
the inputs is refused, and devices are written in place. Item 8: output files get the mode a plain
open() would give them. Item 14: symlinks out of the given folder are not followed by default.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.cli import main
from tests.deadline import deadline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = SAMPLES / "vetlanda-vuxen-2013.txt"
OTHER = SAMPLES / "vetlanda-familj-2014-2015.txt"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def stuck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "hänger.txt"
    path.write_bytes(GOOD.read_bytes())
    monkeypatch.setenv("KVCLI_FAULTS", "hang:hänger*")
    return str(path)


@pytest.mark.slow
def test_item3_parse_has_a_time_limit_and_goes_on(stuck: str) -> None:
    with deadline(30):
        code, out, err = run("parse", stuck, str(GOOD), "--timeout", "1", "--no-cache")
    assert code == 2
    assert err.strip() == f"kvcli: error: {stuck}: timed out after 1 s (--timeout); skipped"
    assert "organisation: Vetlanda kommun" in out  # the good file is still parsed


@pytest.mark.slow
def test_item3_diff_has_a_time_limit(stuck: str) -> None:
    with deadline(30):
        code, out, err = run("diff", stuck, str(GOOD), "--timeout", "1", "--no-cache")
    assert code == 2 and out == ""
    assert f"{stuck}: timed out after 1 s" in err


def test_item7_output_equal_to_an_input_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "in.txt"
    report.write_bytes(GOOD.read_bytes())
    link = tmp_path / "länk.txt"
    link.symlink_to(report)
    before = report.read_bytes()
    cases = [
        ["parse", str(report), "-o", str(report)],
        ["parse", str(tmp_path), "-o", str(link)],  # through a link, and from a folder
        ["check", str(report), "-o", str(report), "--no-cache"],
        ["trend", str(report), "-o", str(report), "--no-cache"],
        ["trend", str(report), "--plot", str(report), "--no-cache"],
        ["figures", str(report), "-o", str(tmp_path / "." / "in.txt"), "--no-cache"],
        ["diff", str(report), str(OTHER), "-o", str(report), "--no-cache"],
        ["index", str(report), "--db", str(report), "--no-cache"],
    ]
    for args in cases:
        code, _, err = run(*args)
        assert code == 2, args
        assert "is one of the input files" in err, (args, err)
        assert report.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_item7_special_files_are_written_in_place_not_replaced(tmp_path: Path) -> None:
    # A FIFO in tmp_path stands for /dev/stdout or /dev/null: replacing such a node by a rename
    # destroys it (as root, even /dev/null), so a regression here must not touch the real ones.
    fifo = tmp_path / "ut.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    with deadline(30):
        code, _, err = run("parse", str(GOOD), "--format", "json", "-o", str(fifo))
        reader.join(20)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file put in its place
    assert got and b'"schema": "kvcli.document/1"' in got[0]


def test_item7_output_symlink_survives(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "out.json"
    link.symlink_to(target)
    assert run("parse", str(GOOD), "--format", "json", "-o", str(link))[0] == 0
    assert link.is_symlink() and '"schema": "kvcli.document/1"' in target.read_text(encoding="utf-8")


def test_item7_index_on_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("not a database, and it must survive\n" * 100, encoding="utf-8")
    code, _, err = run("index", str(GOOD), "--db", str(db), "--no-cache")
    assert code == 2 and "not an SQLite database" in err
    assert db.read_text(encoding="utf-8").startswith("not a database")


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.slow
def test_item8_outputs_get_the_mode_open_would_give(tmp_path: Path, umask_022: None) -> None:
    outs = {
        "parse.json": ["parse", str(GOOD), "--format", "json"],
        "check.json": ["check", str(GOOD), "--format", "json", "--no-cache", "--exit-zero"],
        "figures.csv": ["figures", str(GOOD)],
        "trend.csv": ["trend", str(GOOD), str(OTHER), "--format", "csv"],
        "diff.xlsx": ["diff", str(GOOD), str(OTHER), "--format", "xlsx"],
    }
    for name, args in outs.items():
        target = tmp_path / name
        code, _, err = run(*args, "-o", str(target))
        assert code == 0, (name, err)
        assert stat.S_IMODE(target.stat().st_mode) == 0o644, name
    plot = tmp_path / "trend.png"
    assert run("trend", str(GOOD), str(OTHER), "--plot", str(plot), "--no-cache")[0] == 0
    assert stat.S_IMODE(plot.stat().st_mode) == 0o644
    kept = tmp_path / "kept.json"
    kept.write_text("{}", encoding="utf-8")
    kept.chmod(0o640)
    assert run("parse", str(GOOD), "--format", "json", "-o", str(kept))[0] == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640  # an existing file keeps its mode, as with open()


def test_item14_symlinks_out_of_the_folder_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.txt").write_bytes(OTHER.read_bytes())
    edge = tmp_path / "edge"
    (edge / "inner").mkdir(parents=True)
    (edge / "inner" / "r.txt").write_bytes(GOOD.read_bytes())
    (edge / "up").symlink_to("..")  # the whole parent, edge/ itself included
    (edge / "alias").symlink_to("inner")  # stays inside: followed (its file is the same file, read once)
    (edge / "out.txt").symlink_to(outside / "other.txt")
    code, out, _ = run("parse", str(edge), "--format", "jsonl", "--no-cache")
    paths = [line.split('"path": "')[1].split('"')[0] for line in out.strip().splitlines()]
    assert code == 0
    assert all("outside" not in p and "/up/" not in p and not p.endswith("out.txt") for p in paths), paths
    code, out, _ = run("parse", str(edge), "--format", "jsonl", "--no-cache", "--follow-symlinks")
    assert code == 0 and "out.txt" in out  # followed on request


def test_item14_index_reports_broken_files_on_every_run(tmp_path: Path) -> None:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "ok.txt").write_bytes(GOOD.read_bytes())
    (folder / "trasig.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "tom.txt").write_bytes(b"")
    db = tmp_path / "a.sqlite"
    first = run("index", str(folder), "--db", str(db), "--no-cache")
    second = run("index", str(folder), "--db", str(db), "--no-cache")
    assert first[0] == second[0] == 2
    for _, _, err in (first, second):
        assert err.count("kvcli: error: ") == 2 and "trasig.docx" in err and "tom.txt" in err
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM documents WHERE error IS NOT NULL").fetchone() == (2,)
