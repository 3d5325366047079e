"""Key figures (nyckeltal) in long format: one record per (label, column, period) value.

Three sources: every table (row label × column header, two-level headers joined, years
on either axis turned into ``period``), inline "Nyckeltal 2013 2014 …" runs that a
PDF flattened into prose, and counts stated in sentences (``prose_figures``). Each figure
keeps its source, its source text and location.
"""

from __future__ import annotations

import re
from itertools import islice

from ..errors import LimitError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Document, Figure, Table
from ..numbers import Num, is_ambiguous, is_year, parse_number, split_number_run
from ..privacy import personnummer_values
from ..structure.tables import is_total_label
from .period_note import period_note
from .prose import prose_figures

_UNIT_IN_HEADER = [
    (re.compile(r"\(?\btkr\b\)?|tusentals kronor", re.I), "tkr"),
    (re.compile(r"\bmkr\b|miljoner kronor", re.I), "mkr"),
    (re.compile(r"(^|\s|\()%|procent|\bandel\b", re.I), "%"),
    (re.compile(r"\bdagar\b|\bdygn\b", re.I), "dagar"),
]
_SINGLE_YEAR_RE = re.compile(r"(?<![\d–-])((?:19|20)\d\d)(?![\d–-])")
# Every figure repeats its row as source text and its label and column: bounded, so a wide row or a
# huge label cell costs output in proportion to the input, not to its square. Real rows are < 200.
_MAX_SOURCE_CHARS = 1000
_MAX_KEY_CHARS = 500
_MAX_AMBIGUOUS_NAMED = 10  # per table; the rest are counted, so warnings stay readable


class _Budget:
    """Figures left for one document: past the limit the document is refused, not cut short."""

    def __init__(self, doc: Document, limits: Limits) -> None:
        self.path = doc.source.path
        self.left = limits.max_figures
        self.limit = limits.max_figures

    def take(self, figures: list[Figure]) -> list[Figure]:
        self.left -= len(figures)
        if self.left < 0:
            raise LimitError(
                self.path, f"over {self.limit:,} key figures, the limit per document (not a report; refused)"
            )
        return figures


