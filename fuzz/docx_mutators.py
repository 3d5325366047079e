"""Structure-aware .docx mutator: edits the XML inside the package, then re-zips it as a valid zip.

Flipping bytes in a .docx mostly breaks the zip or the XML, and the reader stops at the first
layer. These mutations parse ``word/document.xml``, ``styles.xml``, ``numbering.xml``,
``[Content_Types].xml`` and the rels as XML and change them the way a hostile or merely odd
producer would: elements duplicated, deleted, reordered or renamed; attribute values that are
not ASCII integers (``²``, 5 000 digits, ``--5``, ``NaN``); ``gridSpan``/``vMerge``/``numId``/
``ilvl``/``outlineLvl`` oddities; bounded deep nesting; style ``basedOn`` cycles; comments,
PIs and DOCTYPEs before the root; UTF-16/UTF-32 re-encoding; Strict OOXML namespaces. The zip
always opens, so every input reaches the XML layer. Deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import copy
import io
import random
import zipfile
from collections.abc import Callable

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
DOCUMENT, STYLES, NUMBERING = "word/document.xml", "word/styles.xml", "word/numbering.xml"
CONTENT_TYPES = "[Content_Types].xml"

HOSTILE = ["²", "³", "١٢", "５", "𝟗", "۳", "-1", "--5", "-0", "+3", " 3", "3 ", "0x10", "1_0", "1e3", "NaN",
           "nan", "inf", "-inf", "", "9" * 5000, "1" + "0" * 20, str(2**31), str(2**63), str(-(2**31) - 1),
           "1.5", "½", "true", "restart", "continue", "\u00a0", "0\u200b", "🙂", "a" * 3000]  # fmt: skip
INTERESTING_TAGS = ["p", "r", "t", "tbl", "tr", "tc", "tcPr", "gridSpan", "vMerge", "pPr", "pStyle", "numPr",
                    "ilvl", "numId", "outlineLvl", "sdt", "sdtContent", "ins", "del", "body", "document", "hyperlink",
                    "style", "basedOn", "lvl", "abstractNum", "num", "tab", "br", "sectPr"]  # fmt: skip
_MAX_PART = 4 << 20  # keep each part well inside the reader's limits, so the XML is what gets tested


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class Package:
    """The zip members, with the XML parts parsed on first use and serialised back on ``to_bytes``."""

    _PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

    def __init__(self, data: bytes) -> None:
        src = zipfile.ZipFile(io.BytesIO(data))
        self.infos = src.infolist()
        self.raw: dict[str, bytes] = {i.filename: src.read(i) for i in self.infos}
        self.trees: dict[str, etree._Element] = {}

    def tree(self, name: str) -> etree._Element | None:
        if name not in self.trees:
            if name not in self.raw:
                return None
            try:
                self.trees[name] = etree.fromstring(self.raw[name], self._PARSER)
            except (etree.XMLSyntaxError, ValueError):
                return None
        return self.trees[name]

    def bytes_of(self, name: str) -> bytes:
        """The part as bytes (for byte-level edits); a parsed tree is serialised first and forgotten."""
        if name in self.trees:
            self.raw[name] = etree.tostring(self.trees.pop(name), xml_declaration=True, encoding="UTF-8",
                                            standalone=True)  # fmt: skip
        return self.raw.get(name, b"")

    def xml_parts(self) -> list[str]:
        return [n for n in self.raw if n.endswith((".xml", ".rels"))]

    def to_bytes(self) -> bytes:
        for name in list(self.trees):
            self.bytes_of(name)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in self.infos:
                # The original timestamp keeps the output a pure function of the seed.
                member = zipfile.ZipInfo(info.filename, info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(member, self.raw[info.filename][:_MAX_PART])
        return out.getvalue()


def _pick_part(pkg: Package, rng: random.Random) -> str:
    weights = {DOCUMENT: 55, STYLES: 20, NUMBERING: 15}
    others = [n for n in pkg.xml_parts() if n not in weights]
    names = [n for n in weights if n in pkg.raw] + others
    return rng.choices(names, [weights.get(n, 10 / max(1, len(others))) for n in names])[0]


def _elements(root: etree._Element, tag: str | None = None) -> list[etree._Element]:
    return [e for e in root.iter(tag or etree.Element) if isinstance(e.tag, str) and e is not root]


def _size(el: etree._Element) -> int:
    return len(etree.tostring(el))


# --- tree edits (any part) ----------------------------------------------------------------------------------------


def duplicate_elements(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(_pick_part(pkg, rng))
    els = _elements(root) if root is not None else []
    for el in rng.sample(els, min(len(els), rng.randint(1, 5))):
        parent = el.getparent()
        if parent is None:
            continue
        copies = max(1, min(rng.choice([1, 2, 10, 200]), 400_000 // max(1, _size(el))))
        at = parent.index(el)
        for _ in range(copies):
            parent.insert(at + 1, copy.deepcopy(el))


def delete_elements(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(_pick_part(pkg, rng))
    els = _elements(root) if root is not None else []
    for el in rng.sample(els, min(len(els), rng.randint(1, 20))):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


def reorder_elements(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(_pick_part(pkg, rng))
    if root is None:
        return
    parents = [e for e in root.iter() if len(e) > 1]
    for parent in rng.sample(parents, min(len(parents), rng.randint(1, 3))):
        kids = list(parent)
        if rng.random() < 0.6:
            rng.shuffle(kids)
            parent[:] = kids
        else:  # move one element somewhere it does not belong (a paragraph inside a run, a row in a paragraph)
            el = rng.choice(kids)
            targets = [e for e in _elements(root) if el not in e.iterancestors() and e is not el]
            if targets:
                rng.choice(targets).append(el)


def swap_tags(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(_pick_part(pkg, rng))
    els = _elements(root) if root is not None else []
    seen = sorted({e.tag for e in els})
    for el in rng.sample(els, min(len(els), rng.randint(1, 8))):
        if rng.random() < 0.6 or not seen:
            el.tag = w(rng.choice(INTERESTING_TAGS))
        else:
            el.tag = rng.choice(seen)


def hostile_attributes(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(_pick_part(pkg, rng))
    els = [e for e in _elements(root) if e.attrib] if root is not None else []
    for el in rng.sample(els, min(len(els), rng.randint(1, 12))):
        key = w("val") if w("val") in el.attrib and rng.random() < 0.7 else rng.choice(list(el.attrib))
        el.set(key, rng.choice(HOSTILE))


def deep_nesting(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(_pick_part(pkg, rng))
    els = _elements(root) if root is not None else []
    if not els:
        return
    el = rng.choice(els)
    parent = el.getparent()
    if parent is None:
        return
    depth = rng.choice([20, 100, 250, 255, 256, 257, 300, 1000, 3000])
    wrappers = rng.choice([["sdt", "sdtContent"], ["tbl", "tr", "tc"], ["ins"], ["r"], ["p"], ["hyperlink"], ["smartTag"]])
    at = parent.index(el)
    top = cur = etree.Element(w(wrappers[0]))
    for k in range(1, depth):
        cur = etree.SubElement(cur, w(wrappers[k % len(wrappers)]))
    parent.remove(el)
    cur.append(el)
    parent.insert(at, top)


# --- document: tables, numbering, outline, text -------------------------------------------------------------------


def _child(el: etree._Element, tag: str, first: bool = True) -> etree._Element:
    found = el.find(w(tag))
    if found is None:
        found = etree.Element(w(tag))
        if first:
            el.insert(0, found)
        else:
            el.append(found)
    return found


def table_oddities(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(DOCUMENT)
    cells = _elements(root, w("tc")) if root is not None else []
    for tc in rng.sample(cells, min(len(cells), rng.randint(1, 10))):
        pr = _child(tc, "tcPr")
        r = rng.random()
        if r < 0.35:
            span = rng.choice(["0", "1", "2", "63", "64", "65", "1000"] + HOSTILE)
            for _ in range(rng.choice([1, 1, 2])):  # sometimes twice in one cell
                etree.SubElement(pr, w("gridSpan")).set(w("val"), span)
        elif r < 0.65:
            vm = etree.SubElement(pr, w("vMerge"))
            val = rng.choice([None, "restart", "continue", "Restart", "", "²"])
            if val is not None:
                vm.set(w("val"), val)
        elif r < 0.8:
            row = tc.getparent()
            if row is not None:
                row.remove(tc)  # a ragged row
        else:
            row = tc.getparent()
            grand = row.getparent() if row is not None else None
            if row is not None and grand is not None:
                for _ in range(min(rng.choice([1, 50, 500]), 1_000_000 // max(1, _size(row)))):
                    grand.append(copy.deepcopy(row))
    grids = _elements(root, w("gridCol")) if root is not None else []
    for g in rng.sample(grids, min(len(grids), rng.randint(0, 3))):
        g.set(w("w"), rng.choice(HOSTILE))


def numbering_oddities(pkg: Package, rng: random.Random) -> None:
    doc = pkg.tree(DOCUMENT)
    paras = _elements(doc, w("p")) if doc is not None else []
    for p in rng.sample(paras, min(len(paras), rng.randint(1, 10))):
        num = _child(_child(p, "pPr"), "numPr")
        num.clear()
        etree.SubElement(num, w("ilvl")).set(w("val"), rng.choice(["0", "8", "9", "10", "255"] + HOSTILE))
        etree.SubElement(num, w("numId")).set(w("val"), rng.choice(["0", "1", "2", "999999"] + HOSTILE))
    numbering = pkg.tree(NUMBERING)
    if numbering is None:
        return
    for lvl in rng.sample(lv := _elements(numbering, w("lvl")), min(len(lv), rng.randint(1, 6))):
        r = rng.random()
        if r < 0.3:
            lvl.set(w("ilvl"), rng.choice(["9", "10", "-1"] + HOSTILE))
        elif r < 0.5:
            _child(lvl, "start").set(w("val"), rng.choice(HOSTILE))
        elif r < 0.7:
            _child(lvl, "numFmt").set(w("val"), rng.choice(["foo", "bullet", "none", "", "decimalZero"]))
        else:
            _child(lvl, "lvlText").set(w("val"), rng.choice(["%1%2%3%4%5%6%7%8%9%10", "%", "%0", "%99", "", "%" * 500]))
    for n in _elements(numbering, w("abstractNumId")):
        if rng.random() < 0.3:
            n.set(w("val"), rng.choice(["999999"] + HOSTILE))


def outline_oddities(pkg: Package, rng: random.Random) -> None:
    name = rng.choice([DOCUMENT, DOCUMENT, STYLES])
    root = pkg.tree(name)
    hosts = (_elements(root, w("p")) if name == DOCUMENT else _elements(root, w("style"))) if root is not None else []
    for host in rng.sample(hosts, min(len(hosts), rng.randint(1, 10))):
        ppr = _child(host, "pPr", first=name == DOCUMENT)
        _child(ppr, "outlineLvl", first=False).set(w("val"), rng.choice(["0", "8", "9", "10", "-1"] + HOSTILE))


def style_cycles(pkg: Package, rng: random.Random) -> None:
    """basedOn/link/next that loop or dangle: style inheritance must terminate."""
    root = pkg.tree(STYLES)
    styles = _elements(root, w("style")) if root is not None else []
    if len(styles) < 2:
        return
    ids = [s.get(w("styleId")) or "" for s in styles]
    a, b = rng.sample(range(len(styles)), 2)
    tag = rng.choice(["basedOn", "basedOn", "link", "next"])
    _child(styles[a], tag, first=False).set(w("val"), rng.choice([ids[a], ids[b]]))
    _child(styles[b], tag, first=False).set(w("val"), rng.choice([ids[a], "NoSuchStyle", ""] + HOSTILE[:6]))
    if rng.random() < 0.3:  # two styles with one id
        styles[b].set(w("styleId"), ids[a])


def hostile_text(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(DOCUMENT)
    texts = _elements(root, w("t")) if root is not None else []
    samples = ["811218–9876", "19811218\u20119876", "8 1 1 2 1 8 - 9 8 7 6", "١٢٣ ٤٥٦", "\u202e12 %\u202c",
               "12\u00a0345", "−5", "x" * 200_000, "\ufeff", "\u2028\u2029", "Totalt\t\t\t1", "☒☐" * 100]  # fmt: skip
    for t in rng.sample(texts, min(len(texts), rng.randint(1, 10))):
        t.text = rng.choice(samples)


# --- byte edits (prolog, encoding, namespaces) --------------------------------------------------------------------


def _split_prolog(data: bytes) -> tuple[bytes, bytes]:
    if data.startswith(b"<?xml"):
        end = data.find(b"?>") + 2
        return data[:end], data[end:]
    return b"", data


def before_root(pkg: Package, rng: random.Random) -> None:
    name = rng.choice([DOCUMENT, DOCUMENT, STYLES, NUMBERING])
    decl, rest = _split_prolog(pkg.bytes_of(name))
    if not rest:
        return
    entity = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    insert = rng.choice([b"<!-- a comment -->", b"<?pi data?>", b"<!DOCTYPE w:document>", entity,
                         b"<!-- x -->" + entity, b"\n" * 5000 + entity, b"<!-- " + b"x" * 5000 + b" -->" + entity,
                         b'<!DOCTYPE d SYSTEM "http://127.0.0.1:9/x.dtd">', b"<?xml-stylesheet href='x'?>"])  # fmt: skip
    if b"ENTITY" in insert and rng.random() < 0.5:  # and use the entity, so expansion matters
        rest = rest.replace(b"</w:t>", b"&b;</w:t>", 20)
    pkg.raw[name] = decl + insert + rest


def reencode(pkg: Package, rng: random.Random) -> None:
    name = rng.choice([DOCUMENT, DOCUMENT, STYLES, NUMBERING])
    data = pkg.bytes_of(name)
    _, rest = _split_prolog(data)
    text = rest.decode("utf-8", errors="replace")
    if rng.random() < 0.4:
        before_root_text = rng.choice(["<!-- c -->", '<!DOCTYPE d [<!ENTITY a "x">]>', ""])
        text = before_root_text + text
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig", "latin-1"])
    declared = rng.choice([enc.upper().replace("-SIG", ""), "UTF-8", "UTF-16", None])
    decl = f"<?xml version='1.0' encoding='{declared}'?>" if declared else ""
    pkg.raw[name] = (decl + text).encode(enc, errors="replace")


def strict_namespaces(pkg: Package, rng: random.Random) -> None:
    """Strict Open XML: the same markup in the purl.oclc.org namespaces (in every part, or a random few)."""
    names = pkg.xml_parts() if rng.random() < 0.6 else rng.sample(pkg.xml_parts(), min(3, len(pkg.xml_parts())))
    for name in names:
        data = pkg.bytes_of(name)
        data = data.replace(W.encode(), STRICT_W.encode()).replace(REL_NS.encode(), STRICT_REL_NS.encode())
        pkg.raw[name] = data


def content_types(pkg: Package, rng: random.Random) -> None:
    root = pkg.tree(CONTENT_TYPES)
    if root is None:
        return
    overrides = [e for e in root if str(e.tag).endswith("Override")]
    doc = next((e for e in overrides if e.get("PartName") == "/word/document.xml"), None)
    r = rng.random()
    if doc is not None and r < 0.3:
        doc.set("ContentType", rng.choice([
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            "application/xml", "", "x" * 3000]))  # fmt: skip
    elif doc is not None and r < 0.5:
        root.remove(doc)
    elif r < 0.7:
        root[:] = []
    else:
        for e in rng.sample(list(root), min(len(root), 3)):
            root.append(copy.deepcopy(e))


def relationships(pkg: Package, rng: random.Random) -> None:
    rels = [n for n in pkg.raw if n.endswith(".rels")]
    if not rels:
        return
    root = pkg.tree(rng.choice(rels))
    if root is None or not len(root):
        return
    for rel in rng.sample(list(root), min(len(root), rng.randint(1, 3))):
        key = rng.choice(["Target", "Target", "Type", "Id", "TargetMode"])
        rel.set(key, rng.choice(["word/missing.xml", "/word/document.xml", "../../../etc/passwd", "http://127.0.0.1:9/x",
                                 "External", "", "rId1", "document.xml#frag", "x" * 3000]))  # fmt: skip
    if rng.random() < 0.3:
        root.append(copy.deepcopy(root[0]))  # a duplicate relationship id


Op = Callable[[Package, random.Random], None]
TREE_OPS: list[tuple[float, Op]] = [
    (2, duplicate_elements), (2, delete_elements), (2, reorder_elements), (2, swap_tags), (3, hostile_attributes),
    (1, deep_nesting), (3, table_oddities), (2, numbering_oddities), (2, outline_oddities), (1.5, style_cycles),
    (1, hostile_text), (0.7, content_types), (0.7, relationships),
]  # fmt: skip
BYTE_OPS: list[tuple[float, Op]] = [(2, before_root), (2, reencode), (1, strict_namespaces)]


def docx_xml(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """One to three XML edits, then (one time in three) a prolog/encoding/namespace edit; re-zipped."""
    try:
        pkg = Package(data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return data, []
    ops = rng.choices([f for _, f in TREE_OPS], [wt for wt, _ in TREE_OPS], k=rng.choice((1, 1, 2, 3)))
    if rng.random() < 1 / 3:
        ops.append(rng.choices([f for _, f in BYTE_OPS], [wt for wt, _ in BYTE_OPS])[0])
    for op in ops:
        op(pkg, rng)
    return pkg.to_bytes(), [op.__name__ for op in ops]
