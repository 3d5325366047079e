"""Headings in plain text without a TOC or Markdown markup: short standalone lines.

Structured text puts one paragraph per line, so a heading is a short line without closing
punctuation ("3.2 Avvikelser", "SAMMANFATTNING", "Vår enhet"), between paragraphs. Four or more
such lines in a row are a list (a cover page, a list of documents), not a cascade of empty
chapters. The first line of a text is its title, not its first chapter, unless it is a chapter
name of the genre ("Inledning"). A closing date and the name and title under it are a signature.

A plain text with a TOC gets its headings from the TOC, so a chapter the TOC leaves out would never
become one (and a reader could not be told it is missing from the TOC): a standalone line that is a
chapter name of the genre becomes a chapter heading all the same.
"""

from __future__ import annotations

import re

from ..readers.blocks import Block
from .cues import short_heading
from .meta_text import NAME_RE, ROLE_RE, find_date
from .meta_title import DOC_TYPE_RE
from .questions import parse_option_line
from .vocabulary import is_known

_MAX_RUN = 3
_TITLE_SEARCH = 10  # blocks from the top where the title may stand (after a letterhead)
# "Handläggare: Anna Berg", "Verksamhet: Familjesektionen": a field of the letterhead or cover.
_FIELD_RE = re.compile(r"^[A-ZÅÄÖ][\wåäö ,-]{1,30}:\s+\S")  # "Om ja, ange antal: 1" too
_ANSWERS = {"ja", "nej", "delvis", "vet ej"}  # an answer on a line of its own
# An organisation named on a cover line ("Socialnämnden, Exempelby kommun", "Växjö kommun").
_ORG_LINE_RE = re.compile(r"\b[A-ZÅÄÖ][\wåäö-]+s?\s+(?:kommun|stad|region|landsting)\b|\b(?:KOMMUN|STAD|REGION)\b")
_COVER_LINE_CHARS = 120
# "3.2 Avvikelser", "2. Mål": the numbering gives the level.
_NUMBERED_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,4}\.?)\s+[A-ZÅÄÖ]")


def is_heading_candidate(b: Block) -> bool:
    if b.kind not in ("paragraph",) or not b.text:
        return False
    t = b.text.strip()
    if not short_heading(t, plain=True):
        return False
    if t.endswith((".", ",", ":", ";", "!")) or not (t[0].isupper() or t[0].isdigit()):
        return False
    if re.fullmatch(r"[\d\s.,%–-]+", t) or parse_option_line(t) is not None or t.casefold() in _ANSWERS:
        return False
    return not _signature_line(t) and not _FIELD_RE.match(t)


def _signature_line(t: str) -> bool:
    """ "Vetlanda 2015-11-11", "den 5 mars 2019", "Monica Karlsson, sektionschef": a signature, not a heading."""
    found = find_date(t)
    if found is not None and len(t) - (found[1].end() - found[1].start()) <= 25:
        return True
    m = re.fullmatch(rf"({NAME_RE.pattern}),\s*(.+)", t)
    return m is not None and ROLE_RE.search(m.group(2)) is not None


def _signs(b: Block, nxt: Block | None) -> bool:
    """A name line followed by a job title ("Per Sandberg" / "förvaltningschef")."""
    if nxt is None or not NAME_RE.fullmatch(b.text.strip()):
        return False
    t = nxt.text.strip()
    return len(t) <= 60 and ROLE_RE.match(t) is not None


def promote_standalone_headings(blocks: list[Block]) -> None:
    """Mark candidate lines as headings (level left for ``infer_levels``)."""
    if any(b.kind in ("heading", "toc_entry") for b in blocks):
        return  # the document says where its headings are
    cands = [is_heading_candidate(b) for b in blocks]
    for k, b in enumerate(blocks):
        if cands[k] and _signs(b, blocks[k + 1] if k + 1 < len(blocks) else None):
            cands[k] = False
    for k in range(min(len(blocks), _TITLE_SEARCH)):
        if len(blocks[k].text) > _COVER_LINE_CHARS:
            break  # the body has begun
        if cands[k] and _ORG_LINE_RE.search(blocks[k].text) and not is_known(blocks[k].text):
            cands[k] = False  # "Socialnämnden, Exempelby kommun": the cover's letterhead, not a chapter
    first = next((k for k, b in enumerate(blocks) if b.kind != "table"), None)
    if first is not None and cands[first] and not is_known(blocks[first].text):
        cands[first] = False  # the document's title
    for k in range(min(len(blocks), _TITLE_SEARCH)):
        # A line naming the kind of report above the first chapter is the title under a letterhead.
        if cands[k] and DOC_TYPE_RE.search(blocks[k].text) and not is_known(blocks[k].text):
            cands[k] = False
            break
    i = 0
    while i < len(blocks):
        if not cands[i]:
            i += 1
            continue
        j = i
        while j < len(blocks) and cands[j]:
            j += 1
        if j - i <= _MAX_RUN and j < len(blocks):  # a heading needs something after it
            for k in range(i, j):
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                # A question is answered by the option line after it, it does not head a section.
                if blocks[k].text.rstrip().endswith("?") and nxt is not None and (
                    parse_option_line(nxt.text) or nxt.text.strip().casefold() in _ANSWERS
                ):
                    continue
                blocks[k].kind = "heading"
                blocks[k].heading_source = "text"
                num = _NUMBERED_RE.match(blocks[k].text)
                if num:
                    blocks[k].level = min(num.group(1).rstrip(".").count(".") + 1, 6)  # "2.1 Lex Sarah" → 2
        i = j


def promote_chapters_outside_toc(blocks: list[Block]) -> None:
    """After the TOC has named its headings: a standalone line after the TOC that is a chapter name of the
    genre ("Egenkontroll", between two paragraphs) is a chapter, listed in the TOC or not. Only known
    chapter names: any other short line in a text whose TOC says where the headings are is a label."""
    ends = [i for i, b in enumerate(blocks) if b.kind in ("toc_entry", "toc_title")]
    if not any(b.kind == "toc_entry" for b in blocks):
        return
    for k in range(ends[-1] + 1, len(blocks) - 1):
        b = blocks[k]
        if is_heading_candidate(b) and is_known(b.text) and blocks[k + 1].kind != "heading":
            b.kind, b.heading_source, b.level = "heading", "text", 1  # the genre's chapters are level 1
