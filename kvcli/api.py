"""The library API: what the CLI calls, and what a Python user calls directly.

>>> import kvcli
>>> doc = kvcli.parse("samples/vetlanda-vuxen-2013.txt")
>>> doc.metadata.organisation
'Vetlanda kommun'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .figures import extract_figures
from .limits import DEFAULT_LIMITS, Limits
from .model import Document
from .readers import read
from .structure import build_document

if TYPE_CHECKING:
    import pandas as pd

    from .compare import DiffResult


def parse(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one report (.txt/.md/.docx/.pdf) into the document model.

    Raises ``kvcli.errors.InputError`` (one-line message naming the file) when it cannot.
    """
    result = read(path, limits)
    doc = build_document(result)
    doc.warnings += extract_figures(doc, limits)
    return doc


def figures_frame(paths: Iterable[str | os.PathLike[str] | Document]) -> pd.DataFrame:
    """Key figures of many reports as one long pandas DataFrame (one row per figure).

    Columns: path, organisation, unit, period_start, period_end, section_path, label, column, value,
    unit_of_value, period, page, line, is_total, table_id.
    """
    from .export import frame

    return frame(p if isinstance(p, Document) else parse(p) for p in paths)


def diff(old: str | os.PathLike[str] | Document, new: str | os.PathLike[str] | Document, by: str = "auto",
         threshold: float | None = None) -> DiffResult:  # fmt: skip
    """Compare the key figures of two reports; see ``kvcli.compare.diff``. ``.frame`` gives a DataFrame."""
    from .compare import diff as _diff

    return _diff(old, new, by=by, threshold=threshold)
