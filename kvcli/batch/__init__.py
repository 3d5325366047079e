"""Batch runs over many files and folders: discovery, and (later) parallel execution and caching."""

from .discover import discover

__all__ = ["discover"]
