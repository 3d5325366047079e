"""A ligature whose Unicode mapping a re-distilling producer wrote byte-swapped ("ti" as U+7400 U+6900)
reads as its letters again; CJK text is left as it is."""

from __future__ import annotations

from kvcli.readers.pdf_layout import Run, _emit


def _text(s: str) -> str:
    runs: list[Run] = []
    _emit(runs, list(s), 0, 0, 10, 10, (11.0, False, False, -1, False))
    return runs[0].text


def test_swapped_ligatures_inside_words_are_letters_again() -> None:
    assert _text("Systema\u7400\u6900skt förbä\u7400\u7400ringsarbete") == "Systematiskt förbättringsarbete"
    assert _text("Mer informa\u7400\u6900on") == "Mer information"
    assert _text("\u6600\u6900nns") == "finns"  # a ligature that opens the word


def test_cjk_text_and_lone_characters_stay() -> None:
    assert _text("東京 2015") == "東京 2015"
    assert _text("\u7400 \u6900") == "\u7400 \u6900"
    assert _text("Tokyo\u6771\u4eac") == "Tokyo\u6771\u4eac"  # low bytes not zero: real characters
