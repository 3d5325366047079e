"""Tables in PDFs that say where their cells are: the structure tree's, and ruled ones.

Ruled: horizontal and vertical rules that touch each other form a grid; each text run
goes to the cell that holds its centre, so "1 234" stays one cell and a label wrapped
over two lines stays in one cell. Tables with no vertical rules are found in the white
space between columns (``pdf_grid``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .pdf_layout import PageGeometry, Run, join_runs
from .pdf_tags import TagCell

_SNAP = 2.0  # points: rules closer than this are the same rule


@dataclass
class PdfTable:
    page: int
    top: float
    bottom: float
    rows: list[list[str]]
    runs: set[int] = field(default_factory=set)  # ids of the runs the table consumed
    bold_first_row: bool = False
    header_rows: int = 1  # leading rows the format marks as header (tagged TH, a rule under them)
    # Each cell's runs, row by row as ``rows``: the cell's lines are joined again once the document's
    # words are known (a narrow cell breaks a word that does not fit: "Tillgängli⏎ghet").
    cell_runs: list[list[list[Run]]] = field(default_factory=list)
    tagged: bool = False  # spelled out by the structure tree


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def ruled_tables(geo: PageGeometry, taken: set[int] | frozenset[int] = frozenset()) -> list[PdfTable]:
    """Tables drawn with rules; runs in ``taken`` (already in a table) are left alone."""
    if len(geo.hlines) < 2 or len(geo.vlines) < 2:
        return []
    # Group horizontal rules into tables by overlapping x-extent and vertical rules joining them.
    regions: list[list[tuple[float, float, float]]] = []
    for h in sorted(geo.hlines, key=lambda h: -h[2]):
        for reg in regions:
            x0, x1 = min(r[0] for r in reg), max(r[1] for r in reg)
            ys = [r[2] for r in reg]
            if (
                h[0] < x1 - 5
                and h[1] > x0 + 5
                and _joined(geo, reg, h, min(abs(h[2] - y) for y in ys))
            ):
                reg.append(h)
                break
        else:
            regions.append([h])
    tables: list[PdfTable] = []
    for reg in regions:
        ys = _cluster([r[2] for r in reg])[::-1]  # top to bottom
        if len(ys) < 2:
            continue
        x0, x1 = min(r[0] for r in reg), max(r[1] for r in reg)
        top, bottom = ys[0], ys[-1]
        xs = _cluster(
            [
                v[2]
                for v in geo.vlines
                if x0 - _SNAP <= v[2] <= x1 + _SNAP and v[1] > bottom + 1 and v[0] < top - 1
            ]
        )
        if len(xs) < 2:
            continue
        cells: list[list[list[tuple[int, Run]]]] = [
            [[] for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)
        ]
        used: set[int] = set()
        mids = [(ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1)]
        ruled = [{j for j in range(1, len(xs) - 1) if _ruled_at(geo, xs[j], y)} for y in mids]
        inner = set().union(*ruled) if ruled else set()
        # Column rules other rows have and this row lacks: a cell of this row may span them.
        spanned = [inner - r for r in ruled]
        for k, r in enumerate(geo.runs):
            cx, cy = (r.x0 + r.x1) / 2, r.cy
            if k in taken or not (bottom < cy < top and xs[0] < cx < xs[-1]):
                continue
            row = next((i for i in range(len(ys) - 1) if ys[i + 1] < cy <= ys[i]), None)
            col = next((j for j in range(len(xs) - 1) if xs[j] <= r.x0 + 1 < xs[j + 1]), None)
            if col is None:
                col = next((j for j in range(len(xs) - 1) if xs[j] <= cx < xs[j + 1]), None)
            if row is None or col is None:
                continue
            # A cell spanning columns (a group label centred over the years) has no rule between
            # them in its row: its text belongs to the first column of the span.
            cells[row][col].append((k, r))
            used.add(k)
        _to_span_start(cells, spanned, ruled)
        rows = [[_cell_text([r for _, r in c]) for c in row] for row in cells]
        # Rows a rule split only for shading carry no text of their own.
        keep = [i for i, row in enumerate(rows) if any(row)]
        rows = [rows[i] for i in keep]
        if not rows or (len(rows) < 2 and sum(1 for c in rows[0] if c) < 2):
            continue
        kept_cols = [j for j in range(len(rows[0])) if any(r[j] for r in rows)]
        rows = [[r[j] for j in kept_cols] for r in rows]
        cell_runs = [[[r for _, r in cells[i][j]] for j in kept_cols] for i in keep]
        first = [r for _, r in cells[keep[0]][0]] if keep else []
        tables.append(
            PdfTable(
                page=geo.number,
                top=top,
                bottom=bottom,
                rows=rows,
                runs=used,
                bold_first_row=bool(first) and all(r.bold for r in first),
                cell_runs=cell_runs,
            )  # fmt: skip
        )
    return tables


def _to_span_start(cells: list[list[list[tuple[int, Run]]]], spanned: list[set[int]], ruled: list[set[int]]) -> None:
    """A cell spanning columns (a group label centred over the years) keeps its text in the first
    column of the span, as a word processor's table does: the text moves left over the missing
    rules when the columns it passes are empty. Only in a row that draws column rules of its own:
    some producers draw the inner rules of the first row only, and there nothing spans."""
    for i, row in enumerate(cells):
        if not ruled[i] or not spanned[i]:
            continue
        for j in range(len(row) - 1, 0, -1):
            if not row[j] or j not in spanned[i]:
                continue
            s = j
            while s > 0 and s in spanned[i] and not row[s - 1]:
                s -= 1
            if s < j and (s == 0 or s not in spanned[i]):
                row[s], row[j] = row[j], []


def _ruled_at(geo: PageGeometry, x: float, y: float) -> bool:
    """A vertical rule stands at ``x`` across the height ``y``."""
    return any(abs(v[2] - x) <= _SNAP and v[0] < y < v[1] for v in geo.vlines)


_ROW_GAP = 60.0  # points: rules further apart than this are one row only if the row is boxed
_TALL_ROW_GAP = 240.0  # a boxed row of a header wrapped over several lines at a wide line spacing


def _joined(
    geo: PageGeometry, reg: list[tuple[float, float, float]], h: tuple[float, float, float], gap: float
) -> bool:
    """Two horizontal rules belong to one table when a vertical rule spans the gap between them; a
    gap taller than a usual row needs a rule on both sides of it (a header cell wrapped over four
    lines at 1.5 line spacing), so that a rule in a margin does not join two tables."""
    if gap >= _TALL_ROW_GAP:
        return False
    y_near = min(reg, key=lambda r: abs(r[2] - h[2]))[2]
    lo, hi = min(y_near, h[2]), max(y_near, h[2])
    xs = [v[2] for v in geo.vlines if v[0] <= lo + _SNAP and v[1] >= hi - _SNAP and h[0] - _SNAP <= v[2] <= h[1] + _SNAP]
    if gap < _ROW_GAP:
        return bool(xs)
    return len(xs) >= 2 and min(xs) <= h[0] + _SNAP and max(xs) >= h[1] - _SNAP


def _cell_text(runs: list[Run]) -> str:
    if not runs:
        return ""
    lines: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (-r.cy, r.x0)):
        if lines and abs(lines[-1][0].cy - r.cy) <= max(2.0, 0.4 * (r.y1 - r.y0)):
            lines[-1].append(r)
        else:
            lines.append([r])
    return " ".join(join_runs(sorted(ln, key=lambda r: r.x0)).replace("\t", " ") for ln in lines).strip()


def _drop_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    keep = [j for j in range(len(rows[0])) if any(r[j] for r in rows)]
    return [[r[j] for j in keep] for r in rows]


def merge_continuations(tables: list[PdfTable]) -> list[PdfTable]:
    """A table split by a page break repeats its header: glue the parts and drop the repeat."""
    out: list[PdfTable] = []
    for t in tables:
        prev = out[-1] if out else None
        if (
            prev is not None
            and t.page == prev.page + 1
            and len(t.rows[0]) == len(prev.rows[0])
            and t.rows[0] == prev.rows[0]
            and len(t.rows) > 1
        ):
            prev.rows.extend(t.rows[1:])
            continue
        out.append(t)
    return out


def tagged_tables(geo: PageGeometry) -> list[PdfTable]:
    """Tables the structure tree spells out (Table/TR/TH/TD with spans), when their grid is sound.

    A spanning cell's text goes in its first column and row, the cells it covers stay empty, as a
    word processor's own table export does. Producers leave empty cells out of the tree, so a short
    row's cells are placed by where they stand under the full rows' columns. A tree table is refused
    (and the layout tried instead) when it has fewer than two cells with text or no full row.
    """
    if geo.tags is None or not geo.tags.tables:
        return []
    owner = geo.tags.owner
    by_element: dict[int, list[tuple[int, Run]]] = {}
    for k, r in enumerate(geo.runs):
        o = owner.get(r.mcid) if r.mcid >= 0 else None
        if o is not None and o[1] in ("TH", "TD"):
            by_element.setdefault(o[0], []).append((k, r))
    out: list[PdfTable] = []
    for t in geo.tags.tables:
        rows = [row for row in t.rows if any(by_element.get(c.element) for c in row)]
        grid = _span_grid(rows, by_element) if rows else None
        if grid is None:
            continue
        texts = [[_cell_text([r for _, r in by_element.get(c.element, [])]) if c else "" for c in row] for row in grid]
        if sum(1 for row in texts for c in row if c) < 2:
            continue
        runs = [kr for row in rows for c in row for kr in by_element.get(c.element, [])]
        header = 0
        while header < len(grid) and all(c is None or c.header for c in grid[header]) and any(grid[header]):
            header += 1
        out.append(
            PdfTable(
                page=geo.number,
                top=max(r.y1 for _, r in runs),
                bottom=min(r.y0 for _, r in runs),
                rows=texts,
                runs={k for k, _ in runs},
                bold_first_row=header > 0,
                header_rows=header,
                tagged=True,
                cell_runs=[[[r for _, r in by_element.get(c.element, [])] if c else [] for c in row] for row in grid],
            )
        )
    return out


def _span_grid(
    rows: list[list[TagCell]], by_element: dict[int, list[tuple[int, Run]]]
) -> list[list[TagCell | None]] | None:
    """Rows of cells placed on a grid: each cell at the first free column, its spans left empty."""
    taken: set[tuple[int, int]] = set()
    placed: list[list[tuple[int, TagCell]]] = []
    for i, row in enumerate(rows):
        j = 0
        cells: list[tuple[int, TagCell]] = []
        for c in row:
            while (i, j) in taken:
                j += 1
            cells.append((j, c))
            for di in range(c.rowspan):
                for dj in range(c.colspan):
                    taken.add((i + di, j + dj))
            j += c.colspan
        placed.append(cells)
    width = max((j + 1 for (i, j) in taken if i < len(rows)), default=0)
    if width == 0 or width > 200:
        return None
    filled = [sum(1 for (i2, _) in taken if i2 == i) for i in range(len(rows))]
    spans: list[list[float]] = [[] for _ in range(width)]  # x0 and x1 of single cells, by column
    for i, cells in enumerate(placed):
        if filled[i] == width:
            for j, c in cells:
                runs = by_element.get(c.element, [])
                if runs and c.colspan == 1:
                    spans[j] += [min(r.x0 for _, r in runs), max(r.x1 for _, r in runs)]
    if not any(spans):
        return None
    grid: list[list[TagCell | None]] = [[None] * width for _ in rows]
    for i, cells in enumerate(placed):
        for j, c in cells:
            if filled[i] < width:
                j = _column_at(c, by_element, spans, j)
            if j < width:
                grid[i][j] = c
    return grid


def _column_at(
    c: TagCell, by_element: dict[int, list[tuple[int, Run]]], spans: list[list[float]], default: int
) -> int:
    """The column a cell of a short row stands under: the full rows' column its text overlaps most.

    A header set flush left over figures set flush right overlaps none: it stands in the gap before
    its column. Cells left out of the row only ever push a cell to the right of ``default``."""
    runs = by_element.get(c.element, [])
    if not runs:
        return default
    x0, x1 = min(r.x0 for _, r in runs), max(r.x1 for _, r in runs)
    best, best_j = 0.0, default
    for j, xs in enumerate(spans):
        if xs:
            overlap = min(x1, max(xs)) - max(x0, min(xs))
            if overlap > best:
                best, best_j = overlap, j
    if best > 0:
        return best_j
    for j in range(default, len(spans)):
        xs = spans[j]
        if xs and min(xs) >= x1:
            before = [x for xs2 in spans[:j] for x in xs2]
            return j if not before or max(before) <= x0 else default
    return default
