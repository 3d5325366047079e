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
from .blocks import Block, ReadResult
from .cells import CellBudget
from .text_layout import Layout, analyse
from .text_pipes import pipe_rows
from .text_wrap import unwrap, wrap_width

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


# UTF-8's two bytes for å ä ö é ü Å Ä Ö É Ü, read as Windows-1252 ("Ã¥", "Ã¤", "Ã¶", ...).
_MOJIBAKE_RE = re.compile("Ã[¥¤¶©¼…„–‰œ]")
_MIN_MOJIBAKE = 3


def _undo_double_encoding(text: str) -> str | None:
    """The text as written, when it was UTF-8 decoded as Windows-1252 and saved again as UTF-8 (an
    archive's files copied through a tool that guessed the encoding wrong); else None. Only when the
    whole text re-encodes and decodes cleanly and holds no å, ä or ö of its own: a text that mentions
    "Ã¤" once is left alone."""
    if len(_MOJIBAKE_RE.findall(text)) < _MIN_MOJIBAKE or any(c in text for c in "åäöÅÄÖ"):
        return None
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None


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
    repaired = _undo_double_encoding(text)
    if repaired is not None:
        text, encoding = repaired, f"{encoding}, double-encoded"
        warnings.append("the text was UTF-8 read as Windows-1252 and saved again ('Ã¤' for 'ä'); it was repaired")
    text = normalise(text)
    if not text.strip():
        raise InputError(name, "file is empty (only whitespace)")
    lines = text.split("\n")
    if any(len(ln) > limits.max_line_chars for ln in lines):
        warnings.append(f"lines longer than {limits.max_line_chars:,} characters were split")
    budget = CellBudget(name, limits)
    if "|" in text and (pipes := pipe_rows(lines)):
        lines = ["\t".join(pipes[i]) if i in pipes else ln for i, ln in enumerate(lines)]
    layout = analyse(lines) if "\f" in text or "  " in text else None
    if layout is None:
        blocks = list(classify_lines(lines, limits.max_line_chars, budget))
        return ReadResult(path=name, format="txt", sha256=sha, blocks=blocks, encoding=encoding, warnings=warnings)
    return _read_laid_out(name, sha, encoding, warnings, lines, layout, limits, budget)


def _read_laid_out(name: str, sha: str, encoding: str, warnings: list[str], lines: list[str], layout: Layout,
                   limits: Limits, budget: CellBudget) -> ReadResult:  # fmt: skip
    """Text with pages, running headers and footers or aligned columns (see ``text_layout``)."""
    gone = layout.furniture | layout.absorbed
    shown = [
        "" if i in gone else "\t".join(layout.cells[i]) if i in layout.cells else ln.replace("\f", "")
        for i, ln in enumerate(lines)
    ]
    blocks = classify_lines(shown, limits.max_line_chars, budget, frozenset(layout.absorbed))
    if layout.pages[-1] > 1:
        for b in blocks:
            b.page = layout.pages[(b.line or 1) - 1]
    width = wrap_width(shown, set(layout.cells))
    if width is not None:
        blocks = unwrap(blocks, shown, width, layout.pages, gone)
    furniture = list(dict.fromkeys(_TAB_GAP_RE.sub("\t", lines[i].strip(" \f")) for i in sorted(layout.furniture)))
    return ReadResult(path=name, format="txt", sha256=sha, blocks=blocks, encoding=encoding, warnings=warnings,
                      pages=layout.pages[-1] if layout.pages[-1] > 1 else None, furniture=furniture)  # fmt: skip


_TAB_GAP_RE = re.compile(r" {3,}")  # a running line's parts (organisation left, title right) stand apart


def _strip_bold(s: str) -> tuple[str, bool]:
    whole = bool(re.fullmatch(r"\s*(\*\*|__).+(\*\*|__)\s*", s))
    return BOLD_RE.sub(lambda m: m.group(1) or m.group(2), s), whole


def classify_lines(lines: list[str], max_line: int, budget: CellBudget | None = None,
                   merged: frozenset[int] = frozenset()) -> list[Block]:  # fmt: skip
    """One block per non-blank line, with what the line itself says: Markdown "#", a bullet, bold, its
    tab-separated cells, its indentation, the blank lines before it. Which lines are the TOC and which
    runs of tab lines are tables is for ``structure`` to decide. Lines in ``merged`` went into a
    neighbour (a table cell's second line): they are neither a block nor a blank."""
    budget = budget or CellBudget("text", DEFAULT_LIMITS)
    blocks: list[Block] = []
    blanks = 0
    run = _Run(budget)
    for i, raw in enumerate(lines):
        if i in merged:
            continue
        stripped = raw.strip()
        if not stripped or ("\t" in raw and not raw.strip("\t ")):
            blanks += 1
            run.end()
            continue
        if "\t" in raw:
            block = _line_block(stripped, i + 1)
            block.cells = run.add(raw, i + 1)
            pieces = [block]
        else:
            run.end()
            pieces = [_line_block(piece, i + 1) for piece in _split_long(stripped, max_line)]
        pieces[0].blank_before = blanks
        pieces[0].indent = len(raw) - len(raw.lstrip(" \t"))
        blanks = 0
        blocks += pieces
    run.end()
    return blocks


class _Run:
    """A run of consecutive tab lines, counted against the cell limits as it is read (it may be a table)."""

    def __init__(self, budget: CellBudget) -> None:
        self.budget = budget
        self.rows = 0
        self.width = 0
        self.start = 0

    def add(self, raw: str, lineno: int) -> list[str]:
        if not self.rows:
            self.start = lineno
        where = f"the table at line {self.start}"
        # Counted before splitting: one line of a million tabs must not become a million-cell list first.
        if (raw_cells := raw.count("\t") + 1) > self.budget.per_table:
            self.budget.check(where, self.rows + 1, raw_cells)
        cells = [c.strip() for c in raw.split("\t")]
        used = len(cells)
        while used and not cells[used - 1]:
            used -= 1
        self.rows += 1
        self.width = max(self.width, used)
        self.budget.check(where, self.rows, self.width)
        return cells

    def end(self) -> None:
        if self.rows:
            self.budget.done(self.rows, self.width)
        self.rows = self.width = 0


def _split_long(s: str, max_line: int) -> list[str]:
    if len(s) <= max_line:
        return [s]
    return [s[k : k + max_line] for k in range(0, len(s), max_line)]


def _line_block(s: str, lineno: int) -> Block:
    m = MD_HEADING_RE.match(s)
    if m:
        title, _ = _strip_bold(m.group(2))
        return Block(kind="paragraph", text=title, line=lineno, marked_level=len(m.group(1)), marked_by="text")
    text, bold = _strip_bold(s)
    b = BULLET_RE.match(text)
    if b and not _is_option_line(text):
        return Block(kind="list_item", text=text[b.end() :].strip(), line=lineno, bold=bold)
    return Block(kind="paragraph", text=text, line=lineno, bold=bold)


def _is_option_line(text: str) -> bool:
    # "- Ja Nej" is a questionnaire answer line, not a bullet list.
    return bool(re.fullmatch(r"[-–•*]\s*(ja|nej|delvis)\b.*", text.strip(), re.I)) and len(text) < 40
