"""Item 13: hostile .docx attributes and prologs, and Strict Open XML.

Every integer attribute is read by one bounded parser; DTDs are refused however the XML is
encoded or what precedes them; Strict documents read like transitional ones.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from corpus_paths import NAMES, SAMPLES
from docx_factory import cell, make_docx, p, raw_p, table

import kvcli
from kvcli.errors import InputError, LimitError
from kvcli.readers import read

HEADING_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?><w:styles '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="heading 1"/></w:style></w:styles>'
)


def parse_docx(tmp_path: Path, data: bytes, name: str = "rapport.docx") -> kvcli.model.Document:
    path = tmp_path / name
    path.write_bytes(data)
    return kvcli.parse(path)


def tc_with(tcpr: str, text: str) -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{p(text)}</w:tc>"


@pytest.mark.parametrize("value", ["²", "١", "٣", "𝟚", "1e3", "", " ", "0x10", "۲"])
def test_item13_gridspan_superscript_digit(tmp_path: Path, value: str) -> None:
    row = [tc_with(f'<w:gridSpan w:val="{value}"/>', "Enhet A"), cell("12")]
    doc = parse_docx(tmp_path, make_docx(p("Rubrik") + table([cell("Enhet"), cell("Antal")], row)))
    assert doc.tables[0].rows == [["Enhet A", "12"]]  # read as span 1: nothing shifted, nothing lost
    assert any("w:gridSpan value is not a whole number" in w for w in doc.warnings), doc.warnings


def test_item13_five_thousand_digit_integers_in_every_integer_attribute(tmp_path: Path) -> None:
    big = "7" * 5000
    body = (
        f'<w:p><w:pPr><w:outlineLvl w:val="{big}"/><w:numPr><w:ilvl w:val="{big}"/><w:numId w:val="1"/>'
        f'</w:numPr><w:ind w:left="-{big}"/></w:pPr><w:r><w:rPr><w:sz w:val="{big}"/></w:rPr>'
        f'<w:sym w:char="{big}"/><w:t>Inledning</w:t></w:r></w:p>'
        + p("Brödtext om verksamheten.")
        + table([tc_with(f'<w:gridSpan w:val="{big}"/>', "Brett")], [cell("a"), cell("b")])
    )
    numbering = (
        '<?xml version="1.0"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{big}"><w:start w:val="{big}"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    styles = HEADING_STYLES.replace(
        "</w:styles>",
        f'<w:style w:styleId="X"><w:name w:val="X"/><w:pPr><w:outlineLvl w:val="{big}"/><w:numPr>'
        f'<w:ilvl w:val="{big}"/></w:numPr></w:pPr><w:rPr><w:sz w:val="{big}"/></w:rPr></w:style></w:styles>',
    )
    doc = parse_docx(tmp_path, make_docx(body, styles_xml=styles, numbering_xml=numbering))
    assert "Inledning" in " ".join([s.title for s in doc.sections] + [s.text for s in doc.sections])
    assert "Brödtext om verksamheten." in " ".join(s.text for s in doc.sections)
    # A 5 000-digit gridSpan is out of range: the widest span allowed (64), never 10^5000 cells.
    assert [len(r) for r in doc.tables[0].header + doc.tables[0].rows] == [64, 64]
    joined = " ".join(doc.warnings)
    for what in ("w:gridSpan", "w:ilvl", "w:outlineLvl", "w:sz", "w:start", "w:ind"):
        assert f"{what} value" in joined, (what, doc.warnings)
    assert big not in joined  # attribute text is never echoed


@pytest.mark.parametrize(("value", "width"), [("1000000000", 64), ("-3", 1), ("+2", 2), (" 3 ", 3), ("0", 1)])
def test_item13_gridspan_negative_or_huge_is_clamped(tmp_path: Path, value: str, width: int) -> None:
    row = [tc_with(f'<w:gridSpan w:val="{value}"/>', "Enhet A")]
    doc = parse_docx(tmp_path, make_docx(p("Rubrik") + table([cell("Enhet"), cell("Antal")], row)))
    t = doc.tables[0]
    assert len(t.rows[0]) == max(2, width) and t.rows[0][0] == "Enhet A"


@pytest.mark.parametrize("char", ["-1", "D800", "²", "F" * 5000, "110000", "0"])
def test_item13_sym_char_garbage_is_no_character(tmp_path: Path, char: str) -> None:
    body = raw_p(f'<w:r><w:t>Före</w:t><w:sym w:font="Wingdings" w:char="{char}"/><w:t>efter</w:t></w:r>')
    doc = parse_docx(tmp_path, make_docx(body))
    assert "Föreefter" in " ".join(s.text for s in doc.sections)


def test_item13_universal_measures_are_sizes_not_garbage(tmp_path: Path) -> None:
    # Strict Open XML and some generators write sizes as "14pt" instead of 28 half-points.
    big = raw_p('<w:r><w:rPr><w:b/><w:sz w:val="16pt"/></w:rPr><w:t>Stor rubrik</w:t></w:r>')
    body = (
        big + p("Text som hör till rubriken.") + big.replace("Stor rubrik", "Annan rubrik") + p("Mer text.")
    )
    styles = HEADING_STYLES.replace('w:styleId="Rubrik1"', 'w:styleId="Normal"').replace(
        '<w:name w:val="heading 1"/>', '<w:name w:val="Normal"/><w:rPr><w:sz w:val="11pt"/></w:rPr>'
    )
    path = tmp_path / "mått.docx"
    path.write_bytes(make_docx(body, styles_xml=styles))
    rr = read(path)
    assert [(b.text, b.size) for b in rr.blocks] == [
        ("Stor rubrik", 16.0), ("Text som hör till rubriken.", 11.0), ("Annan rubrik", 16.0), ("Mer text.", 11.0)
    ]  # fmt: skip
    assert not rr.warnings


W_URI = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LAUGHS = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
    f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(8)
)


def xml_docx(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:  # stored: long comments compress too well
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def doc_xml(prolog: str, entity: str, encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>{prolog}<w:document xmlns:w="{W_URI}"><w:body>'
        f"<w:p><w:r><w:t>Före {entity} efter</w:t></w:r></w:p><w:p><w:r><w:t>Nästa stycke</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )


LONG_COMMENT = "<!--" + "x" * 5000 + "-->"
PROLOGS = {
    "comment": LONG_COMMENT + f"<!DOCTYPE w:document [{LAUGHS}]>",
    "processing-instruction": "<?mso-application progid='Word.Document'?>"
    + "<?x "
    + "y" * 5000
    + "?>"
    + f"<!DOCTYPE w:document [{LAUGHS}]>",
    "whitespace": "\n" * 5000 + f"<!DOCTYPE w:document [{LAUGHS}]>",
    "comment-beyond-any-scan": "<!--" + "x" * 300_000 + f"--><!DOCTYPE w:document [{LAUGHS}]>",
    "one-small-entity": LONG_COMMENT + '<!DOCTYPE w:document [<!ENTITY a "mitten">]>',
    "one-small-entity-beyond-any-scan": "<!--"
    + "x" * 300_000
    + '--><!DOCTYPE w:document [<!ENTITY a "mitten">]>',
    "external-dtd": LONG_COMMENT + '<!DOCTYPE w:document SYSTEM "http://example.invalid/word.dtd">',
}
ENCODINGS = {
    "utf-8": ("UTF-8", lambda s: s.encode("utf-8")),
    "utf-16-bom": ("UTF-16", lambda s: s.encode("utf-16")),
    "utf-16-le-no-bom": ("UTF-16", lambda s: s.encode("utf-16-le")),
    "utf-16-be-no-bom": ("UTF-16", lambda s: s.encode("utf-16-be")),
    "utf-32-bom": ("UTF-32", lambda s: s.encode("utf-32")),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("prolog", list(PROLOGS))
def test_item13_dtd_after_comment_or_in_utf16_is_refused(tmp_path: Path, prolog: str, encoding: str) -> None:
    declared, encode = ENCODINGS[encoding]
    entity = "&a;" if prolog.startswith("one-small-entity") else ("&i;" if "external" not in prolog else "")
    data = xml_docx(encode(doc_xml(PROLOGS[prolog], entity, declared)))
    path = tmp_path / "entiteter.docx"
    path.write_bytes(data)
    with pytest.raises(LimitError, match=r"word/document\.xml declares a DTD/entities.*refused"):
        kvcli.parse(path)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_item13_comments_and_other_encodings_without_dtd_still_read(tmp_path: Path, encoding: str) -> None:
    declared, encode = ENCODINGS[encoding]
    path = tmp_path / "ok.docx"
    path.write_bytes(xml_docx(encode(doc_xml(LONG_COMMENT + "<?pi x?>", "&amp; &#229;", declared))))
    doc = kvcli.parse(path)
    assert "Före & å efter" in doc.sections[0].text and "Nästa stycke" in doc.sections[0].text


def test_item13_undefined_entity_without_dtd_is_malformed_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "nbsp.docx"
    path.write_bytes(xml_docx(doc_xml("", "&nbsp;").encode()))
    with pytest.raises(InputError, match="not well-formed XML") as exc:
        kvcli.parse(path)
    assert not isinstance(exc.value, LimitError)


def to_strict(docx: bytes) -> bytes:
    """The same package saved as Strict Open XML: the WordprocessingML namespace is ISO's."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".xml"):
                data = data.replace(W_URI.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            dst.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("name", NAMES)
def test_item13_strict_open_xml_reads_like_transitional(tmp_path: Path, name: str) -> None:
    original = SAMPLES / f"{name}.a.docx"
    strict = tmp_path / f"{name}.strict.docx"
    strict.write_bytes(to_strict(original.read_bytes()))
    assert b"purl.oclc.org" in zipfile.ZipFile(strict).read("word/document.xml")
    want, got = kvcli.parse(original), kvcli.parse(strict)
    assert [(s.title, s.level, s.text) for s in got.sections] == [
        (s.title, s.level, s.text) for s in want.sections
    ]
    assert [(t.header, t.rows) for t in got.tables] == [(t.header, t.rows) for t in want.tables]
    assert [(q.text, q.answer) for q in got.questions] == [(q.text, q.answer) for q in want.questions]
    assert len(got.figures) == len(want.figures) > 0
    assert got.metadata == want.metadata and got.warnings == want.warnings
