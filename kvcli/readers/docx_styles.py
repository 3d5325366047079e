"""Word styles and numbering: what makes a paragraph a heading, a TOC entry or a list item.

Headings are found, in order of trust, from the paragraph's outline level, its style
and the style's ``basedOn`` chain (built-in "Heading N", localised "Rubrik N", any style
with an outline level), and list numbering. Style *names* are matched, not ids, because
localised Word writes ids such as "Rubrik1" for the same built-in style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .docx_package import W
from .docx_values import Values

MAX_HALF_POINTS = 3276  # Word's largest font size, 1 638 pt

_HEADING_NAME_RE = re.compile(r"^(heading|rubrik|überschrift|titre|otsikko|overskrift)\s*(\d)$", re.I)
_TOC_NAME_RE = re.compile(r"^(toc|innehåll(sförteckning)?|inneh\w*|verzeichnis)\s*(\d)$", re.I)
_LIST_NAME_RE = re.compile(r"^(list|liststycke|punktlista|numrerad lista)", re.I)
_CAPTION_NAME_RE = re.compile(r"^(caption|beskrivning|bildtext|tabelltext)$", re.I)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Style:
    id: str
    name: str
    based_on: str | None = None
    outline: int | None = None  # 0-based, as in the XML
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None  # points
    num_id: str | None = None
    ilvl: int = 0


@dataclass
class Styles:
    by_id: dict[str, Style] = field(default_factory=dict)
    default_size: float = 11.0

    def chain(self, style_id: str | None) -> list[Style]:
        out: list[Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen and len(out) < 20:
            seen.add(style_id)
            s = self.by_id[style_id]
            out.append(s)
            style_id = s.based_on
        return out

    def heading_level(self, style_id: str | None) -> int | None:
        for s in self.chain(style_id):
            m = _HEADING_NAME_RE.match(s.name) or _HEADING_NAME_RE.match(s.id)
            if m:
                return int(m.group(2))
            if s.outline is not None and s.outline < 9:
                return s.outline + 1
        return None

    def toc_level(self, style_id: str | None) -> int | None:
        for s in self.chain(style_id):
            m = _TOC_NAME_RE.match(s.name) or _TOC_NAME_RE.match(s.id)
            if m:
                return int(m.group(3))
        return None

    def is_list(self, style_id: str | None) -> bool:
        return any(_LIST_NAME_RE.match(s.name) for s in self.chain(style_id))

    def is_caption(self, style_id: str | None) -> bool:
        return any(_CAPTION_NAME_RE.match(s.name) for s in self.chain(style_id))

    def inherited(self, style_id: str | None, attr: str) -> object:
        for s in self.chain(style_id):
            v = getattr(s, attr)
            if v is not None:
                return v
        return None


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(_w("val"), default)


def _on(el: etree._Element | None) -> bool | None:
    """w:b / w:i: present and not switched off."""
    if el is None:
        return None
    return _val(el, "true") not in ("0", "false", "off")


def parse_styles(root: etree._Element | None, values: Values | None = None) -> Styles:
    styles = Styles()
    values = values or Values()
    if root is None:
        return styles
    dsz = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('sz')}")
    if (default_size := values.optional(_val(dsz), "w:sz", 0, MAX_HALF_POINTS, per_point=2)) is not None:
        styles.default_size = default_size / 2
    for st in root.iter(_w("style")):
        sid = st.get(_w("styleId")) or ""
        name_el = st.find(_w("name"))
        s = Style(id=sid, name=_val(name_el, sid) or sid, based_on=_val(st.find(_w("basedOn"))))
        ppr = st.find(_w("pPr"))
        if ppr is not None:
            s.outline = values.optional(_val(ppr.find(_w("outlineLvl"))), "w:outlineLvl", 0, 9)
            num = ppr.find(_w("numPr"))
            if num is not None:
                s.num_id = _val(num.find(_w("numId")))
                s.ilvl = values.number(_val(num.find(_w("ilvl"))), "w:ilvl", 0, 8, 0)
        rpr = st.find(_w("rPr"))
        if rpr is not None:
            s.bold = _on(rpr.find(_w("b")))
            s.italic = _on(rpr.find(_w("i")))
            sz = values.optional(_val(rpr.find(_w("sz"))), "w:sz", 0, MAX_HALF_POINTS, per_point=2)
            s.size = sz / 2 if sz is not None else None
        styles.by_id[sid] = s
    normal = styles.by_id.get("Normal")
    if normal is not None and normal.size:
        styles.default_size = normal.size
    return styles


@dataclass
class Level:
    fmt: str
    text: str
    start: int
    style: str | None


@dataclass
class Numbering:
    levels: dict[tuple[str, int], Level] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    def level(self, num_id: str | None, ilvl: int) -> Level | None:
        if not num_id:
            return None
        return self.levels.get((num_id, ilvl))

    def render(self, num_id: str, ilvl: int) -> str:
        """Advance the counters and render the label ("2.1") as Word would; '' for numFmt=none/bullets."""
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        for k in range(ilvl + 1, 9):
            counts[k] = 0
        for k in range(ilvl):
            if counts[k] == 0:
                below = self.level(num_id, k)
                counts[k] = below.start if below else 1
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lvl.start
        if lvl.fmt in ("none", "bullet"):
            return ""

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            return str(counts[k]) if 0 <= k < 9 else ""

        return re.sub(r"%(\d)", sub, lvl.text).strip()


def parse_numbering(root: etree._Element | None, values: Values | None = None) -> Numbering:
    num = Numbering()
    values = values or Values()
    if root is None:
        return num
    abstract: dict[str, dict[int, Level]] = {}
    for an in root.iter(_w("abstractNum")):
        aid = an.get(_w("abstractNumId")) or ""
        lv: dict[int, Level] = {}
        for el in an.iter(_w("lvl")):
            lv[values.number(el.get(_w("ilvl")), "w:ilvl", 0, 8, 0)] = Level(
                fmt=_val(el.find(_w("numFmt")), "decimal") or "decimal",
                text=_val(el.find(_w("lvlText")), "") or "",
                start=values.number(_val(el.find(_w("start"))), "w:start", 0, 32_767, 1),
                style=_val(el.find(_w("pStyle"))),
            )
        abstract[aid] = lv
    for n in root.iter(_w("num")):
        nid = n.get(_w("numId")) or ""
        aid = _val(n.find(_w("abstractNumId")), "") or ""
        for il, lvl in abstract.get(aid, {}).items():
            num.levels[(nid, il)] = lvl
    return num
