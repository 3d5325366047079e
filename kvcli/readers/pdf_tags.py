"""Tagged PDF: the structure tree of one page, read through pdfium, as evidence for the layout.

A tagged PDF says what its producer meant: ``H1``…``H6`` (or ``H``), ``P``, lists (``L``/``LI``),
tables (``Table``/``TR``/``TH``/``TD`` with row and column spans) and, on the content itself,
``Artifact`` for page furniture. The text on the page carries a marked-content id (MCID); the tree
says which element owns each id. This module only reads: which element owns an MCID, its type, its
list depth, and each table's grid of cells. Whether the tags are worth trusting is decided later,
from the whole document (``kvcli.structure``); tables are used only when their grid is sound.

pdfium hands the page's elements with *all* their marked-content kids, including those of an
element that continues on another page (a paragraph split by a page break, a table header
repeated on every page), so an MCID can be claimed twice. The page's text comes in the tree's
order: of the claims on an MCID that holds text, the one in the longest run of claims whose text
follows the page's content order wins.
"""

from __future__ import annotations

import bisect
import ctypes
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

# Element types that hold a paragraph's worth of text; inline types (Span, Link, Strong, NonStruct)
# belong to the block above them.
BLOCK_TYPES = frozenset(
    {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TH", "TD", "Caption", "TOCI", "Title",
     "BlockQuote", "Note", "Figure", "Formula", "Quote", "Code"}
)  # fmt: skip
_LIST_PARTS = {"Lbl", "LBody"}  # parts of an LI: the LI is the block
_MAX_ELEMENTS = 20_000  # per page; a real page has a few hundred
_MAX_DEPTH = 64
_TYPE_BUF = 64


@dataclass
class TagCell:
    element: int  # the cell's serial number on its page (its MCIDs are those the page gives to it)
    mcids: list[int]
    header: bool
    rowspan: int = 1
    colspan: int = 1


@dataclass
class TagTable:
    rows: list[list[TagCell]] = field(default_factory=list)


@dataclass
class _Claim:
    mcid: int
    element: int
    kind: str
    depth: int


@dataclass
class PageTags:
    # MCID -> (serial number of the owning block element on this page, its type, its list depth);
    # filled by ``resolve`` once the page's text is known.
    owner: dict[int, tuple[int, str, int]] = field(default_factory=dict)
    tables: list[TagTable] = field(default_factory=list)
    elements: int = 0
    claims: list[_Claim] = field(default_factory=list)

    def resolve(self, content_order: list[int]) -> None:
        """Owners of the MCIDs that hold text, given in the order the page draws them."""
        rank = {m: i for i, m in enumerate(content_order)}
        self.owner = _resolve([c for c in self.claims if c.mcid in rank], rank)
        self.claims = []


def read_page_tags(page_raw: object) -> PageTags:
    """The structure tree of one page; empty when the page has none or it cannot be read."""
    out = PageTags()
    tree = pdfium_c.FPDF_StructTree_GetForPage(page_raw)
    if not tree:
        return out
    try:
        buf = ctypes.create_string_buffer(_TYPE_BUF * 2)
        n = pdfium_c.FPDF_StructTree_CountChildren(tree)
        roots = [pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, i) for i in range(max(0, min(n, 10_000)))]
        _walk([r for r in roots if r], out, out.claims, buf)
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)
    return out


def _type(el: object, buf: ctypes.Array[ctypes.c_char]) -> str:
    n = pdfium_c.FPDF_StructElement_GetType(el, buf, len(buf))
    if n <= 0 or n > len(buf):
        return ""
    return buf.raw[:n].decode("utf-16-le", errors="replace").rstrip("\0")


def _mcids(el: object) -> list[int]:
    n = pdfium_c.FPDF_StructElement_GetMarkedContentIdCount(el)
    ids = [
        pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex(el, i) for i in range(max(0, min(n, 10_000)))
    ]
    return [m for m in ids if m >= 0]


def _children(el: object) -> list[object]:
    n = pdfium_c.FPDF_StructElement_CountChildren(el)
    kids = [pdfium_c.FPDF_StructElement_GetChildAtIndex(el, i) for i in range(max(0, min(n, 10_000)))]
    return [k for k in kids if k]


