"""Recover structure from flattened PDF transcripts (text copied out of a PDF viewer or web page).

Such text runs a page's heading, body and page number into one paragraph:
``"Utveckling och resultat 2014 I strävan att uppnå budget … förfogande 5"``.
We strip the trailing page numbers (they form an increasing sequence) and split a
leading heading off a paragraph where a short, unpunctuated run of words is followed by
a capitalised word, as Swedish capitalises sentence starts and proper nouns only.
"""

from __future__ import annotations

import re

from ..readers.blocks import Block

_LONG = 600
_TRAILING_NUM_RE = re.compile(r"^(?P<body>.*\S)\s+(?P<num>\d{1,3})\s*$", re.S)
_WORD_RE = re.compile(r"\S+")
_STOP_PUNCT = re.compile(r"[.:;!]$")
_MAX_HEADING_WORDS = 10


def is_flattened(blocks: list[Block]) -> bool:
    if any(b.kind == "toc_entry" for b in blocks):
        return False
    long_paras = [b for b in blocks if b.kind == "paragraph" and len(b.text) >= _LONG]
    return len(long_paras) >= 3 and len(_page_number_candidates(blocks)) >= 3


def _page_number_candidates(blocks: list[Block]) -> dict[int, int]:
    """Blocks ending in a number that continues an increasing sequence → {block index: number}."""
    found: dict[int, int] = {}
    last = 0
    for i, b in enumerate(blocks):
        if b.kind != "paragraph" or len(b.text) < 80:
            continue
        m = _TRAILING_NUM_RE.match(b.text)
        if not m:
            continue
        num = int(m.group("num"))
        # Page numbers only grow, and by small steps (charts and tables take whole pages).
        if last < num <= last + 4 or (not found and num <= 5):
            found[i] = num
            last = num
    return found


def unflatten(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Return new blocks with page numbers stripped (returned as furniture) and headings split off."""
    pages = _page_number_candidates(blocks)
    furniture: list[str] = []
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if i in pages:
            m = _TRAILING_NUM_RE.match(b.text)
            assert m is not None
            furniture.append(m.group("num"))
            b.text = m.group("body")
            b.page = pages[i]
        if b.kind == "paragraph" and len(b.text) >= _LONG:
            split = split_leading_heading(b.text)
            if split:
                head, rest = split
                out.append(
                    Block(kind="heading", text=head, line=b.line, page=b.page, level=1, heading_source="text")
                )
                b.text = rest
        out.append(b)
    return out, furniture


def split_leading_heading(text: str) -> tuple[str, str] | None:
    words = list(_WORD_RE.finditer(text))
    for k in range(1, min(_MAX_HEADING_WORDS, len(words) - 1)):
        w = words[k - 1].group()
        nxt = words[k].group()
        if _STOP_PUNCT.search(w) or w.endswith(","):
            return None
        ends_heading = w.endswith("?") or (w[-1].islower() or w[-1].isdigit())
        if (
            k >= 2
            and ends_heading
            and nxt[0].isupper()
            and not _is_acronym(nxt)
            and _sentence_case(words[:k])
        ):
            head = text[: words[k - 1].end()].strip()
            return head, text[words[k].start() :]
        if w.endswith("?"):
            return None
    return None


def _sentence_case(words: list[re.Match[str]]) -> bool:
    # Swedish headings are written in sentence case; a run of capitalised words is a list of names.
    return any(w.group()[:1].islower() or w.group()[:1].isdigit() for w in words[1:])


def _is_acronym(word: str) -> bool:
    # "SKL", "IVO", "SoL": an acronym mid-title does not start a sentence.
    letters = re.sub(r"\W", "", word)
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2
