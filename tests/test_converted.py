"""Item 11 (and the wording of item 14): files LibreOffice converts before kvcli reads them.

LibreOffice is replaced by a stand-in converter, so these run the same with and without it installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx_factory import make_docx, p, raw_p, table

import kvcli.readers
from kvcli.cli import main
from kvcli.errors import InputError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"
EMPTY_TABLE = table(["<w:tc><w:p/></w:tc>", "<w:tc><w:p/></w:tc>"])
CONVERSIONS = {
    "nothing": b"",
    "empty-paragraphs": make_docx("<w:p/><w:p/>"),
    "whitespace-and-zero-width": make_docx(p("   ") + raw_p("<w:r><w:t>\u200b\ufeff\u00a0</w:t></w:r>")),
    "empty-table": make_docx(EMPTY_TABLE + "<w:p/>"),
}


@pytest.fixture()
def fake_soffice(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    result: dict[str, bytes] = {}
    monkeypatch.setattr(kvcli.readers.shutil, "which", lambda cmd: f"/opt/fake/{cmd}")
    monkeypatch.setattr(
        kvcli.readers, "_convert_with_soffice", lambda name, path, soffice, kind: result["docx"]
    )
    return result


def damaged_doc(tmp_path: Path) -> Path:
    path = tmp_path / "skadad.doc"
    path.write_bytes(OLE + b"\x00" * 600)
    return path


@pytest.mark.parametrize("conversion", list(CONVERSIONS))
def test_item11_empty_conversion_is_an_unreadable_file(
    tmp_path: Path, fake_soffice: dict[str, bytes], conversion: str
) -> None:
    fake_soffice["docx"] = CONVERSIONS[conversion]
    path = damaged_doc(tmp_path)
    with pytest.raises(InputError) as exc:
        kvcli.readers.read(path)
    assert str(exc.value) == (
        f"{path}: older Word (.doc) file: LibreOffice produced an empty document; the file is probably damaged"
    )


def test_item11_check_reports_the_damaged_file_with_exit_2_not_nine_findings(
    tmp_path: Path, fake_soffice: dict[str, bytes]
) -> None:
    fake_soffice["docx"] = CONVERSIONS["empty-paragraphs"]
    path = damaged_doc(tmp_path)
    r = CliRunner().invoke(main, ["check", str(path)])
    assert r.exit_code == 2, r.output
    assert "LibreOffice gav ett tomt dokument" in r.stderr + r.stdout  # the check report is Swedish
    assert "KV101" not in r.stdout


def test_item11_a_real_conversion_is_read_and_says_where_it_came_from(
    tmp_path: Path, fake_soffice: dict[str, bytes]
) -> None:
    fake_soffice["docx"] = make_docx(p("Kvalitetsberättelse 2015") + p("Vi följer upp avvikelser."))
    rr = kvcli.readers.read(damaged_doc(tmp_path))
    assert [b.text for b in rr.blocks] == ["Kvalitetsberättelse 2015", "Vi följer upp avvikelser."]
    assert rr.warnings == ["converted from older Word (.doc) with LibreOffice before reading"]


def test_item11_unreadable_conversion_names_libreoffice(
    tmp_path: Path, fake_soffice: dict[str, bytes]
) -> None:
    fake_soffice["docx"] = b"PK\x03\x04 not really a zip"
    with pytest.raises(
        InputError, match=r"older Word \(\.doc\) file: LibreOffice's conversion cannot be read"
    ):
        kvcli.readers.read(damaged_doc(tmp_path))


@pytest.mark.parametrize(
    ("name", "data", "label"),
    [
        ("rapport.odt", ODT, "OpenDocument (.odt)"),
        ("rapport.doc", OLE + b"\x00" * 600, "older Word (.doc)"),
        ("rapport.rtf", b"{\\rtf1\\ansi Hej}", "RTF (.rtf)"),
        ("rapport.wpd", b"\xffWPC" + b"\x00" * 60, "WordPerfect (.wpd)"),
    ],
)
def test_item14_formats_are_named_as_users_know_them_not_legacy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, label: str
) -> None:
    monkeypatch.setattr(kvcli.readers.shutil, "which", lambda cmd: None)  # LibreOffice not installed
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        kvcli.readers.read(path)
    message = str(exc.value)
    assert message.startswith(f"{path}: {label} files are read through LibreOffice, which is not installed")
    assert "legacy" not in message.lower() and "Word Document (.docx)" in message
