"""Text reader: encodings, line endings, TOC, TSV tables, bullets, questions, flattened transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kvcli
from kvcli.errors import InputError
from kvcli.limits import DEFAULT_LIMITS
from kvcli.readers.text import classify_lines, decode, read_text
from kvcli.structure.tables import group_line_tables, infer_header_rows

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

DOC = """Innehåll

Inledning\t3
Riskanalys.....\t4
Egenkontroll\t5

Inledning

Kvalitetsberättelsen för år 2015 beskriver vårt arbete.

Riskanalys

Har ni gjort en riskanalys under året?

Ja x Nej

Egenkontroll

År\tAntal ärenden\tAndel klara
2014\t1 234\t45,5 %
2015\t1 391\t50 %

- första punkten
- andra punkten
"""


def _doc(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "r.txt") -> kvcli.Document:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return kvcli.parse(p)


@pytest.mark.parametrize(
    "encoding,expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"), ("utf-16", "utf-16")],
)
def test_encodings_keep_swedish_letters(tmp_path: Path, encoding: str, expected: str) -> None:
    doc = _doc(tmp_path, DOC, encoding)
    assert doc.source.encoding == expected
    assert [s.title for s in doc.sections] == ["Inledning", "Riskanalys", "Egenkontroll"]
    assert "Kvalitetsberättelsen för år 2015" in doc.sections[0].text


def test_latin1_with_c1_bytes_falls_back() -> None:
    data = "Åtgärder för år".encode("latin-1") + b"\x81"
    text, enc = decode("x.txt", data)
    assert enc == "latin-1"
    assert text.startswith("Åtgärder för år")


def test_utf8_and_cp1252_parse_identically(tmp_path: Path) -> None:
    a = _doc(tmp_path, DOC, "utf-8", "a.txt").to_dict()
    b = _doc(tmp_path, DOC.replace("\n", "\r\n"), "cp1252", "b.txt").to_dict()
    for d in (a, b):
        d["source"] = {}
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_corpus_sample_utf8_vs_cp1252(tmp_path: Path) -> None:
    src = SAMPLES / "vetlanda-vuxen-2013.txt"
    (tmp_path / "u.txt").write_bytes(src.read_bytes())
    (tmp_path / "c.txt").write_bytes(src.read_text(encoding="utf-8").encode("cp1252"))
    a, b = kvcli.parse(tmp_path / "u.txt").to_dict(), kvcli.parse(tmp_path / "c.txt").to_dict()
    assert a["source"]["encoding"] == "utf-8" and b["source"]["encoding"] == "cp1252"
    assert a["source"]["sha256"] != b["source"]["sha256"]
    for d in (a, b):
        d["source"] = {}
    assert a == b


def test_toc_is_not_sections_and_levels_headings(tmp_path: Path) -> None:
    doc = _doc(tmp_path, DOC)
    assert [e.title for e in doc.toc] == ["Inledning", "Riskanalys", "Egenkontroll"]
    assert [e.page for e in doc.toc] == [3, 4, 5]
    assert all(s.heading_source == "toc" for s in doc.sections)
    assert not any("Innehåll" in s.text for s in doc.sections)


def test_tables_numbers_and_figures(tmp_path: Path) -> None:
    doc = _doc(tmp_path, DOC)
    (t,) = doc.tables
    assert t.header == [["År", "Antal ärenden", "Andel klara"]]
    assert t.rows == [["2014", "1 234", "45,5 %"], ["2015", "1 391", "50 %"]]
    figs = {(f.label, f.period): (f.value, f.unit) for f in doc.figures}
    assert figs[("Antal ärenden", 2015)] == (1391, None)
    assert figs[("Andel klara", 2014)] == (45.5, "%")


def test_questions_answered_and_unanswered(tmp_path: Path) -> None:
    doc = _doc(tmp_path, DOC + "\nHar brister identifierats?\n\nJa Nej\n")
    qs = {q.text: q.answer for q in doc.questions}
    assert qs["Har ni gjort en riskanalys under året?"] == ["Ja"]
    assert qs["Har brister identifierats?"] is None


def test_bullets_and_bold() -> None:
    blocks = classify_lines(["- en punkt", "**Fet rubrik**", "vanlig text"], 1000)
    assert [(b.kind, b.text, b.bold) for b in blocks] == [
        ("list_item", "en punkt", False),
        ("paragraph", "Fet rubrik", True),
        ("paragraph", "vanlig text", False),
    ]


def test_two_row_header_detected() -> None:
    lines = [
        "\t2011\t\t2012\t",
        "\tInledda\tAktuella\tInledda\tAktuella",
        "CM\t2\t15\t7\t17",
        "Slussen\t11\t21\t3\t14",
    ]
    (b,) = group_line_tables(classify_lines(lines, 1000))
    assert b.kind == "table" and infer_header_rows(b.rows) == 2


def test_nbsp_and_thin_space_normalised(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "Rubrik\n\nÅr\tAntal\n2014\t1\u00a0391\n2015\t11\u2009893\n")
    assert sorted(f.value for f in doc.figures) == [1391, 11893]


def test_markdown_headings(tmp_path: Path) -> None:
    doc = _doc(tmp_path, "# Kvalitet\n\ntext\n\n## Riskanalys\n\nmer text\n", name="r.md")
    assert [(s.title, s.level, s.path) for s in doc.sections] == [
        ("Kvalitet", 1, ["Kvalitet"]),
        ("Riskanalys", 2, ["Kvalitet", "Riskanalys"]),
    ]


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        read_text("x.txt", b"\x00\x01\x02garbage" * 100, "0" * 64, DEFAULT_LIMITS)


def test_long_line_is_split_with_warning(tmp_path: Path) -> None:
    from kvcli.limits import Limits
    from kvcli.pipeline import read_document

    p = tmp_path / "long.txt"
    p.write_text("Rubrik\n\n" + "ord " * 5000 + "\n", encoding="utf-8")

    doc = read_document(p, Limits(max_line_chars=1000))
    assert any("split" in w for w in doc.warnings)
    assert sum(s.text.count("ord") for s in doc.sections) == 5000
