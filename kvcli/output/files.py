"""Writing an output file: atomically, with the permissions a plain ``open()`` would give it."""

from __future__ import annotations

from ..atomic import write_atomic as write_output

__all__ = ["write_output"]
