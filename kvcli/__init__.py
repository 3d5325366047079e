"""kvcli: parse, check and diff Swedish social-services quality reports."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import diff, figures_frame, parse  # noqa: E402
from .model import Document  # noqa: E402

__all__ = ["__version__", "parse", "diff", "figures_frame", "Document"]
