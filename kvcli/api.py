"""The library API: what the CLI calls, and what a Python user calls directly.

>>> import kvcli
>>> doc = kvcli.parse("samples/vetlanda-vuxen-2013.txt")
>>> doc.metadata.organisation
'Vetlanda kommun'
"""

from __future__ import annotations

import os

from .figures import extract_figures
from .limits import DEFAULT_LIMITS, Limits
from .model import Document
from .readers import read
from .structure import build_document


def parse(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one report (.txt/.md/.docx/.pdf) into the document model.

    Raises ``kvcli.errors.InputError`` (one-line message naming the file) when it cannot.
    """
    result = read(path, limits)
    doc = build_document(result)
    doc.warnings += extract_figures(doc)
    return doc
