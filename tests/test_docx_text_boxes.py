"""Text boxes (a cover's title and organisation, a table in a frame) are read as paragraphs and tables
of their own, not run together into the paragraph that anchors them, and not lost."""

from __future__ import annotations

from pathlib import Path

from docx_factory import cell, make_docx, p, raw_p, table

import kvcli

_VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
_WPS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')  # fmt: skip


def _vml_box(inner: str) -> str:
    return f'<w:r><w:pict><v:shape {_VML}><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'


def _drawing_box(inner: str, fallback: str) -> str:
    return (f'<w:r><mc:AlternateContent {_WPS}><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
            f'<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><w:r><w:t>{fallback}</w:t></w:r></w:pict></mc:Fallback></mc:AlternateContent></w:r>')  # fmt: skip


def _doc(tmp_path: Path, body: str) -> kvcli.Document:
    path = tmp_path / "rapport.docx"
    path.write_bytes(make_docx(body))
    return kvcli.parse(path)


def test_cover_text_boxes_are_lines_of_their_own(tmp_path: Path) -> None:
    cover = raw_p(_vml_box(p("Socialnämnden i Exempelby kommun") + p("Kvalitetsberättelse 2015")))
    dated = raw_p(_drawing_box(p("Datum: 2016-02-15"), "Datum: 2016-02-15"))
    doc = _doc(tmp_path, cover + dated + p("Inledning", bold=True, size=32) + p("Under året har vi arbetat."))
    assert doc.metadata.title == "Kvalitetsberättelse 2015"
    assert doc.metadata.organisation == "Exempelby kommun"
    assert str(doc.metadata.report_date) == "2016-02-15"


def test_a_table_in_a_text_box_is_read(tmp_path: Path) -> None:
    framed = table([cell("År"), cell("Avvikelser")], [cell("2015"), cell("12")])
    doc = _doc(tmp_path, p("Avvikelser", bold=True, size=32) + raw_p("<w:r><w:t>Se rutan.</w:t></w:r>" + _vml_box(framed))
               + p("Under året har vi arbetat."))  # fmt: skip
    assert [t.rows for t in doc.tables] == [[["2015", "12"]]]
    assert "Se rutan." in " ".join(s.text for s in doc.sections)
