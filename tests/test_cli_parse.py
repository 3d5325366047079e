"""``kvcli parse`` through click's runner: formats, output files, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli import __version__
from kvcli.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD = str(SAMPLES / "vetlanda-vuxen-2013.txt")


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("parse", "--help")
    assert code == 0 and "Examples" in out and "--format" in out


def test_text_outline() -> None:
    code, out, err = run("parse", GOOD)
    assert code == 0 and err == ""
    assert "Riskanalys  [2 questions]" in out
    assert "organisation: Vetlanda kommun  [named in the text (3 times), l.230]" in out
    # Each value says where it was read: the cue and the line.
    assert "signatory:    Cecilia Clausson, Sektionschef  [signature under the closing date, l.507]" in out
    assert "report date:  2014-04-15  [closing date line, l.505]" in out


def test_jsonl_one_object_per_file() -> None:
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    code, out, _ = run("parse", *files, "--format", "jsonl")
    assert code == 0
    lines = out.strip().split("\n")
    assert len(lines) == len(files)
    assert [json.loads(ln)["source"]["path"] for ln in lines] == files


def test_markdown_rerenders_headings_and_tables() -> None:
    code, out, _ = run("parse", GOOD, "--format", "markdown")
    assert code == 0
    assert "\n## Riskanalys\n" in out
    assert "| År | Antal avslagsbeslut | Antal överklaganden |" in out


def test_output_file_written(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.json"
    code, out, _ = run("parse", GOOD, "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "kvcli.document/1"
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]  # no temp files left behind


@pytest.mark.parametrize(
    "make,reason",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory with no reports in it"),
        (lambda d: _write(d / "empty.txt", b""), "file is empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\n \t\n"), "file is empty"),
        (lambda d: _write(d / "garbage.txt", bytes(range(256)) * 40), "binary content"),
        (lambda d: _write(d / "report.xyz", b"hello"), "unsupported file type '.xyz'"),
        (
            lambda d: _write(d / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
            "older Word (.doc)",
        ),
    ],
)
def test_bad_input_one_line_exit_2_and_others_still_parsed(tmp_path: Path, make, reason: str) -> None:  # type: ignore[no-untyped-def]
    bad = make(tmp_path)
    code, out, err = run("parse", str(bad), GOOD)
    assert code == 2
    lines = err.strip().split("\n")
    assert len(lines) == 1, err
    assert lines[0].startswith(f"kvcli: error: {bad}: ") and reason in lines[0]
    assert "Traceback" not in err
    assert "Vetlanda kommun" in out  # the good file after the bad one was still parsed


def test_folder_is_parsed_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "r.txt").write_bytes((SAMPLES / "jonkoping-behandling-2016.txt").read_bytes())
    (tmp_path / "a" / "~$r.docx").write_bytes(b"lock")
    code, out, err = run("parse", str(tmp_path), "--format", "jsonl")
    assert code == 0 and err == ""
    assert [json.loads(x)["source"]["path"] for x in out.strip().split("\n")] == [str(tmp_path / "a" / "b" / "r.txt")]


def test_personnummer_never_printed(tmp_path: Path) -> None:
    p = _write(tmp_path / "pnr.txt", b"Rubrik\n\nBrukaren 19811218-9876 klagade.\n")
    for fmt in ("text", "json", "jsonl", "markdown"):
        code, out, err = run("parse", str(p), "--format", fmt)
        assert code == 0
        assert "811218-9876" not in out and "8112189876" not in out
        if fmt != "text":  # the outline does not print body text
            assert "19811218-****" in out


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p