def extract_figures(doc: Document, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Fill ``doc.figures`` from tables and inline runs. Returns warnings."""
    warnings: list[str] = []
    figures: list[Figure] = []
    budget = _Budget(doc, limits)
    for t in doc.tables:
        figures += _table_figures(t, warnings, budget)
    period = doc.metadata.period
    year = period.end if period is not None and period.start == period.end else None
    # A table's caption names the table; the same words are a caption in Word and a paragraph in plain text.
    captions = {t.caption.strip() for t in doc.tables if t.caption}
    for s in doc.sections:
        figures += _inline_figures(s.text, s.id, s.page, s.line, budget, warnings)
        prose = "\n".join(ln for ln in s.text.split("\n") if ln.strip() not in captions)
        figures += budget.take(prose_figures(prose, s.id, s.page, s.line, year))
    # A cell that is a personnummer is masked wherever the report's text is shown (and is KV901's finding):
    # read as a number, its value would show it in every output in clear. Only a whole number of 7 to 12
    # digits can be one ("000101-0008" reads as 1010008), so the text is searched for those alone.
    doc.figures = [f for f in figures if not (f.value.is_integer() and 1e6 <= abs(f.value) < 1e12
                                              and f.value in personnummer_values(f.text))]  # fmt: skip
    return warnings


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _column_headers(t: Table) -> list[str]:
    """Join multi-row headers per column, carrying a spanning top cell ("2011", "") to the right."""
    header = t.header
    # A title row ("Totalt antal anmälningar 0-20 år, 2011-2014" alone in the first cell) above the
    # real header names the table, not its columns.
    while len(header) > 1 and not any(c.strip() for c in header[0][1:]):
        header = header[1:]
    if not header:
        return []
    width = max(len(r) for r in header)
    joined = [""] * width
    for row in header:
        carry = ""
        for c in range(width):
            cell = row[c].strip() if c < len(row) else ""
            if cell:
                carry = cell
            elif c > 0 and len(header) > 1 and row is not header[-1]:
                cell = carry  # a merged/spanning cell in an upper header row
            joined[c] = f"{joined[c]} {cell}".strip()
    return joined


def _header_unit(text: str) -> str | None:
    for rx, unit in _UNIT_IN_HEADER:
        if rx.search(text):
            return unit
    return None


def _year_of(text: str) -> int | None:
    years = _SINGLE_YEAR_RE.findall(text)
    return int(years[0]) if len(set(years)) == 1 else None


def _table_figures(t: Table, warnings: list[str], budget: _Budget) -> list[Figure]:
    cols = _column_headers(t)
    if not t.rows:
        return []
    width = max(len(r) for r in t.rows)
    cols = (cols + [""] * width)[:width]
    clipped = sum(1 for c in cols if len(c) > _MAX_KEY_CHARS) + sum(
        1 for r in t.rows if r and len(r[0].strip()) > _MAX_KEY_CHARS
    )
    if clipped:
        warnings.append(
            f"table {t.id}: {clipped} row or column labels over {_MAX_KEY_CHARS} characters are shortened "
            "in its key figures (the table keeps them whole)"
        )
    cols = [_clip(c, _MAX_KEY_CHARS) for c in cols]
    col_years = [_year_of(c) if c else None for c in cols]
    years_as_columns = sum(1 for y in col_years[1:] if y) >= 1 and all(
        y is not None for y, c in zip(col_years[1:], cols[1:]) if c
    )
    years_as_rows = not years_as_columns and sum(1 for r in t.rows if r and is_year(r[0])) >= max(
        1, len(t.rows) // 2
    )
    col_notes = [period_note(c) if y else None for c, y in zip(cols, col_years)]
    table_year = _year_of(cols[0]) if cols else None
    if table_year is None and t.caption:
        table_year = _year_of(t.caption)
    caption_unit = _header_unit(t.caption or "")
    table_note = period_note(t.caption or "") if table_year is not None else None
    out: list[Figure] = []
    parent = ""
    ambiguous = 0
    for ri, row in enumerate(t.rows):
        row_label = _clip(row[0].strip(), _MAX_KEY_CHARS) if row else ""
        row_text = "\t".join(row)  # once per row, shared by the row's figures
        long_row = len(row_text) > _MAX_SOURCE_CHARS
        row_figures: list[Figure] = []
        # "- grundläggande vuxenutbildning" under a value-less "Andel … inom": one indicator, two rows.
        if row_label and not any(c.strip() for c in row[1:]):
            parent = row_label
        elif row_label[:1] in ("-", "–", "•") and parent:
            row_label = f"{parent} {row_label.lstrip('-–• ').strip()}"
        else:
            parent = ""
        row_year = is_year(row_label) if years_as_rows else None
        row_notes = period_note(row_label) if years_as_rows else None
        for ci in range(1, len(row)):
            cell = row[ci].strip()
            if not cell:
                continue
            num = parse_number(cell)
            if num is None:
                if is_ambiguous(cell):
                    ambiguous += 1
                    if ambiguous <= _MAX_AMBIGUOUS_NAMED:
                        warnings.append(
                            f"table {t.id}: '{cell}' is ambiguous (thousands or decimal?); not used as a figure"
                        )
                continue
            col = cols[ci]
            if years_as_rows:
                label, period = col, row_year
                note = row_notes
            else:
                label = row_label
                period = col_years[ci] if years_as_columns else table_year
                note = col_notes[ci] if years_as_columns else table_note
            row_figures.append(
                Figure(
                    label=label or col,
                    column=col,
                    value=num.value,
                    unit=num.unit or _header_unit(col) or _header_unit(row_label) or caption_unit,
                    period=period,
                    section_id=t.section_id,
                    table_id=t.id,
                    page=t.page,
                    line=(t.line + len(t.header) + ri) if t.line is not None else None,
                    # A row too long to repeat per figure is cited by its label and the value's cell.
                    text=f"{_clip(row_label, 200)}\t…\t{_clip(cell, 200)}" if long_row else row_text,
                    is_total=is_total_label(row_label) or is_total_label(col),
                    period_note=note,
                )
            )
        out += budget.take(row_figures)
    if ambiguous > _MAX_AMBIGUOUS_NAMED:
        warnings.append(
            f"table {t.id}: {ambiguous - _MAX_AMBIGUOUS_NAMED:,} more ambiguous cells (thousands or decimal?) "
            "not used as figures"
        )
    return out


_NYCKELTAL_RE = re.compile(r"\bNyckeltal\s+((?:(?:19|20)\d\d\s+){1,6})", re.I)
_TOKEN_RE = re.compile(r"\S+")
_VALUE_TOKEN_RE = re.compile(r"^(?:[-−+]?\d[\d,.]*|%|\*|-|–)$")
_MAX_LABEL_WORDS = 30
_MAX_WORDS_PER_VALUE = 20  # parse_number reads at most 40 characters
_MAX_RUN_WORDS = 20_000  # a real run of key figures in prose is a few hundred words


def _inline_figures(
    text: str, section_id: str, page: int | None, line: int | None, budget: _Budget, warnings: list[str]
) -> list[Figure]:
    out: list[Figure] = []
    matches = _NYCKELTAL_RE.finditer(text)
    m = next(matches, None)
    while m is not None:
        nxt = next(matches, None)
        years = [int(y) for y in m.group(1).split()]
        # A run ends where the next "Nyckeltal" header starts: each word is walked once, not once per header.
        end = nxt.start() if nxt is not None else len(text)
        words = islice(_TOKEN_RE.finditer(text, m.end(), end), _MAX_RUN_WORDS + 1)
        tokens = [w.group() for w in words]
        if len(tokens) > _MAX_RUN_WORDS:
            tokens.pop()
            warnings.append(
                f"section {section_id}: a key-figure run is over {_MAX_RUN_WORDS:,} words long; "
                f"figures were read from its first {_MAX_RUN_WORDS:,} words"
            )
        out += budget.take(_parse_run(tokens, years, section_id, page, line))
        m = nxt
    return out


def _parse_run(
    tokens: list[str], years: list[int], section_id: str, page: int | None, line: int | None
) -> list[Figure]:
    """Walk "label v1 v2 label v1 v2 …" until the prose resumes."""
    n = len(years)
    out: list[Figure] = []
    label: list[str] = []
    last: list[Figure] = []
    parent: list[str] = []
    i = 0
    while i < len(tokens):
        if _VALUE_TOKEN_RE.match(tokens[i]) and label:
            j = i
            while j < len(tokens) and _VALUE_TOKEN_RE.match(tokens[j]):
                j += 1
            while j > i and tokens[j - 1] in ("-", "–"):
                j -= 1  # a dash after the values opens the next sub-row ("- gymnasial …")
            # A value is at most 40 characters (20 words) and each missing-value marker one word: a longer
            # run cannot fit the year columns, and splitting it would try every way to cut it.
            fits = 0 < j - i <= n * (_MAX_WORDS_PER_VALUE + 1)
            values = _split_values(" ".join(tokens[i:j]), n) if fits else None
            if values is not None and not _all_years(values):
                text = " ".join(label + tokens[i:j])
                parent, name = _sub_row(label, parent)
                last = [
                    Figure(
                        label=name,
                        column=str(y),
                        value=v.value,
                        unit=v.unit,
                        period=y,
                        section_id=section_id,
                        table_id=None,
                        page=page,
                        line=line,
                        text=text,
                        source="inline",
                    )
                    for y, v in zip(years, values)
                    if v is not None
                ]
                out += last
                label = []
                i = j
                continue
            if j - i <= 1:
                label += tokens[i : i + 1]  # a lone number inside a label: "barn 0-12 år", "21 år+"
                i += 1
                continue
            # Values that do not fit the year columns: the row is unreadable, so drop it rather
            # than glue it onto the next label.
            label, last = [], []
            i = j
            continue
        word = tokens[i]
        # A lower-case word right after the values continues the previous label (it wrapped).
        if not label and last and word[:1].islower():
            k = i
            while k < len(tokens) and tokens[k][:1].islower() and not _VALUE_TOKEN_RE.match(tokens[k]):
                k += 1
            extra = " ".join(tokens[i:k])
            for f in last:
                f.label = f"{f.label} {extra}"
                f.text = f"{f.text} {extra}"
            i = k
            continue
        label.append(word)
        if len(label) > _MAX_LABEL_WORDS or (word.endswith(".") and len(label) > 3):
            break
        i += 1
    return out


def _sub_row(label: list[str], parent: list[str]) -> tuple[list[str], str]:
    """ "Andel … inom - grundläggande vuxenutbildning": a dash opens a sub-row of the label before it."""
    if label and label[0] in ("-", "–") and parent:
        return parent, " ".join(parent + label[1:])
    for k, tok in enumerate(label):
        if tok in ("-", "–") and k > 0:
            head = label[:k]
            return head, " ".join(head + label[k + 1 :])
    return [], " ".join(label).strip(" -–")


def _all_years(values: list[Num | None]) -> bool:
    return all(
        v is not None and v.unit is None and v.value.is_integer() and 1990 <= v.value <= 2035 for v in values
    )


def _split_values(run: str, n: int) -> list[Num | None] | None:
    """Split a value run into n values; '*' or a dash stands for a missing value."""
    parts = re.split(r"\s*(?:\*|(?<!\d)[-–](?!\d))\s*", run)
    markers = re.findall(r"\*|(?<!\d)[-–](?!\d)", run)
    if not markers:
        nums = split_number_run(run, n)
        return list(nums) if nums is not None else None
    # Missing markers interleaved with numbers: each marker is one missing value.
    result: list[Num | None] = []
    for k, part in enumerate(parts):
        part = part.strip()
        if part:
            sub = split_number_run(part, 1) if len(part.split()) <= 2 else None
            if sub is None:
                return None
            result += sub
        if k < len(markers):
            result.append(None)
    return result if len(result) == n else None
