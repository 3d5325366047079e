"""Markdown pipe tables (what pandoc and HTML-to-text converters write) are tables; a pipe without a
delimiter row under the first line is text."""

from __future__ import annotations

from pathlib import Path

import kvcli

DOC = """# Kvalitetsberättelse 2015

## Avvikelser

Under året inkom 12 avvikelser.

| År   | Avvikelser | Lex Sarah |
|------|-----------:|:---------:|
| 2014 |         10 |         1 |
| 2015 |         12 |         2 |

## Synpunkter

Kategori | Antal
--- | ---
Bemötande \\| vård | 4
Tillgänglighet | 7

## Riskanalys

Vi har gjort en riskanalys | den följs upp varje år.
"""


def _parse(tmp_path: Path, text: str, name: str = "rapport.md") -> kvcli.Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return kvcli.parse(path)


def test_pipe_tables_become_tables_with_typed_figures(tmp_path: Path) -> None:
    doc = _parse(tmp_path, DOC)
    assert [s.title for s in doc.sections if s.title] == ["Kvalitetsberättelse 2015", "Avvikelser", "Synpunkter", "Riskanalys"]
    first, second = doc.tables
    assert first.header == [["År", "Avvikelser", "Lex Sarah"]]
    assert first.rows == [["2014", "10", "1"], ["2015", "12", "2"]]
    assert second.header == [["Kategori", "Antal"]]
    assert second.rows == [["Bemötande | vård", "4"], ["Tillgänglighet", "7"]]
    assert 12.0 in [f.value for f in doc.figures if f.table_id == first.id]


def test_a_pipe_in_prose_is_text(tmp_path: Path) -> None:
    doc = _parse(tmp_path, DOC, name="rapport.txt")
    assert len(doc.tables) == 2
    risk = next(s for s in doc.sections if s.title == "Riskanalys")
    assert "Vi har gjort en riskanalys | den följs upp varje år." in risk.text
