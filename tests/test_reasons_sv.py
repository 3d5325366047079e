"""Why a file cannot be read, in the language of the report: `kvcli check --lang sv` gives the readers'
reasons in Swedish, `--lang en` as the readers wrote them; JSON keeps the readers' own (stable) text."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from pdf_factory import PdfBuilder, encrypted_pdf

from kvcli.cli import main
from kvcli.output.reasons import reason_text

ENGLISH = re.compile(r"\b(?:file|not a|over the|refused|cannot|empty|password|layer|valid|has no|failed|error)\b")


def _bad_files(root: Path) -> list[Path]:
    root.mkdir()
    (root / "tom.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \n\t\n")
    (root / "binar.txt").write_bytes(bytes(range(256)) * 4)
    (root / "trasig.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    (root / "trasig.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with zipfile.ZipFile(root / "inte-word.docx", "w") as z:
        z.writestr("hello.txt", "hej")
    (root / "skannad.pdf").write_bytes(PdfBuilder().new_page().rect(50, 50, 400, 600).bytes())
    (root / "losen.pdf").write_bytes(encrypted_pdf())
    return sorted(root.iterdir())


def _unreadable_lines(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ": kan inte läsas: " in ln or ": cannot be read: " in ln]


def test_reasons_are_swedish_under_lang_sv_and_english_under_lang_en(tmp_path: Path) -> None:
    files = _bad_files(tmp_path / "arkiv")
    runner = CliRunner()
    sv = runner.invoke(main, ["check", "--no-cache", "--lang", "sv", *map(str, files)])
    en = runner.invoke(main, ["check", "--no-cache", "--lang", "en", *map(str, files)])
    sv_lines, en_lines = _unreadable_lines(sv.output), _unreadable_lines(en.output)
    assert len(sv_lines) == len(en_lines) == len(files), sv.output
    for line in sv_lines:
        reason = line.split(": kan inte läsas: ", 1)[1].lower()
        assert not ENGLISH.search(reason), line
    for line in en_lines:
        assert "kan inte" not in line and "filen" not in line, line
    report = json.loads(runner.invoke(main, ["check", "--no-cache", "--lang", "sv", "--format", "json",
                                             *map(str, files)]).stdout)  # fmt: skip
    errors = {Path(f["path"]).name: f["error"] for f in report["files"]}
    assert errors["tom.txt"] == "file is empty"  # JSON: the readers' text, for scripts


def test_numbers_grouped_the_swedish_way_and_unknown_reasons_kept() -> None:
    assert reason_text("file is 2,000,000 bytes, over the --max-file-size limit of 1,048,576", "sv") == (
        "filen är 2\u00a0000\u00a0000 byte, över gränsen för --max-file-size på 1\u00a0048\u00a0576"
    )
    assert reason_text("timed out after 2.5 s (--timeout); skipped", "sv") == (
        "tog längre tid än 2.5 s (--timeout); hoppades över"
    )
    assert reason_text("something new went wrong", "sv") == "something new went wrong"
    assert reason_text("file is empty", "en") == "file is empty"
