"""DOCX reader: corpus renditions against truth.json, and hand-made fixtures for each OOXML feature."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from classified import read
from corpus_paths import CORPUS, NAMES, SAMPLES
from docx_factory import cell, checkbox, make_docx, numbering_decimal, p, raw_p, style, styles, table

import kvcli
from kvcli.batch.peak import peak_rss_kb
from kvcli.errors import InputError, LimitError
from kvcli.structure.toc import norm_title


def truth(name: str, style_: str) -> dict:  # type: ignore[type-arg]
    return json.loads((CORPUS / f"{name}.{style_}.truth.json").read_text(encoding="utf-8"))


def headings(path: Path) -> list[tuple[str, int]]:
    return [(b.text, b.level or 0) for b in read(path).blocks if b.kind == "heading"]


def tables(path: Path) -> list[list[list[str]]]:
    return [b.rows for b in read(path).blocks if b.kind == "table"]


# --- corpus -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_style_a_headings_tables_checkboxes_exact(name: str) -> None:
    t = truth(name, "a")
    path = SAMPLES / f"{name}.a.docx"
    assert headings(path) == [(h["text"], h["level"]) for h in t["headings"]]
    assert tables(path) == [[tb["header"], *tb["rows"]] for tb in t["tables"]]
    doc = kvcli.parse(path)
    assert [(q.text, q.options, q.answer or []) for q in doc.questions] == [
        (q["text"], q["options"], q["ticked"]) for q in t["checkbox_questions"]
    ]


@pytest.mark.parametrize("name", NAMES)
def test_style_b_manual_formatting(name: str) -> None:
    t = truth(name, "b")
    path = SAMPLES / f"{name}.b.docx"
    got = headings(path)
    want = [(h["text"], h["level"]) for h in t["headings"]]
    tp = sum((Counter(norm_title(x) for x, _ in got) & Counter(norm_title(x) for x, _ in want)).values())
    f1 = 2 * tp / (len(got) + len(want))
    assert f1 >= 0.95
    levels = {norm_title(x): lvl for x, lvl in got}
    assert sum(levels.get(norm_title(x)) == lvl for x, lvl in want) / len(want) >= 0.9
    assert all(b.heading_source == "typography" for b in read(path).blocks if b.kind == "heading")
    want_tables = [[tb["header"], *tb["rows"]] for tb in t["tables"]]
    got_tables = tables(path)
    assert len(got_tables) == len(want_tables)
    for wt, gt in zip(want_tables, got_tables):
        cells = [(a, b) for ra, rb in zip(wt, gt) for a, b in zip(ra, rb)]
        assert sum(a == b for a, b in cells) / sum(len(r) for r in wt) >= 0.98


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("style_", ["a", "b"])
def test_docx_figures_agree_with_text(name: str, style_: str) -> None:
    def key(f: kvcli.model.Figure) -> tuple[str, int | None, float]:
        return (f.label, f.period, round(f.value, 6))

    txt = {key(f) for f in kvcli.parse(SAMPLES / f"{name}.txt").figures}
    docx = {key(f) for f in kvcli.parse(SAMPLES / f"{name}.{style_}.docx").figures}
    assert len(txt & docx) / len(txt) >= 0.95


def test_headers_footers_are_furniture_not_body() -> None:
    doc = kvcli.parse(SAMPLES / "vetlanda-vuxen-2013.a.docx")
    assert any("Sida" in f for f in doc.furniture)
    assert not any("Sida" in s.text for s in doc.sections)
    assert doc.metadata.organisation == "Vetlanda kommun"


# --- hand-made fixtures --------------------------------------------------------------------------------------------


def _read(tmp_path: Path, data: bytes, name: str = "f.docx") -> kvcli.readers.ReadResult:
    f = tmp_path / name
    f.write_bytes(data)
    return read(f)


def test_localised_rubrik_styles_and_based_on_chain(tmp_path: Path) -> None:
    st = styles(
        style("Rubrik1", "Rubrik 1"),
        style("Rubrik2", "rubrik 2"),
        style("Egen", "Min rubrik", based_on="Rubrik2"),
    )
    body = (
        p("Inledning", "Rubrik1")
        + p("text")
        + p("Riskanalys", "Rubrik2")
        + p("Avvikelser", "Egen")
        + p("mer")
    )
    rr = _read(tmp_path, make_docx(body, styles_xml=st))
    assert [(b.text, b.level, b.heading_source) for b in rr.blocks if b.kind == "heading"] == [
        ("Inledning", 1, "style"),
        ("Riskanalys", 2, "style"),
        ("Avvikelser", 2, "style"),
    ]


def test_custom_style_with_outline_level_and_paragraph_outline(tmp_path: Path) -> None:
    st = styles(style("KapRubrik", "Kapitelrubrik", outline=0))
    body = (
        p("Kapitel", "KapRubrik")
        + p("text")
        + p("Underkapitel", outline=1)
        + p("text")
        + p("Brödtext", outline=9)
    )
    rr = _read(tmp_path, make_docx(body, styles_xml=st))
    assert [(b.text, b.level, b.heading_source) for b in rr.blocks if b.kind == "heading"] == [
        ("Kapitel", 1, "style"),
        ("Underkapitel", 2, "outline"),
    ]


def test_numbered_headings_rendered_from_numbering(tmp_path: Path) -> None:
    body = (
        p("Inledning", num=(1, 0), bold=True) + p("text")
        + p("Riskanalys", num=(1, 0), bold=True) + p("Avvikelser", num=(1, 1), bold=True) + p("text")
    )  # fmt: skip
    rr = _read(tmp_path, make_docx(body, numbering_xml=numbering_decimal()))
    assert [(b.text, b.level, b.heading_source) for b in rr.blocks if b.kind == "heading"] == [
        ("1 Inledning", 1, "numbering"),
        ("2 Riskanalys", 1, "numbering"),
        ("2.1 Avvikelser", 2, "numbering"),
    ]


def test_numfmt_none_renders_no_number(tmp_path: Path) -> None:
    numbering = numbering_decimal().replace('<w:numFmt w:val="decimal"/>', '<w:numFmt w:val="none"/>')
    rr = _read(tmp_path, make_docx(p("Punkt", num=(1, 0)), numbering_xml=numbering))
    assert [(b.kind, b.text) for b in rr.blocks] == [("list_item", "Punkt")]


def test_merged_cells_emitted_once(tmp_path: Path) -> None:
    body = table(
        [cell("Område"), cell("2014", span=2)],
        [cell("Barn", vmerge="restart"), cell("1"), cell("2")],
        [cell("", vmerge="continue"), cell("3"), cell("4")],
    )
    (tb,) = [b for b in _read(tmp_path, make_docx(body)).blocks if b.kind == "table"]
    assert tb.rows == [["Område", "2014", ""], ["Barn", "1", "2"], ["", "3", "4"]]
    assert tb.header_rows == 1


def test_nested_table_flattened_and_emitted(tmp_path: Path) -> None:
    inner = table([cell("a"), cell("b")], [cell("1"), cell("2")], header=False)
    body = table([cell("Yttre"), f"<w:tc>{inner}<w:p/></w:tc>"])
    tbs = [b.rows for b in _read(tmp_path, make_docx(body)).blocks if b.kind == "table"]
    assert tbs == [[["Yttre", "a | b; 1 | 2"]], [["a", "b"], ["1", "2"]]]


def test_content_controls_and_tracked_changes(tmp_path: Path) -> None:
    body = (
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>I kontrollen</w:t></w:r></w:p></w:sdtContent></w:sdt>'
        + raw_p('<w:r><w:t xml:space="preserve">Kvar </w:t></w:r><w:ins><w:r><w:t>infogat</w:t></w:r></w:ins>'
                '<w:del><w:r><w:delText>raderat</w:delText></w:r></w:del>')
        + raw_p('<w:r><w:t xml:space="preserve">Inline </w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>sdt</w:t></w:r>'
                "</w:sdtContent></w:sdt>")
    )  # fmt: skip
    texts = [b.text for b in _read(tmp_path, make_docx(body)).blocks]
    assert texts == ["I kontrollen", "Kvar infogat", "Inline sdt"]


def test_checkbox_content_controls_become_answers(tmp_path: Path) -> None:
    body = (
        p("Rubrik", outline=0)
        + p("Har riskanalys gjorts?")
        + raw_p(checkbox(True) + '<w:r><w:t xml:space="preserve"> Ja</w:t><w:tab/></w:r>' + checkbox(False)
                + '<w:r><w:t xml:space="preserve"> Nej</w:t></w:r>')
        + p("Har brister identifierats?")
        + raw_p(checkbox(False) + '<w:r><w:t xml:space="preserve"> Ja</w:t></w:r>' + checkbox(False)
                + '<w:r><w:t xml:space="preserve"> Nej</w:t></w:r>')
    )  # fmt: skip
    f = tmp_path / "cb.docx"
    f.write_bytes(make_docx(body))
    doc = kvcli.parse(f)
    assert [(q.text, q.answer) for q in doc.questions] == [
        ("Har riskanalys gjorts?", ["Ja"]),
        ("Har brister identifierats?", None),
    ]


def test_deleted_text_and_field_instructions_not_read(tmp_path: Path) -> None:
    body = raw_p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert [b.text for b in _read(tmp_path, make_docx(body)).blocks] == ["7"]


def test_manual_toc_recognised(tmp_path: Path) -> None:
    leader = '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8000"/></w:tabs></w:pPr>'
    body = (
        p("Innehåll")
        + raw_p(leader + "<w:r><w:t>Inledning</w:t><w:tab/><w:t>3</w:t></w:r>")
        + raw_p(leader.replace("<w:tabs>", '<w:ind w:left="340"/><w:tabs>') + "<w:r><w:t>Mål</w:t><w:tab/><w:t>4</w:t></w:r>")
        + p("Inledning", bold=True, size=32) + p("text " * 20) + p("Mål", bold=True, size=28) + p("text " * 20)
    )  # fmt: skip
    rr = _read(tmp_path, make_docx(body))
    kinds = [(b.kind, b.text, b.level) for b in rr.blocks if b.kind != "paragraph"]
    assert kinds == [
        ("toc_title", "Innehåll", None),
        ("toc_entry", "Inledning", 1),
        ("toc_entry", "Mål", 2),
        ("heading", "Inledning", 1),
        ("heading", "Mål", 2),
    ]


# --- refusals ------------------------------------------------------------------------------------------------------


def test_truncated_docx(tmp_path: Path) -> None:
    data = (SAMPLES / "jonkoping-behandling-2016.a.docx").read_bytes()
    with pytest.raises(InputError, match=r"not a valid \.docx \(zip\) file|corrupt \.docx"):
        _read(tmp_path, data[: len(data) // 2])


def test_not_a_word_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hej")
    with pytest.raises(InputError, match="word/document.xml missing"):
        _read(tmp_path, buf.getvalue())


def test_encrypted_office_file(tmp_path: Path) -> None:
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 1000
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 100
    )
    f = tmp_path / "hemlig.docx"
    f.write_bytes(ole)
    with pytest.raises(InputError, match="lösenordsskyddad"):
        read(f)


def _peak_mb() -> float:
    return peak_rss_kb() / 1024


@pytest.mark.slow
def test_zip_bomb_refused_fast_and_small(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(400):  # 400 MB of zeros compress to ~400 KB
                fh.write(block)
    before = _peak_mb()
    with pytest.raises(LimitError, match="zip bomb"):
        _read(tmp_path, buf.getvalue())
    assert _peak_mb() - before < 100


def test_high_compression_ratio_member_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/styles.xml", b" " * (20 << 20))  # 20 MB of spaces: ~1000:1
    with pytest.raises(LimitError, match="compresses .* over the limit"):
        _read(tmp_path, buf.getvalue())


def test_xml_entity_bomb_refused(tmp_path: Path) -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">' for i in range(10)
        )
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", lol)
    before = _peak_mb()
    with pytest.raises(LimitError, match="entity"):
        _read(tmp_path, buf.getvalue())
    assert _peak_mb() - before < 50


def test_deeply_nested_xml_refused(tmp_path: Path) -> None:
    deep = "<w:sdt><w:sdtContent>" * 3000 + "</w:sdtContent></w:sdt>" * 3000
    with pytest.raises(LimitError, match="nested too deeply"):
        _read(tmp_path, make_docx(deep))
