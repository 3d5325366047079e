"""Count table cells as a reader produces them, and refuse a file before its tables exhaust memory.

A report has a few thousand cells; hundreds of thousands are a data dump or a hostile file.
Readers count a row as soon as they have it, and count the padded size (rows × widest row)
before padding, because padding ragged rows to one width is where a few bytes of input
(one row of a million tabs above many short rows) would turn into billions of cells.
"""

from __future__ import annotations

from ..errors import LimitError
from ..limits import Limits


class CellBudget:
    """Cells left for one document; ``table()`` starts counting a new table."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.per_table = limits.max_table_cells
        self.per_document = limits.max_document_cells
        self.used = 0  # cells of finished tables

    def check(self, where: str, rows: int, width: int) -> None:
        """Refuse when a table of ``rows`` × ``width`` (padded) cells would be over a limit."""
        cells = rows * width
        size = f"{rows:,} row{'s' if rows != 1 else ''} × {width:,} column{'s' if width != 1 else ''} so far"
        if cells > self.per_table:
            raise LimitError(
                self.name,
                f"{where} is over the limit of {self.per_table:,} cells per table ({size}); refused",
            )
        if self.used + cells > self.per_document:
            raise LimitError(
                self.name,
                f"{where} brings the tables over the limit of {self.per_document:,} cells per document "
                f"({size}); refused",
            )

    def done(self, rows: int, width: int) -> None:
        self.check("a table", rows, width)
        self.used += rows * width
