"""PDF reader: corpus renditions against truth.json, furniture, word loss, and refusals."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from classified import read
from corpus_paths import CORPUS, NAMES, SAMPLES
from pdf_factory import PdfBuilder, encrypted_pdf

import kvcli
from kvcli.errors import InputError, LimitError
from kvcli.limits import Limits
from kvcli.structure.toc import norm_title

WORD = re.compile(r"\w+")


def truth(name: str, style: str) -> dict:  # type: ignore[type-arg]
    return json.loads((CORPUS / f"{name}.{style}.truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("style", ["a", "b"])
def test_headings_and_tables_against_truth(name: str, style: str) -> None:
    t = truth(name, style)
    rr = read(SAMPLES / f"{name}.{style}.pdf")
    assert rr.pages == t["pdf_pages"]
    got = [(norm_title(b.text), b.level) for b in rr.blocks if b.kind == "heading"]
    want = [(norm_title(h["text"]), h["level"]) for h in t["headings"]]
    tp = sum((Counter(g for g, _ in got) & Counter(w for w, _ in want)).values())
    assert 2 * tp / (len(got) + len(want)) >= 0.95
    levels = dict(got)
    assert sum(levels.get(w) == lvl for w, lvl in want) / len(want) >= 0.9
    assert all(b.page for b in rr.blocks)
    got_tables = [b.rows for b in rr.blocks if b.kind == "table"]
    want_tables = [[tb["header"], *tb["rows"]] for tb in t["tables"]]
    assert len(got_tables) == len(want_tables)
    for w, g in zip(want_tables, got_tables):
        right = sum(a == b for ra, rb in zip(w, g) for a, b in zip(ra, rb))
        assert right / sum(len(r) for r in w) >= 0.98, (w[:2], g[:2])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("style", ["a", "b"])
def test_outline_or_typography_as_the_format_allows(name: str, style: str) -> None:
    sources = {b.heading_source for b in read(SAMPLES / f"{name}.{style}.pdf").blocks if b.kind == "heading"}
    assert sources == ({"outline"} if style == "a" else {"typography"})


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("style", ["a", "b"])
def test_no_furniture_in_body_and_word_loss_small(name: str, style: str) -> None:
    t = truth(name, style)
    doc = kvcli.parse(SAMPLES / f"{name}.{style}.pdf")
    body = "\n".join(s.text for s in doc.sections)
    assert not re.search(rf"Sida \d+ \({t['pdf_pages']}\)", body)
    header = (t["page_furniture"].get("header") or "").split("\t")[0]
    if header:
        assert header not in body
    assert doc.furniture
    # Body words vs the .txt source (minus its TOC and page numbers): the loss rate stays under 0.5 %.
    txt = kvcli.parse(SAMPLES / f"{name}.txt")
    src = Counter(WORD.findall((SAMPLES / f"{name}.txt").read_text(encoding="utf-8")))
    for e in txt.toc:
        src -= Counter(WORD.findall(e.title) + [str(e.page)])
    src -= Counter(WORD.findall(" ".join(txt.furniture)))
    got: Counter[str] = Counter()
    for s in doc.sections:
        got.update(WORD.findall(s.title + " " + s.text))
    for tb in doc.tables:
        for row in tb.header + tb.rows:
            got.update(WORD.findall(" ".join(row)))
    lost = src - got
    assert sum(lost.values()) / sum(src.values()) < 0.005, lost.most_common(10)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("style", ["a", "b"])
def test_pdf_figures_and_questions_agree_with_text(name: str, style: str) -> None:
    def key(f: kvcli.model.Figure) -> tuple[str, int | None, float]:
        return (f.label, f.period, round(f.value, 6))

    txt = kvcli.parse(SAMPLES / f"{name}.txt")
    pdf = kvcli.parse(SAMPLES / f"{name}.{style}.pdf")
    t, p = {key(f) for f in txt.figures}, {key(f) for f in pdf.figures}
    assert len(t & p) / len(t) >= 0.95
    assert (
        all(f.page for f in pdf.figures)
        and all(tb.page for tb in pdf.tables)
        and all(s.page for s in pdf.sections)
    )
    want = [(q["text"], q["options"], q["ticked"]) for q in truth(name, style)["checkbox_questions"]]
    assert [(q.text, q.options, q.answer or []) for q in pdf.questions] == want


def test_toc_page_recognised_with_levels() -> None:
    doc = kvcli.parse(SAMPLES / "jonkoping-behandling-2016.b.pdf")
    assert [(e.title, e.level) for e in doc.toc[:4]] == [
        ("Inledning", 1),
        ("Varför en resultat- och kvalitetsberättelse?", 2),
        ("Vår enhet", 2),
        ("Kvalitetsarbete", 1),
    ]
    assert not any(s.title.startswith("Innehåll") for s in doc.sections)


def test_two_column_reading_order(tmp_path: Path) -> None:
    b = PdfBuilder().new_page()
    for i in range(10):
        b.text(f"Vänster rad {i} med löptext i spalten", 50, 700 - 14 * i)
        b.text(f"Höger rad {i} med löptext i spalten", 320, 700 - 14 * i)
    f = tmp_path / "two.pdf"
    f.write_bytes(b.bytes())
    text = " ".join(x.text for x in read(f).blocks)
    assert text.index("Vänster rad 9") < text.index("Höger rad 0")


def test_swedish_numbers_stay_in_one_cell(tmp_path: Path) -> None:
    b = PdfBuilder().new_page()
    for k, (label, a, c) in enumerate(
        [("Område", "2013", "2014"), ("Utbetalt", "94 049", "87 751"), ("Hushåll", "1 391", "1 594")]
    ):
        b.text(label, 60, 700 - 16 * k).text(a, 300, 700 - 16 * k).text(c, 400, 700 - 16 * k)
    f = tmp_path / "t.pdf"
    f.write_bytes(b.bytes())
    (t,) = [x.rows for x in read(f).blocks if x.kind == "table"]
    assert t == [["Område", "2013", "2014"], ["Utbetalt", "94 049", "87 751"], ["Hushåll", "1 391", "1 594"]]


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    f = tmp_path / "scan.pdf"
    f.write_bytes(PdfBuilder().new_page().rect(50, 50, 400, 600).bytes())
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read(f)


def test_encrypted_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    f = tmp_path / "locked.pdf"
    f.write_bytes(encrypted_pdf())
    with pytest.raises(InputError, match="lösenordsskyddad"):
        read(f)


def test_truncated_and_garbage_pdf(tmp_path: Path) -> None:
    data = (SAMPLES / "jonkoping-behandling-2016.a.pdf").read_bytes()
    f = tmp_path / "half.pdf"
    f.write_bytes(data[: len(data) // 3])
    try:
        doc = kvcli.parse(f)  # pdfium may recover the pages it still has
        assert doc.source.pages is not None
    except InputError as exc:
        assert str(exc).startswith(str(f))
    g = tmp_path / "garbage.pdf"
    g.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 10)
    with pytest.raises(InputError, match="not a valid PDF"):
        read(g)


def test_page_limit(tmp_path: Path) -> None:
    b = PdfBuilder()
    for i in range(5):
        b.new_page().text(f"sida {i}", 50, 700)
    f = tmp_path / "many.pdf"
    f.write_bytes(b.bytes())
    with pytest.raises(LimitError, match="5 pages, over the limit of 3"):
        read(f, Limits(max_pages=3))
