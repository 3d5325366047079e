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


class UsageError(KvcliError):
    """A call that cannot be made as asked: a bad option value, no report files, an output that is an input."""


class UnreadableError(KvcliError):
    """Some of the files a call needs could not be read (``diff``): each with its one-line reason."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{path}: {reason}" for path, reason in errors))
        self.errors = errors
