"""Page transcripts of published PDFs, as web archives hold them, and tables of contents run into one line.

Such a page is the site's chrome ('Download "…"', 'Storlek: px', 'Transkript'), then one paragraph per
PDF page that opens with the page's number: "3 Innehåll Sammanfattning... 4 Inledning... 5 …", "4
Sammanfattning Fristad vård och omsorgsboende håller …". Headings run into the text, so they are found
where the text names them: a TOC run into one paragraph names them (the TOC wins); without one, a
tjänsteskrivelse's fixed headings ("Förslag till beslut", "Ärendebeskrivning") and the genre's chapter
names are looked for where a sentence starts and a capitalised word follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers.blocks import Block
from .vocabulary import MEMO_HEADINGS, key, known_prefix

_CHROME_RE = re.compile(
    r"^(?:Transkript|Transcript|Storlek:.*|Starta visningen från sidan:?|Save this PDF as:?|Download\s+\".*|"
    r"Ladda ner\s+\".*|(?:WORD|PNG|TXT|JPG|PDF)(?:\s+(?:WORD|PNG|TXT|JPG|PDF))+)\s*:?\s*$",
    re.I,
)
_TRANSCRIPT_RE = re.compile(r"^\s*(?:Transkript|Transcript)\s*:?\s*$", re.I)
_PAGE_MARK_RE = re.compile(r"^(?P<n>\d{1,3})\s+(?=\S)")
_MIN_PAGE_CHARS = 40
_CHROME_SEARCH = 20
_TOC_HEAD_RE = re.compile(r"^\s*(?:Innehållsförteckning|Innehåll|INNEHÅLL(?:SFÖRTECKNING)?)\s*:?\s+(?=\S)")
# An entry ends at its page number, after leader dots or a space: "Sammanfattning... 4", "Riskanalys 5".
_TOC_PAGE_RE = re.compile(r"(?:\s*(?:\.{2,}|…+)\s*|\s+)(?P<page>\d{1,3})(?=\s|$)")
_NUMBERING_RE = re.compile(r"^(?P<num>(?:[IVX]+\.|\d+(?:\.\d+)*\.?)\s*)(?=\S)")
_MIN_TOC_ENTRIES = 3
# Bounds for hostile input: a real TOC has well under 200 entries, a page well under 50 headings.
_MAX_TOC_ENTRIES = 200
_MAX_CUTS = 50
_MAX_ENTRY_WORDS = 14
_SENTENCE_END = (".", "!", "?", ":", ")")
_WORD_RE = re.compile(r"\S+")


@dataclass
class _Entry:
    title: str
    level: int
    page: int | None
    pattern: re.Pattern[str]
    single_word: bool


def read_transcript(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """The blocks with the web page's chrome and the page numbers taken out (returned as furniture), a
    TOC run into a paragraph split into its entries, and the headings the text runs in split off."""
    blocks, furniture = _strip_chrome(blocks)
    pages = _page_paragraphs(blocks, bool(furniture))
    for i, n in pages.items():
        b = blocks[i]
        m = _PAGE_MARK_RE.match(b.text)
        assert m is not None
        furniture.append(m.group("n"))
        b.text, b.page = b.text[m.end() :], n
        # Some transcripts print the page number at both ends of the page.
        b.text = re.sub(rf"(?<=[^\d\s])\s+{n}\s*$", "", b.text)
    blocks, entries, after = _inline_toc(blocks)
    if entries:
        blocks = _split_at_entries(blocks, after, entries)
    elif pages:
        blocks = _split_at_vocabulary(blocks, set(pages.values()))
    return blocks, furniture


def _strip_chrome(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    head = blocks[:_CHROME_SEARCH]
    chrome = [
        i for i, b in enumerate(head) if i > 0 and b.kind == "paragraph" and _CHROME_RE.match(b.text.strip())
    ]
    if not any(_TRANSCRIPT_RE.match(blocks[i].text) for i in chrome) and len(chrome) < 2:
        return blocks, []
    drop = set(chrome)
    return [b for i, b in enumerate(blocks) if i not in drop], [blocks[i].text.strip() for i in chrome]


def _page_paragraphs(blocks: list[Block], transcript: bool) -> dict[int, int]:
    """Paragraphs that open with the next page's number (1, 2, 3 …) → {block index: page}."""
    found: dict[int, int] = {}
    last = 0
    for i, b in enumerate(blocks):
        if b.kind != "paragraph" or len(b.text) < _MIN_PAGE_CHARS:
            continue
        m = _PAGE_MARK_RE.match(b.text)
        if m is None:
            continue
        n = int(m.group("n"))
        if (not found and n <= 2) or (found and last < n <= last + 3):
            found[i] = n
            last = n
    return found if len(found) >= 2 or (found and transcript) else {}


def _inline_toc(blocks: list[Block]) -> tuple[list[Block], list[_Entry], int]:
    """A paragraph "Innehåll Sammanfattning... 4 Inledning... 5 …" becomes a TOC title and its entries."""
    for i, b in enumerate(blocks):
        if b.kind != "paragraph":
            continue
        m = _TOC_HEAD_RE.match(b.text)
        if m is None:
            continue
        entries, rest = _toc_entries(b.text[m.end() :])
        if len(entries) < _MIN_TOC_ENTRIES:
            continue
        new = [Block(kind="toc_title", text=m.group(0).strip(), page=b.page, line=b.line)]
        new += [
            Block(kind="toc_entry", text=e.title, page=b.page, line=b.line, level=e.level, toc_page=e.page)
            for e in entries
        ]
        if rest:
            new.append(Block(kind="paragraph", text=rest, page=b.page, line=b.line))
        return blocks[:i] + new + blocks[i + 1 :], [e for e in entries if e.page is not None], i + len(new)
    return blocks, [], 0


