"""Issue 10 item 9: file names that are not UTF-8, or that carry newlines, carriage returns, terminal escapes
or bidi controls, are shown escaped in every output of every command, never raw and never as a traceback;
machine outputs keep the raw bytes recoverable (``path_bytes``, base64)."""

from __future__ import annotations

import base64
import io
import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from kvcli.cli import main
from kvcli.output.safe import error_line, path_bytes, safe_path


def _report(year: int, a: int, b: int) -> str:
    return (f"Kvalitetsberättelse {year}\n\nInledning\n\nVerksamheten följer upp avvikelser.\n\n"
            f"Statistik\n\nÄrende\t{year - 1}\t{year}\nAvvikelser\t{a}\t{a + 1}\nKlagomål\t{b}\t{b + 2}\n")  # fmt: skip


# The names, as bytes: the file system takes any byte but "/" and NUL.
NAMES = {
    "latin1": "rapport-ö-2015.txt".encode("latin-1"),  # not UTF-8: b"\xf6"
    "invalid": b"rapport-\xff\xfe-2016.txt",
    "newline": b"rapport\nkvcli: error: forged line.txt",
    "escape": b"rapport-\x1b[31mred\x1b[0m.txt",
    "return": b"rapport\rovertyped.txt",
    "bidi": "rapport-\u202etxt.exe-2017.txt".encode(),
}
BROKEN = b"trasig\nkvcli: error: all good\x1b[2J.docx"  # unreadable: its name is in an error line


def _make(folder: Path, name: bytes, data: bytes) -> Path:
    path = os.path.join(os.fsencode(folder), name)
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except (OSError, ValueError) as exc:  # e.g. a file system that only takes UTF-8 names
        pytest.skip(f"this file system refuses the name {name!r}: {exc}")
    return Path(os.fsdecode(path))


@pytest.fixture
def archive(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "arkiv"
    folder.mkdir()
    made = {}
    for i, (key, name) in enumerate(NAMES.items()):
        made[key] = _make(folder, name, _report(2015 + i % 3, 3 + i, 2 + i).encode())
    made["broken"] = _make(folder, BROKEN, b"PK\x03\x04 not a zip")
    return made


CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _run(args: list[str]) -> Result:
    r = CliRunner().invoke(main, args, catch_exceptions=True)
    assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception, r.stderr)
    return r


def _assert_clean(text: str, where: object) -> None:
    """No character that a terminal would act on, no undecodable byte, no line a name could forge."""
    assert not CONTROL.search(text), (where, CONTROL.findall(text)[:5], text[:400])
    for line in text.splitlines():
        assert not line.startswith("kvcli: error: all good"), (where, line)
        assert not line.startswith("kvcli: error: forged"), (where, line)


def _recovered(record: dict[str, object], key: str = "path") -> set[str]:
    raw = record.get(f"{key}_bytes")
    return {os.fsdecode(base64.b64decode(str(raw)))} if raw else {str(record[key])}


def _real(archive: dict[str, Path]) -> set[str]:
    return {str(p) for p in archive.values()}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_item9_check_over_a_folder_of_unsafe_names(archive: dict[str, Path], fmt: str) -> None:
    folder = archive["latin1"].parent
    r = _run(["check", str(folder), "--format", fmt, "--no-cache", "--exit-zero"])
    assert r.exit_code == 2  # the broken file; every other file is still reported
    for stream in (r.stdout, r.stderr):
        _assert_clean(stream, fmt)
    error_lines = [ln for ln in r.stderr.splitlines() if ln.startswith("kvcli: error:")]
    assert len(error_lines) == (0 if fmt == "text" else 1), r.stderr  # text prints the error in the report
    if fmt == "json":
        files = json.loads(r.stdout)["files"]
        assert set().union(*(_recovered(f) for f in files)) == _real(archive)
        assert sum(1 for f in files if f["error"]) == 1
    if fmt == "sarif":
        uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for res in json.loads(r.stdout)["runs"][0]["results"]
                for loc in res["locations"]}  # fmt: skip
        assert len(uris) == len(NAMES) and all(" " not in u and "\n" not in u for u in uris)
    if fmt == "junit":
        from xml.etree import ElementTree

        cases = ElementTree.fromstring(r.stdout.encode()).findall("testcase")  # XML 1.0 would refuse raw controls
        assert len(cases) == len(NAMES) + 1


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "markdown"])
def test_item9_parse_over_a_folder_of_unsafe_names(archive: dict[str, Path], fmt: str) -> None:
    folder = archive["latin1"].parent
    r = _run(["parse", str(folder), "--format", fmt])
    assert r.exit_code == 2
    _assert_clean(r.stdout, fmt)
    _assert_clean(r.stderr, fmt)
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("kvcli: error: ")
    assert safe_path(archive["broken"]) in r.stderr
    if fmt == "json":
        docs = json.loads(r.stdout)
        assert set().union(*(_recovered(d["source"]) for d in docs)) == _real(archive) - {str(archive["broken"])}
    if fmt == "jsonl":
        docs = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
        assert len(docs) == len(NAMES)


@pytest.mark.slow
@pytest.mark.parametrize("ext", ["csv", "json", "xlsx", "parquet"])
def test_item9_figures_over_a_folder_of_unsafe_names(archive: dict[str, Path], tmp_path: Path, ext: str) -> None:
    pd = pytest.importorskip("pandas")
    if ext == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"nyckeltal.{ext}"
    r = _run(["figures", str(archive["latin1"].parent), "-o", str(out), "--no-cache"])
    assert r.exit_code == 2 and out.exists(), r.stderr
    _assert_clean(r.stderr, ext)
    df = {"csv": pd.read_csv, "json": pd.read_json, "xlsx": pd.read_excel, "parquet": pd.read_parquet}[ext](out)
    rows = df[["path", "path_bytes"]].drop_duplicates().to_dict("records")
    recovered = set().union(*(_recovered({k: (None if pd.isna(v) else v) for k, v in row.items()}) for row in rows))
    assert recovered == _real(archive) - {str(archive["broken"])}
    for row in rows:
        _assert_clean(str(row["path"]), ext)


