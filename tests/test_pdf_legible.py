"""A PDF whose text layer holds glyph codes instead of letters (printed to PDF through PostScript, fonts
without a Unicode mapping) is refused with a clear reason, not read as a report of garbage chapters; a
readable PDF, a list of names or a table-heavy page is never refused."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_factory import PdfBuilder

from kvcli.cli import main
from kvcli.readers.pdf_legible import illegible

PROSE = (
    "Under året har enheten arbetat med att utveckla rutinerna för avvikelser och synpunkter. Det är "
    "viktigt att alla medarbetare känner till hur en avvikelse ska rapporteras och att den följs upp "
    "i verksamheten. Vi har också haft utbildning i lex Sarah för all personal under hösten. "
)


def _shift(text: str, by: int) -> str:
    """What a font with glyph indices for codes gives: every letter moved by the same amount (the spaces
    kept, as a producer that draws them as spaces does)."""
    return "".join(chr(ord(c) - by) if c.isalpha() and ord(c) - by > 32 else c for c in text)


def test_prose_is_legible() -> None:
    assert not illegible(PROSE * 10)


def test_letters_shifted_by_a_font_offset_are_not() -> None:
    assert illegible(_shift(PROSE * 10, 29))


def test_glyph_indices_read_as_control_characters_are_not() -> None:
    rng = random.Random(7)
    assert illegible("".join(chr(rng.randint(1, 31)) if rng.random() < 0.8 else "!" for _ in range(3000)))


def test_a_list_of_names_and_a_table_stay_legible() -> None:
    names = "\n".join(f"Anna Andersson\tEnhetschef\tTallbacken {i}\tÖSTRA VÄGEN {i}" for i in range(80))
    table = "\n".join(f"Nässjö\t{i}\t{i + 3}\tTotalt\tSoL\tLSS\tIVO" for i in range(80))
    assert not illegible(names)
    assert not illegible(table)


def test_short_text_is_never_judged() -> None:
    assert not illegible(_shift("Vår enhet och verksamhet", 29))


def _pdf(tmp_path: Path, lines: list[str]) -> Path:
    b = PdfBuilder().new_page()
    for k, ln in enumerate(lines):
        b.text(ln, 72, 780 - 14 * k, size=10)
    path = tmp_path / "utskriven.pdf"
    path.write_bytes(b.bytes())
    return path


@pytest.mark.parametrize("readable", [True, False])
def test_cli_refuses_a_pdf_of_glyph_codes_with_its_reason(tmp_path: Path, readable: bool) -> None:
    words = PROSE.split()
    lines = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)] * 4
    path = _pdf(tmp_path, lines if readable else [_shift(ln, 29) for ln in lines])
    result = CliRunner().invoke(main, ["parse", "--no-cache", str(path)])
    if readable:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 2
        assert "utskriven.pdf" in result.output and "does not read as text" in result.output
        assert "Traceback" not in result.output
