"""Shrink a failing input while it keeps the same failure signature, within a time budget.

Byte-level cutting cannot shrink a .docx (any cut breaks the zip) and is slow on a PDF, so
each format is cut along its structure first: zip members and then XML elements level by
level (hierarchical delta debugging) for a .docx, whole objects for a PDF; bytes last.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable, Sequence
from typing import TypeVar

from lxml import etree

from . import pdf_syntax as ps

T = TypeVar("T")
Probe = Callable[[bytes], bool]


class Budget:
    def __init__(self, seconds: float, stop: Callable[[], bool] | None = None) -> None:
        self.deadline = time.monotonic() + seconds
        self.stop = stop

    def over(self) -> bool:
        return time.monotonic() > self.deadline or (self.stop is not None and self.stop())


def ddmin(items: Sequence[T], build: Callable[[list[T]], bytes], probe: Probe, budget: Budget) -> list[T]:
    """Remove chunks (halves, quarters, …) while the failure persists; O(n / chunk) probes per pass."""
    kept = list(items)
    chunk = max(1, len(kept) // 2)
    while kept and not budget.over():
        i, removed = 0, False
        while i < len(kept) and not budget.over():
            candidate = kept[:i] + kept[i + chunk :]
            if probe(build(candidate)):
                kept, removed = candidate, True
            else:
                i += chunk
        if chunk == 1 and not removed:
            break
        if not removed:
            chunk = max(1, chunk // 2)
    return kept


def minimise_bytes(data: bytes, probe: Probe, budget: Budget) -> bytes:
    return bytes(ddmin(data, bytes, probe, budget))


def _zip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, body in members:
            z.writestr(info, body)
    return out.getvalue()


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def minimise_docx(data: bytes, probe: Probe, budget: Budget) -> bytes:
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        members = [(i, src.read(i)) for i in src.infolist()]
    except Exception:  # not a zip after all: cut bytes
        return minimise_bytes(data, probe, budget)
    members = ddmin(members, _zip, probe, budget)
    for k in sorted(range(len(members)), key=lambda k: -len(members[k][1])):
        info, body = members[k]
        if budget.over():
            break

        def with_part(part: bytes, k: int = k, info: zipfile.ZipInfo = info) -> bytes:
            return _zip(members[:k] + [(info, part)] + members[k + 1 :])

        try:
            root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, huge_tree=True))
        except (etree.XMLSyntaxError, ValueError):
            root = None
        if root is None or not probe(with_part(_serialise(root))):
            # Not XML, or the failure lives in bytes a re-serialisation drops (prolog, encoding): cut bytes.
            members[k] = (info, minimise_bytes(body, lambda b: probe(with_part(b)), budget))
            continue
        _hdd(root, with_part, probe, budget)
        members[k] = (info, _serialise(root))
    return _zip(members)


def _hdd(root: etree._Element, wrap: Callable[[bytes], bytes], probe: Probe, budget: Budget) -> None:
    """Hierarchical delta debugging: ddmin each element's children, level by level from the root."""
    level = [root]
    while level and not budget.over():
        nxt: list[etree._Element] = []
        for el in level:
            kids = list(el)
            if not kids:
                continue

            def build(subset: list[etree._Element], el: etree._Element = el) -> bytes:
                el[:] = subset
                return wrap(_serialise(root))

            kept = ddmin(kids, build, probe, budget)
            el[:] = kept
            nxt.extend(kept)
        level = nxt


def minimise_pdf(data: bytes, probe: Probe, budget: Budget) -> bytes:
    pdf = ps.parse(data)
    if pdf is not None and probe(ps.write(pdf)):

        def build(objs: list[ps.PdfObject]) -> bytes:
            return ps.write(ps.PdfFile(pdf.header, objs, pdf.trailer))

        data = build(ddmin(pdf.objects, build, probe, budget))
    return minimise_bytes(data, probe, budget)


def minimise(data: bytes, probe: Probe, budget: Budget) -> bytes:
    if data[:4] == b"PK\x03\x04":
        return minimise_docx(data, probe, budget)
    if b"%PDF-" in data[:1024]:
        return minimise_pdf(data, probe, budget)
    return minimise_bytes(data, probe, budget)
