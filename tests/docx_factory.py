"""Build small .docx files in tests: exactly the OOXML a case needs, nothing else."""

from __future__ import annotations

import io
import zipfile

W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)


def document(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}</w:body></w:document>'


def styles(*defs: str, normal_size_half_points: int = 22) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W_NS}>'
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="{normal_size_half_points}"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        + "".join(defs)
        + "</w:styles>"
    )


def style(style_id: str, name: str, based_on: str | None = None, outline: int | None = None) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    ppr = f'<w:pPr><w:outlineLvl w:val="{outline}"/></w:pPr>' if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{ppr}</w:style>'
    )


def p(text: str, style_id: str | None = None, *, bold: bool = False, size: int | None = None,
      outline: int | None = None, num: tuple[int, int] | None = None, italic: bool = False) -> str:  # fmt: skip
    ppr = ""
    if style_id:
        ppr += f'<w:pStyle w:val="{style_id}"/>'
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    rpr = (
        ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
        + (f'<w:sz w:val="{size}"/>' if size else "")
    )
    run = f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{run}</w:p>"


def raw_p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def cell(text: str, *, span: int = 1, vmerge: str | None = None) -> str:
    tcpr = ""
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        tcpr += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    return f"<w:tc>{'<w:tcPr>' + tcpr + '</w:tcPr>' if tcpr else ''}{p(text)}</w:tc>"


def table(*rows: list[str], header: bool = True) -> str:
    out = "<w:tbl>"
    for i, r in enumerate(rows):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header and i == 0 else ""
        out += f"<w:tr>{trpr}{''.join(r)}</w:tr>"
    return out + "</w:tbl>"


def checkbox(checked: bool) -> str:
    glyph = "☒" if checked else "☐"
    return (
        '<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="'
        + ("1" if checked else "0")
        + f'"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def numbering_decimal(num_id: int = 1) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{k + 1}" for k in range(i + 1))}"/></w:lvl>'
        for i in range(3)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W_NS}><w:abstractNum w:abstractNumId="0">{lvls}'
        f'</w:abstractNum><w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )


def make_docx(body: str, *, styles_xml: str | None = None, numbering_xml: str | None = None,
              extra: dict[str, bytes] | None = None) -> bytes:  # fmt: skip
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document(body))
        if styles_xml:
            z.writestr("word/styles.xml", styles_xml)
        if numbering_xml:
            z.writestr("word/numbering.xml", numbering_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()
