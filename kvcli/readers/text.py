"""Plain-text and Markdown reader.

Handles the two kinds of text found in archives: *structured* text (one paragraph per
line, TSV tables, "- " bullets, a table of contents with tab/dot leaders and page
numbers) and *flattened PDF transcripts* whose paragraphs run a heading, body text and
a trailing page number together. The reader only classifies lines; deciding which
paragraphs are headings is left to ``kvcli.structure`` (it needs the whole document).
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import InputError, LimitError
from ..limits import DEFAULT_LIMITS, Limits
from ..structure.cells import CellBudget
from ..structure.tables import infer_header_rows
from .blocks import Block, ReadResult

TOC_TITLE_RE = re.compile(
    r"^\s*(innehåll(sförteckning)?|innehåll:|contents|table of contents)\s*:?\s*$", re.I
)
# "Riskanalys\t7", "Riskanalys.....\t7", "Riskanalys ........ 7", "2.1 Riskanalys 7"
TOC_ENTRY_RE = re.compile(r"^(?P<title>\S.*?)(?:\s*\.{3,}\s*|\s*\t+\s*|\s*…+\s*|\s{2,})(?P<page>\d{1,4})\s*$")
BULLET_RE = re.compile(r"^\s*[-–•*▪◦·]\s+(?=\S)")  # numbered items keep their number: it is text
MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
BOLD_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")

# Spaces that word processors put inside numbers and names; the model uses plain spaces.
_SPACE_TRANSLATION = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\ufeff": ""})


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode bytes into text and say which encoding it was. Swedish å/ä/ö must survive."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    # UTF-32's little-endian BOM begins with UTF-16's: test the longer one first.
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError:
            raise InputError(name, "looks like UTF-32 text but does not decode") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(name, "looks like UTF-16 text but does not decode") from None
    if _looks_binary(data):
        raise InputError(name, "binary content, not a text file (wrong extension?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 is a superset of latin-1's printable range and what Swedish Windows wrote;
    # its five undefined bytes only occur in true latin-1 (C1 controls).
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACE_TRANSLATION)
    return unicodedata.normalize("NFC", text)


def read_text(name: str, data: bytes, sha: str, limits: Limits) -> ReadResult:
    if len(data) > limits.max_text_bytes:
        raise LimitError(
            name, f"text file is {len(data):,} bytes, over the text limit of {limits.max_text_bytes:,}"
        )
    text, encoding = decode(name, data)
    warnings: list[str] = []
    text = normalise(text)
    if not text.strip():
        raise InputError(name, "file is empty (only whitespace)")
    lines = text.split("\n")
    if any(len(ln) > limits.max_line_chars for ln in lines):
        warnings.append(f"lines longer than {limits.max_line_chars:,} characters were split")
    blocks = list(classify_lines(lines, limits.max_line_chars, CellBudget(name, limits)))
    return ReadResult(
        path=name, format="txt", sha256=sha, blocks=blocks, encoding=encoding, warnings=warnings
    )


def _strip_bold(s: str) -> tuple[str, bool]:
    whole = bool(re.fullmatch(r"\s*(\*\*|__).+(\*\*|__)\s*", s))
    return BOLD_RE.sub(lambda m: m.group(1) or m.group(2), s), whole


def classify_lines(lines: list[str], max_line: int, budget: CellBudget | None = None) -> list[Block]:
    budget = budget or CellBudget("text", DEFAULT_LIMITS)
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    toc_done = False
    # After a run of tab lines that is no table, no later line of that run starts one either: skip the
    # retry, which would rescan the run from every line of it.
    no_table_before = 0
    while i < n:
        raw = lines[i]
        lineno = i + 1
        stripped = raw.strip()
        if not stripped:
            i += 1
            continue
        if not toc_done and TOC_TITLE_RE.match(stripped):
            entries, j = _read_toc(lines, i + 1)
            if entries:
                blocks.append(Block(kind="toc_title", text=stripped, line=lineno))
                blocks.extend(entries)
                toc_done = True
                i = j
                continue
        if i >= no_table_before and "\t" in raw and raw.strip("\t "):
            rows, j = _read_table(lines, i, budget)
            # A lone header row ("Resultatindikator | Utfall") is still a table: an empty one.
            if len(rows) >= 2 or (rows and sum(1 for c in rows[0] if c) >= 2):
                budget.done(len(rows), len(rows[0]))
                blocks.append(
                    Block(kind="table", text="", line=lineno, rows=rows, header_rows=infer_header_rows(rows))
                )
                i = j
                continue
            no_table_before = j
        for piece in _split_long(stripped, max_line):
            blocks.append(_line_block(piece, lineno))
        i += 1
    return blocks


def _split_long(s: str, max_line: int) -> list[str]:
    if len(s) <= max_line:
        return [s]
    return [s[k : k + max_line] for k in range(0, len(s), max_line)]


def _line_block(s: str, lineno: int) -> Block:
    m = MD_HEADING_RE.match(s)
    if m:
        title, _ = _strip_bold(m.group(2))
        return Block(kind="heading", text=title, line=lineno, level=len(m.group(1)), heading_source="text")
    text, bold = _strip_bold(s)
    b = BULLET_RE.match(text)
    if b and not _is_option_line(text):
        return Block(kind="list_item", text=text[b.end() :].strip(), line=lineno, bold=bold)
    return Block(kind="paragraph", text=text, line=lineno, bold=bold)


def _is_option_line(text: str) -> bool:
    # "- Ja Nej" is a questionnaire answer line, not a bullet list.
    return bool(re.fullmatch(r"[-–•*]\s*(ja|nej|delvis)\b.*", text.strip(), re.I)) and len(text) < 40


def _read_toc(lines: list[str], start: int) -> tuple[list[Block], int]:
    entries: list[Block] = []
    i = start
    blanks = 0
    while i < len(lines):
        s = lines[i].strip()
        if not s:
            blanks += 1
            # A TOC may have a blank line after its title, but two blanks after entries end it.
            if entries and blanks >= 2:
                break
            i += 1
            continue
        m = TOC_ENTRY_RE.match(s)
        if not m:
            break
        blanks = 0
        title = re.sub(r"[.\s…]+$", "", m.group("title")).strip()
        indent = len(lines[i]) - len(lines[i].lstrip(" \t"))
        entries.append(
            Block(
                kind="toc_entry",
                text=title,
                line=i + 1,
                toc_page=int(m.group("page")),
                level=(1 + indent // 2) if indent else None,
            )
        )
        i += 1
    if len(entries) < 2:
        return [], start
    return entries, i


def _read_table(lines: list[str], start: int, budget: CellBudget) -> tuple[list[list[str]], int]:
    rows: list[list[str]] = []
    where = f"the table at line {start + 1}"
    # Trailing empty columns are tab noise: the table is as wide as its widest non-empty cell reaches.
    width = 0
    i = start
    while i < len(lines) and "\t" in lines[i] and lines[i].strip():
        # Counted before splitting: one line of a million tabs must not become a million-cell list first.
        if (raw_cells := lines[i].count("\t") + 1) > budget.per_table:
            budget.check(where, len(rows) + 1, raw_cells)
        cells = [c.strip() for c in lines[i].split("\t")]
        # Rows made only of dashes are text-table rulers, not data.
        if not all(_RULER_RE.fullmatch(c) for c in cells):
            rows.append(cells)
            used = len(cells)
            while used and not cells[used - 1]:
                used -= 1
            width = max(width, used)
            budget.check(where, len(rows), width)
        i += 1
    # Pad ragged rows so every row has the same width.
    rows = [(r + [""] * width)[:width] for r in rows]
    return rows, i


_RULER_RE = re.compile(r"[-–—=_ ]*")