def test_item9_index_stores_the_escaped_path_and_the_raw_bytes(archive: dict[str, Path], tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    r = _run(["index", str(archive["latin1"].parent), "--db", str(db), "--no-cache"])
    assert r.exit_code == 2, r.stderr  # the broken file is a row with its error, the rest are indexed
    _assert_clean(r.stderr, "index")
    con = sqlite3.connect(db)
    rows = con.execute("SELECT path, path_bytes, error FROM documents").fetchall()
    con.close()
    assert {os.fsdecode(raw) if raw else path for path, raw, _ in rows} == {os.path.abspath(p) for p in _real(archive)}
    for path, _, _ in rows:
        _assert_clean(path, "index")
    assert sum(1 for *_, error in rows if error) == 1
    again = _run(["index", str(archive["latin1"].parent), "--db", str(db), "--no-cache"])
    unchanged = re.search(r"(\d+) unchanged", again.stderr)
    assert unchanged and int(unchanged.group(1)) >= len(NAMES), again.stderr  # every readable file found again


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_item9_trend_over_a_folder_of_unsafe_names(archive: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    plot = tmp_path / "trend\x1b[31m.svg"
    r = _run(["trend", str(archive["latin1"].parent), "--format", fmt, "--no-cache", "--plot", str(plot)])
    assert r.exit_code == 2 and plot.exists(), r.stderr
    _assert_clean(r.stdout, fmt)
    _assert_clean(r.stderr, fmt)
    assert "trend\\x1b[31m.svg" in r.stderr
    if fmt == "json":
        points = json.loads(r.stdout)
        names = set().union(*(_recovered(p, "source") for p in points))
        assert names <= _real(archive) and len(names) >= 2


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "xlsx"])
def test_item9_diff_of_two_unsafe_names(archive: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    old, new = archive["latin1"], archive["escape"]
    out = tmp_path / "diff.xlsx"
    r = _run(["diff", str(old), str(new), "--format", fmt, *(["-o", str(out)] if fmt == "xlsx" else [])])
    assert r.exit_code == 0, r.stderr
    _assert_clean(r.stdout, fmt)
    if fmt == "table":
        assert safe_path(old) in r.stdout and safe_path(new) in r.stdout
    if fmt == "json":
        d = json.loads(r.stdout)
        assert _recovered(d, "old") == {str(old)} and _recovered(d, "new") == {str(new)}
    if fmt == "xlsx":
        with zipfile.ZipFile(out) as z:
            assert all(not CONTROL.search(z.read(n).decode("utf-8")) for n in z.namelist())


def test_item9_diff_error_line_names_the_file_escaped(archive: dict[str, Path]) -> None:
    r = _run(["diff", str(archive["broken"]), str(archive["latin1"])])
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [r.stderr.strip()] and r.stderr.startswith(f"kvcli: error: {safe_path(archive['broken'])}: ")
    _assert_clean(r.stderr, "diff")


# --- the one representation ---------------------------------------------------------------------------------------

_UNESCAPE = re.compile(r"\\(\\|n|r|t|x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})")


def _unescape(shown: str) -> bytes:
    """Invert safe_path for a name without a personnummer: \\xNN is a raw byte, the rest are characters."""
    out = io.BytesIO()
    pos = 0
    for m in _UNESCAPE.finditer(shown):
        out.write(os.fsencode(shown[pos : m.start()]))
        esc = m.group(1)
        if esc[0] == "x":
            out.write(bytes([int(esc[1:], 16)]))
        else:
            ch = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t"}.get(esc) or chr(int(esc[1:], 16))
            out.write(os.fsencode(ch))
        pos = m.end()
    out.write(os.fsencode(shown[pos:]))
    return out.getvalue()


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b))
def test_item9_safe_path_is_printable_unambiguous_and_recoverable(name: bytes) -> None:
    from kvcli.privacy import find_personnummer

    text = os.fsdecode(name)
    if find_personnummer(text):
        return  # masked on purpose: not meant to be recoverable
    shown = safe_path(text)
    assert shown.isprintable() and shown.encode("utf-8")
    assert _unescape(shown) == name  # one name, one text: nothing hidden, nothing forged
    raw = path_bytes(text)
    assert (raw is None) == (shown == text)
    if raw is not None:
        assert base64.b64decode(raw) == name


def test_item9_error_line_is_one_line_whatever_the_name_and_reason() -> None:
    line = error_line(os.fsdecode(b"x\n\xff\x1b[2J"), "bad\r\nreason \x07 811218-9876")
    assert line == "kvcli: error: x\\n\\xff\\x1b[2J: bad\\r\\nreason \\x07 811218-****"


@pytest.mark.slow
def test_item9_check_with_the_cache_on_reports_every_file(archive: dict[str, Path], tmp_path: Path) -> None:
    for run in ("cold", "warm"):  # the second run answers from entries written for names that are not UTF-8
        r = _run(["check", str(archive["latin1"].parent), "--format", "json", "--cache-dir", str(tmp_path / "c")])
        files = json.loads(r.stdout)["files"]
        assert [f["path"] for f in files if f["error"]] == [safe_path(archive["broken"])], (run, r.stderr)
    assert sum(1 for _ in (tmp_path / "c").rglob("*.json")) >= 2
