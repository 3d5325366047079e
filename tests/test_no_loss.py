"""Nothing is lost: every word of every non-TOC line ends up in exactly one section (or is page furniture)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import kvcli
from kvcli.structure.cues import is_toc_title, toc_entry

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORD_RE = re.compile(r"\w+")


def _input_words(path: Path, toc_lines: set[int]) -> Counter[str]:
    words: Counter[str] = Counter()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n in toc_lines:
            continue
        words.update(WORD_RE.findall(line))
    return words


def _output_words(doc: kvcli.Document) -> Counter[str]:
    words: Counter[str] = Counter()
    for s in doc.sections:
        words.update(WORD_RE.findall(s.title))
        words.update(WORD_RE.findall(s.text))
    for t in doc.tables:
        for row in t.header + t.rows:
            for cell in row:
                words.update(WORD_RE.findall(cell))
    for f in doc.furniture:
        words.update(WORD_RE.findall(f))
    return words


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_body_word_lands_in_exactly_one_section(path: Path) -> None:
    doc = kvcli.parse(path)
    toc_lines = {e.line for e in doc.toc if e.line is not None}
    # The TOC title line too ("Innehåll"), which precedes the first entry.
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, start=1):
        if is_toc_title(line.strip()) and any(ln in toc_lines for ln in range(n + 1, n + 4)):
            toc_lines.add(n)
    assert all(
        toc_entry(lines[n - 1].strip())
        for n in toc_lines
        if not is_toc_title(lines[n - 1].strip())
    )
    expected = _input_words(path, toc_lines)
    got = _output_words(doc)
    assert expected - got == Counter(), "words lost"
    assert got - expected == Counter(), "words duplicated or invented"
