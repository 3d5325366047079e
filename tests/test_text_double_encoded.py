"""Text that was UTF-8, read as Windows-1252 and saved again ("KvalitetsberÃ¤ttelse") is repaired, and
the reader says so; a text that only mentions such a sequence is left as it is."""

from __future__ import annotations

from kvcli.limits import DEFAULT_LIMITS
from kvcli.readers.text import read_text

REPORT = "Kvalitetsberättelse 2015\n\nÅtgärder\n\nVerksamheten har arbetat med förbättringar av rutinerna.\n"


def _read(text: str):
    return read_text("r.txt", text.encode("utf-8"), "0" * 64, DEFAULT_LIMITS)


def test_double_encoded_text_is_repaired_and_said_so() -> None:
    result = _read(REPORT.encode("utf-8").decode("cp1252"))
    assert [b.text for b in result.blocks][:2] == ["Kvalitetsberättelse 2015", "Åtgärder"]
    assert result.encoding == "utf-8, double-encoded"
    assert any("repaired" in w for w in result.warnings)


def test_text_with_its_own_letters_is_left_alone() -> None:
    text = "Åtgärder\n\nTecknen Ã¤, Ã¥ och Ã¶ visar fel teckenkodning.\n"
    result = _read(text)
    assert result.blocks[1].text == "Tecknen Ã¤, Ã¥ och Ã¶ visar fel teckenkodning."
    assert result.encoding == "utf-8" and not result.warnings

