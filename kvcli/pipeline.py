"""One report through the pipeline: ``readers`` → ``structure`` → ``figures`` (→ ``checks``).

The one place the stages are put together. The library API (``kvcli.api``), the batch workers
and the cache all go through these functions, so a file parsed in-process and a file parsed in
a sandbox process are parsed the same way.
"""

from __future__ import annotations

import os

from .figures import extract_figures
from .limits import DEFAULT_LIMITS, Limits
from .model import Document
from .readers import read
from .structure import build_document


def read_document(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse one report (.txt/.md/.docx/.pdf) into the document model.

    Raises ``kvcli.errors.InputError`` (one-line message naming the file) when it cannot.
    """
    doc = build_document(read(path, limits))
    doc.warnings += extract_figures(doc, limits)
    return doc
