"""kvcli: parse, check and diff Swedish social-services quality reports (``kvcli.api`` is the library).

``kvcli.parse``, ``kvcli.check``, ``kvcli.diff`` … are ``kvcli.api``'s functions, imported on first use
so that ``import kvcli`` (and ``kvcli --version``) stays light.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = ("parse", "parse_all", "check", "check_all", "diff", "trend", "figures", "figures_frame", "index",
        "Document")  # fmt: skip
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kvcli' has no attribute {name!r}")
