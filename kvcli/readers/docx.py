"""Word (.docx) reader: OOXML straight from the package, where python-docx is blind.

Reads text inside content controls (w:sdt), accepted insertions (w:ins), not deleted
text (w:del); renders checkbox content controls as ☒/☐ where they stand; keeps tables
with merged cells once; keeps headers/footers out of the body (as furniture for
metadata) and appends footnotes. Each paragraph carries what Word says about it (see ``docx_blocks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..errors import InputError
from ..limits import Limits
from .blocks import ReadResult
from .cells import CellBudget
from .docx_blocks import to_blocks
from .docx_package import MC, W14, W, open_package, parse_xml
from .docx_styles import MAX_HALF_POINTS, Numbering, Styles, parse_numbering, parse_styles
from .docx_values import Values


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Para:
    """One paragraph as Word holds it, before we decide what it is."""

    text: str
    index: int
    style: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int = 0
    number: str = ""  # rendered list/heading number ("2.1")
    bold: bool = False
    italic: bool = False
    size: float | None = None
    indent: int = 0
    dot_leader: bool = False
    in_toc: bool = False
    table: list[list[str]] | None = None  # set for table placeholders
    header_rows: int = 1
    extra_tables: list[list[list[str]]] = field(default_factory=list)


def read_docx(name: str, data: bytes, sha: str, limits: Limits) -> ReadResult:
    parts = open_package(name, data, limits)
    doc = parse_xml(name, "word/document.xml", parts["word/document.xml"])
    values = Values()
    styles = parse_styles(_opt(name, parts, "word/styles.xml"), values)
    numbering = parse_numbering(_opt(name, parts, "word/numbering.xml"), values)
    body = doc.find(_w("body"))
    if body is None:
        raise InputError(name, "not a Word document: word/document.xml has no body")
    walker = _Walker(styles, numbering, CellBudget(name, limits), values)
    walker.block_children(body)
    for part in ("word/footnotes.xml", "word/endnotes.xml"):
        root = _opt(name, parts, part)
        if root is not None:
            walker.notes(root)
    blocks = to_blocks(walker.paras, styles)
    furniture = []
    for part, raw in sorted(parts.items()):
        if part.startswith(("word/header", "word/footer")):
            root = parse_xml(name, part, raw)
            # Every paragraph once: one in a text box is met by iter() itself, not in the paragraph holding it.
            text = "\n".join(t for t in (_para_text(p, values, [])[0] for p in root.iter(_w("p"))) if t.strip())
            if text.strip():
                furniture.append(text.strip())
    if not any(_has_text(b.text) or any(_has_text(c) for r in b.rows for c in r) for b in blocks):
        raise EmptyDocumentError(name, "the Word document contains no text")
    return ReadResult(path=name, format="docx", sha256=sha, blocks=blocks, furniture=furniture,
                      warnings=values.warnings())  # fmt: skip


class EmptyDocumentError(InputError):
    """The package is a Word document, but holds no letter or digit: nothing to report on."""


def _has_text(text: str) -> bool:
    # Whitespace, zero-width spaces, empty tables and lone glyphs are layout, not a report.
    return any(ch.isalnum() for ch in text)


def _opt(name: str, parts: dict[str, bytes], part: str) -> etree._Element | None:
    raw = parts.get(part)
    return parse_xml(name, part, raw) if raw else None


class _Walker:
    def __init__(self, styles: Styles, numbering: Numbering, budget: CellBudget, values: Values) -> None:
        self.styles = styles
        self.numbering = numbering
        self.budget = budget
        self.values = values
        self.tables = 0  # tables started, nested ones included: names a table in limit messages
        self.paras: list[Para] = []
        self.toc_field_depth = 0

    def block_children(self, parent: etree._Element, in_toc: bool = False) -> None:
        for el in parent:
            tag = el.tag
            if tag == _w("p"):
                self.paragraph(el, in_toc)
            elif tag == _w("tbl"):
                self.table(el)
            elif tag == _w("sdt"):
                gallery = el.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
                toc = in_toc or (gallery is not None and "contents" in (gallery.get(_w("val")) or "").lower())
                content = el.find(_w("sdtContent"))
                if content is not None:
                    self.block_children(content, toc)
            elif tag in (_w("customXml"), _w("ins"), f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"):
                self.block_children(el, in_toc)

    def paragraph(self, p: etree._Element, in_toc: bool) -> None:
        boxes: list[etree._Element] = []
        text, fields = _para_text(p, self.values, boxes)
        starts_toc = any(kind == "begin-toc" for kind in fields)
        if starts_toc:
            self.toc_field_depth = 1
        para = Para(text=text, index=len(self.paras) + 1, in_toc=in_toc or self.toc_field_depth > 0)
        if (
            any(kind == "end" for kind in fields)
            and self.toc_field_depth
            and not (starts_toc and fields[-1] != "end")
        ):
            self.toc_field_depth = 0
        ppr = p.find(_w("pPr"))
        if ppr is not None:
            para.style = _attr(ppr.find(_w("pStyle")))
            para.outline = self.values.optional(_attr(ppr.find(_w("outlineLvl"))), "w:outlineLvl", 0, 9)
            num = ppr.find(_w("numPr"))
            if num is not None:
                para.num_id = _attr(num.find(_w("numId")))
                para.ilvl = self.values.number(_attr(num.find(_w("ilvl"))), "w:ilvl", 0, 8, 0)
            ind = ppr.find(_w("ind"))
            if ind is not None:
                left = ind.get(_w("left")) or ind.get(_w("start"))
                para.indent = self.values.number(left, "w:ind", -_MAX_TWIPS, _MAX_TWIPS, 0, per_point=20)
            para.dot_leader = any(t.get(_w("leader")) == "dot" for t in ppr.iter(_w("tab")))
        if para.num_id is None:
            st = self.styles.chain(para.style)
            linked = next((s for s in st if s.num_id), None)
            if linked is not None:
                para.num_id, para.ilvl = linked.num_id, linked.ilvl
        if para.num_id and para.num_id != "0":
            para.number = self.numbering.render(para.num_id, para.ilvl)
        para.bold, para.italic, para.size = _typography(p, para.style, self.styles, self.values)
        if text.strip():
            self.paras.append(para)
        for box in boxes:
            self.block_children(box, in_toc)

    def table(self, tbl: etree._Element) -> None:
        rows, header_rows, nested = _table_rows(tbl, self)
        if not rows:
            return
        self.paras.append(Para(text="", index=len(self.paras) + 1, table=rows, header_rows=header_rows,
                               extra_tables=nested))  # fmt: skip

    def notes(self, root: etree._Element) -> None:
        for note in root:
            if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in note.iter(_w("p")):
                text, _ = _para_text(p, self.values, [])
                if text.strip():
                    self.paras.append(Para(text=text.strip(), index=len(self.paras) + 1))


def _attr(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(_w("val"))


_SKIP = {_w("del"), _w("delText"), _w("instrText"), _w("moveFrom"), f"{{{MC}}}Fallback", _w("rPr"), _w("pPr")}


def _para_text(p: etree._Element, values: Values, boxes: list[etree._Element] | None = None) -> tuple[str, list[str]]:
    """Visible text of a paragraph, checkbox glyphs in place; also the field events it contains. With
    ``boxes``, the contents of the text boxes anchored in the paragraph (a cover's title and
    organisation, a table in a frame) are put there instead, to be read as paragraphs of their own."""
    out: list[str] = []
    fields: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                if tag == _w("instrText") and (child.text or "").strip().upper().startswith("TOC"):
                    fields.append("begin-toc")
                continue
            if tag == _w("t"):
                out.append(child.text or "")
            elif tag == _w("tab"):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            elif tag == _w("sym"):
                out.append(_symbol(child, values))
            elif tag == _w("fldChar"):
                fields.append(child.get(_w("fldCharType")) or "")
            elif tag == _w("fldSimple"):
                if (child.get(_w("instr")) or "").strip().upper().startswith("TOC"):
                    fields.append("begin-toc")
                walk(child)
            elif tag == _w("sdt") and child.find(f"{_w('sdtPr')}/{{{W14}}}checkbox") is not None:
                checked = child.find(f"{_w('sdtPr')}/{{{W14}}}checkbox/{{{W14}}}checked")
                on = checked is not None and checked.get(f"{{{W14}}}val") in ("1", "true")
                out.append("☒" if on else "☐")
            elif tag == _w("txbxContent") and boxes is not None:
                boxes.append(child)
            elif tag == _w("tbl"):
                continue  # a table inside a text box is read with its box (``boxes``)
            else:
                walk(child)

    walk(p)
    return "".join(out), fields


def _symbol(el: etree._Element, values: Values) -> str:
    cp = values.hex(el.get(_w("char")), "w:sym", 0x10FFFF)
    if cp is None or cp < 0x20 or 0xD800 <= cp <= 0xDFFF:
        return ""  # no character, a control character or half a surrogate pair: nothing to show
    # Wingdings boxes used as checkboxes: 0xF06F/0xF0A8 empty, 0xF078/0xF0FD/0xF0FE ticked.
    if cp in (0xF06F, 0xF0A8, 0x2610):
        return "☐"
    if cp in (0xF078, 0xF0FD, 0xF0FE, 0x2612, 0x2611):
        return "☒"
    return chr(cp) if cp < 0xF000 else ""


def _typography(
    p: etree._Element, style: str | None, styles: Styles, values: Values
) -> tuple[bool, bool, float | None]:
    """Whole-paragraph bold/italic and the largest font size among runs that carry text."""
    bold_all = italic_all = True
    size: float | None = None
    any_text = False
    sbold = bool(styles.inherited(style, "bold"))
    sitalic = bool(styles.inherited(style, "italic"))
    ssize = styles.inherited(style, "size")
    for r in p.iter(_w("r")):
        txt = "".join(t.text or "" for t in r.iter(_w("t")))
        if not txt.strip():
            continue
        any_text = True
        rpr = r.find(_w("rPr"))
        b = i = None
        sz: float | None = None
        if rpr is not None:
            be, ie, se = rpr.find(_w("b")), rpr.find(_w("i")), rpr.find(_w("sz"))
            b = None if be is None else (be.get(_w("val"), "true") not in ("0", "false"))
            i = None if ie is None else (ie.get(_w("val"), "true") not in ("0", "false"))
            raw = None if se is None else se.get(_w("val"))
            half_points = values.optional(raw, "w:sz", 0, MAX_HALF_POINTS, per_point=2)
            sz = half_points / 2 if half_points is not None else None
        bold_all &= b if b is not None else sbold
        italic_all &= i if i is not None else sitalic
        eff = sz or (ssize if isinstance(ssize, float) else None) or styles.default_size
        size = eff if size is None else max(size, eff)
    if not any_text:
        return False, False, None
    return bold_all, italic_all, size


_MAX_SPAN = 64  # Word tables have at most 63 columns
_MAX_TWIPS = 31_680  # 22 inches, Word's widest indent

# A nested table is kept whole as its own table; the cell holding it shows a summary, bounded so
# that tables nested 80 deep do not copy the innermost text 80 times.
_NESTED_SUMMARY_CHARS = 1000


def _table_rows(tbl: etree._Element, walker: _Walker) -> tuple[list[list[str]], int, list[list[list[str]]]]:
    rows: list[list[str]] = []
    header_rows = 0
    counting_header = True
    nested: list[list[list[str]]] = []
    walker.tables += 1
    where = f"table {walker.tables} of word/document.xml"
    width = 0
    for tr in _children(tbl, "tr"):
        trpr = tr.find(_w("trPr"))
        is_header = trpr is not None and trpr.find(_w("tblHeader")) is not None
        if counting_header and is_header:
            header_rows += 1
        else:
            counting_header = False
        row: list[str] = []
        for tc in _children(tr, "tc"):
            tcpr = tc.find(_w("tcPr"))
            span = 1
            merged_continue = False
            if tcpr is not None:
                span = walker.values.number(_attr(tcpr.find(_w("gridSpan"))), "w:gridSpan", 1, _MAX_SPAN, 1)
                vm = tcpr.find(_w("vMerge"))
                merged_continue = vm is not None and vm.get(_w("val"), "continue") == "continue"
            texts = []
            for el in tc:
                if el.tag == _w("p"):
                    texts.append(_para_text(el, walker.values)[0].strip())
                elif el.tag == _w("tbl"):
                    inner, _, deeper = _table_rows(el, walker)
                    nested.append(inner)
                    nested.extend(deeper)
                    texts.append(_summary(inner))
                elif el.tag == _w("sdt"):
                    texts.extend(_para_text(p, walker.values)[0].strip() for p in el.iter(_w("p")))
            cell = "" if merged_continue else "\n".join(t for t in texts if t)
            # Counted before the span is allocated: spans multiply a few bytes of XML into many cells.
            walker.budget.check(where, len(rows) + 1, max(width, len(row) + span))
            row.append(cell)
            row.extend([""] * (span - 1))
        rows.append(row)
        width = max(width, len(row))
    walker.budget.done(len(rows), width)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return rows, max(1, header_rows), nested


def _summary(rows: list[list[str]]) -> str:
    out: list[str] = []
    size = 0
    for r in rows:
        line = " | ".join(c[:_NESTED_SUMMARY_CHARS] for c in r if c)
        out.append(line)
        size += len(line) + 2
        if size > _NESTED_SUMMARY_CHARS:
            break
    text = "; ".join(out)
    return text if len(text) <= _NESTED_SUMMARY_CHARS else text[: _NESTED_SUMMARY_CHARS - 1] + "…"


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children named ``tag``, looking through content controls and custom XML wrappers."""
    out: list[etree._Element] = []
    for child in el:
        if child.tag == _w(tag):
            out.append(child)
        elif child.tag in (_w("sdt"), _w("customXml"), _w("sdtContent")):
            out.extend(_children(child, tag))
    return out