def _walk(roots: list[object], out: PageTags, claims: list[_Claim], buf: ctypes.Array[ctypes.c_char]) -> None:
    """Depth first, in tree order, without recursion (a hostile tree may be deep)."""
    # stack items: (element, owning block serial or -1, owning block type, list depth, table context, depth)
    stack: list[tuple[object, int, str, int, _TableCtx | None, int]] = [
        (r, -1, "", 0, None, 0) for r in reversed(roots)
    ]
    while stack:
        el, block, kind, ldepth, table, depth = stack.pop()
        out.elements += 1
        if out.elements > _MAX_ELEMENTS or depth > _MAX_DEPTH:
            continue
        t = _type(el, buf)
        if t == "L":
            ldepth += 1
        if t == "Table":
            table = _TableCtx(TagTable())
            out.tables.append(table.table)
        elif t == "TR" and table is not None:
            table.table.rows.append([])
        cell: TagCell | None = None
        if t in ("TH", "TD") and table is not None:
            if not table.table.rows:
                table.table.rows.append([])
            rowspan, colspan = _spans(el)
            cell = TagCell(
                out.elements, [], header=t == "TH" or table.in_head, rowspan=rowspan, colspan=colspan
            )
            table.table.rows[-1].append(cell)
        if t in ("THead", "TBody", "TFoot") and table is not None:
            table = _TableCtx(table.table, in_head=t == "THead")
        if (t in BLOCK_TYPES and block < 0) or t in ("TH", "TD"):
            # The outermost block owns its text; a cell is always its own block.
            block, kind = out.elements, t
        elif t in _LIST_PARTS and kind != "LI":
            block, kind = out.elements, "LI"
        for m in _mcids(el):
            claims.append(_Claim(m, block, kind, ldepth))
            if cell is not None:
                cell.mcids.append(m)
            elif table is not None and table.cell is not None:
                table.cell.mcids.append(m)
        ctx = table
        if cell is not None and table is not None:
            ctx = _TableCtx(table.table, in_head=table.in_head, cell=cell)
        for k in reversed(_children(el)):
            stack.append((k, block, kind, ldepth, ctx, depth + 1))


@dataclass
class _TableCtx:
    table: TagTable
    in_head: bool = False
    cell: TagCell | None = None


def _spans(el: object) -> tuple[int, int]:
    rowspan = colspan = 1
    for k in range(max(0, min(pdfium_c.FPDF_StructElement_GetAttributeCount(el), 16))):
        attr = pdfium_c.FPDF_StructElement_GetAttributeAtIndex(el, k)
        if not attr:
            continue
        for name in (b"RowSpan", b"ColSpan"):
            value = pdfium_c.FPDF_StructElement_Attr_GetValue(attr, name)
            if not value or pdfium_c.FPDF_StructElement_Attr_GetType(value) != pdfium_c.FPDF_OBJECT_NUMBER:
                continue
            f = ctypes.c_float()
            if pdfium_c.FPDF_StructElement_Attr_GetNumberValue(value, ctypes.byref(f)):
                n = max(1, min(int(f.value), 100))
                if name == b"RowSpan":
                    rowspan = n
                else:
                    colspan = n
    return rowspan, colspan


def _resolve(claims: list[_Claim], rank: dict[int, int]) -> dict[int, tuple[int, str, int]]:
    """MCID -> owner. An MCID claimed once is its claimant's; of several claims, the one in the longest
    run of claims whose text rises in content order wins (the others come from elements on other pages)."""
    count: dict[int, int] = {}
    for c in claims:
        count[c.mcid] = count.get(c.mcid, 0) + 1
    keep = _increasing([rank[c.mcid] for c in claims]) if any(v > 1 for v in count.values()) else set()
    owner: dict[int, tuple[int, str, int]] = {}
    for i, c in enumerate(claims):
        if count[c.mcid] == 1 or (i in keep and c.mcid not in owner):
            owner[c.mcid] = (c.element, c.kind, c.depth)
    for c in claims:  # a contested MCID outside the rising run still needs an owner
        owner.setdefault(c.mcid, (c.element, c.kind, c.depth))
    return owner


def _increasing(values: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence of ``values`` (patience sorting)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_idx.append(i)
        else:
            tails[k] = v
            tail_idx[k] = i
        prev[i] = tail_idx[k - 1] if k else -1
    out: set[int] = set()
    i = tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out