def _toc_entries(text: str) -> tuple[list[_Entry], str]:
    """Entries up to the first stretch that is not one (a sentence, the page's text); that stretch is
    returned as the rest. A run of titles without page numbers is kept as one entry: its split is unknown."""
    entries: list[_Entry] = []
    pos = 0
    for m in _TOC_PAGE_RE.finditer(text):
        title = text[pos : m.start()].strip()
        if not _entry_like(title):
            break
        entries.append(_entry(title, int(m.group("page"))))
        pos = m.end()
        if len(entries) >= _MAX_TOC_ENTRIES:
            break
    tail = text[pos:].strip()
    if tail and len(tail.split()) > 1 and not re.search(r"[.!?]\s", tail + " ") and len(tail.split()) <= 80:
        entries.append(_entry(tail, None))  # titles the transcript ran together, without page numbers
        tail = ""
    return entries, tail


def _entry_like(title: str) -> bool:
    title = _NUMBERING_RE.sub("", title)  # "1. Inledning": the numbering's dot ends no sentence
    words = title.split()
    return (
        0 < len(words) <= _MAX_ENTRY_WORDS
        and not re.search(r"[.!?]\s|[.!?;]$", title)
        and title[:1].isupper()
    )


def _entry(title: str, page: int | None) -> _Entry:
    num = _NUMBERING_RE.match(title)
    core = title[num.end() :] if num else title
    level = (
        num.group("num").strip().rstrip(".").count(".") + 1 if num and num.group("num")[0].isdigit() else 1
    )
    words = [re.escape(w) for w in core.split()]
    body = r"\s+".join(words)
    pattern = re.compile(rf"(?:(?<=\s)|^)(?:(?:[IVX]+\.|\d+(?:\.\d+)*\.?)\s*)?{body}(?=\s+\S|\s*$)", re.I)
    return _Entry(title=title, level=level, page=page, pattern=pattern, single_word=len(words) == 1)


def _split_at_entries(blocks: list[Block], start: int, entries: list[_Entry]) -> list[Block]:
    """Headings where the text names the TOC's entries, in their order."""
    out = blocks[:start]
    ti = 0
    for b in blocks[start:]:
        if b.kind != "paragraph" or ti >= len(entries):
            out.append(b)
            continue
        cuts: list[tuple[int, int, int | None]] = []  # (start, end, level)
        pos = 0
        while ti < len(entries) and len(cuts) < _MAX_CUTS:
            hit = None
            for k in range(ti, min(len(entries), ti + 4)):
                m = _find_entry(b.text, pos, entries[k])
                if m is not None and (hit is None or m[0] < hit[0][0]):
                    hit = (m, k)
            if hit is None:
                break
            (s, e), k = hit
            cuts.append((s, e, entries[k].level))
            pos, ti = e, k + 1
        out += _cut(b, cuts, "toc")
    return out


def _find_entry(text: str, pos: int, entry: _Entry) -> tuple[int, int] | None:
    for m in entry.pattern.finditer(text, pos):
        found = m.group(0)
        core = _NUMBERING_RE.sub("", found)
        # Written as the TOC writes it (capitalised) or in capitals; followed by a new sentence or the end.
        if not (core[:1].isupper() or found.isupper()):
            continue
        after = text[m.end() :].lstrip()
        if after and not after[:1].isupper() and not after[:1].isdigit():
            continue
        if entry.single_word and m.start() > 0 and not text[: m.start()].rstrip().endswith(_SENTENCE_END):
            continue  # one capitalised word mid-text is a sentence's first word, not a heading
        return m.start(), m.end()
    return None


def _split_at_vocabulary(blocks: list[Block], pages: set[int]) -> list[Block]:
    """Without a TOC: a memo's fixed headings, and the genre's chapter names at a sentence start."""
    out: list[Block] = []
    for b in blocks:
        if b.kind != "paragraph" or b.page not in pages:
            out.append(b)
            continue
        words = list(_WORD_RE.finditer(b.text))
        cuts: list[tuple[int, int, int | None]] = []
        k = 0
        while k < len(words) - 1:
            w = words[k].group()
            n = known_prefix([x.group() for x in words[k : k + 8]]) if w[:1].isupper() else 0
            if n and k + n < len(words):
                phrase = b.text[words[k].start() : words[k + n - 1].end()]
                nxt = words[k + n].group()
                memo = key(phrase) in MEMO_HEADINGS
                starts = k == 0 or words[k - 1].group().endswith(_SENTENCE_END)
                if (memo or starts) and nxt[:1].isupper() and not phrase.endswith(","):
                    cuts.append((words[k].start(), words[k + n - 1].end(), None))
                    k += n
                    continue
            k += 1
        out += _cut(b, cuts, "text")
    return out


def _cut(b: Block, cuts: list[tuple[int, int, int | None]], source: str) -> list[Block]:
    if not cuts:
        return [b]
    out: list[Block] = []
    pos = 0
    for s, e, level in cuts:
        before = b.text[pos:s].strip()
        if before:
            out.append(Block(kind="paragraph", text=before, page=b.page, line=b.line))
        out.append(
            Block(
                kind="heading",
                text=b.text[s:e].strip(),
                page=b.page,
                line=b.line,
                level=level,
                heading_source="toc" if source == "toc" else "text",
            )  # fmt: skip
        )
        pos = e
    rest = b.text[pos:].strip()
    if rest:
        out.append(Block(kind="paragraph", text=rest, page=b.page, line=b.line))
    return out
