"""Pipe tables, as Markdown writes them (and pandoc, and HTML-to-text converters):

    | År   | Avvikelser | Lex Sarah |
    |------|-----------:|:---------:|
    | 2015 |         12 |         2 |

A run of lines that open or close with a pipe, whose second line is a delimiter row, is a table: its
lines become the tab-separated rows the reader's other tables are (the delimiter row a ruler row,
which ``structure`` drops). Without the delimiter row a pipe is text.
"""

from __future__ import annotations

import re

_ROW_RE = re.compile(r"^\s*\|.*\|\s*$|^\s*[^|\s][^|]*(?:\|[^|]*)+$")
_DELIMITER_CELL_RE = re.compile(r"\s*:?-{3,}:?\s*")
_SPLIT_RE = re.compile(r"(?<!\\)\|")


def pipe_rows(lines: list[str]) -> dict[int, list[str]]:
    """Line index -> cells, for the lines of every pipe table in ``lines``."""
    out: dict[int, list[str]] = {}
    i = 0
    while i + 1 < len(lines):
        if not (_ROW_RE.match(lines[i]) and _delimiter(lines[i + 1])):
            i += 1
            continue
        width = len(_cells(lines[i]))
        j = i + 2
        while j < len(lines) and lines[j].strip() and "|" in lines[j] and _ROW_RE.match(lines[j]):
            j += 1
        if width >= 2:
            for k in range(i, j):
                out[k] = ["---"] * width if k == i + 1 else _cells(lines[k])
        i = j
    return out


def _cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip().replace("\\|", "|") for c in _SPLIT_RE.split(body)]


def _delimiter(line: str) -> bool:
    cells = _cells(line)
    return "|" in line and len(cells) >= 1 and all(_DELIMITER_CELL_RE.fullmatch(c) for c in cells)
