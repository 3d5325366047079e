"""Errors kvcli reports to the user as one line: the file and the reason, never a traceback."""

from __future__ import annotations


class KvcliError(Exception):
    """Base class of every error kvcli turns into a one-line message."""


class InputError(KvcliError):
    """A file cannot be read as a report. ``str()`` is the one-line message."""

    def __init__(self, path: str, reason: str) -> None:
        # One line, always: parser messages (lxml, pdfium) may carry newlines.
        reason = " ".join(reason.split())
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LimitError(InputError):
    """A file was refused because it hit a resource limit (size, expansion, pages...)."""


class RuleError(KvcliError):
    """A rule pack or configuration file is invalid. The message names the file (and line)."""
