"""Item 13: text reports in UTF-32 are read as UTF-32, not as UTF-16 with NULs between the letters."""

from __future__ import annotations

from pathlib import Path

import pytest

import kvcli
from kvcli.errors import InputError

TEXT = "Kvalitetsberättelse 2014\n\nÅtgärder för ökad öppenhet\n\nVi har följt upp 12 avvikelser.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-32"),  # the platform's order, with its BOM
        b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"),
        b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"),
    ],
    ids=["native", "le", "be"],
)
def test_item13_utf32_text_with_bom_is_read_as_utf32(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "rapport.txt"
    path.write_bytes(data)
    doc = kvcli.parse(path)
    assert doc.source.encoding == "utf-32"
    text = "\n".join([s.title for s in doc.sections] + [s.text for s in doc.sections])
    assert "Åtgärder för ökad öppenhet" in text and "Vi har följt upp 12 avvikelser." in text
    assert "\x00" not in text


def test_item13_broken_utf32_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "trasig.txt"
    cut_surrogate = b"\x00\xd8\x00"
    path.write_bytes(b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le") + cut_surrogate)
    with pytest.raises(InputError, match="looks like UTF-32 text but does not decode"):
        kvcli.parse(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_item13_utf16_with_bom_still_reads(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path = tmp_path / "rapport.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    doc = kvcli.parse(path)
    assert doc.source.encoding == "utf-16"
    assert "Åtgärder för ökad öppenhet" in "\n".join(s.title for s in doc.sections)
