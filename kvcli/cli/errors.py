"""How a command reports what went wrong: one masked, escaped line on stderr, and its exit code.

* a file the command could not handle: ``kvcli: error: PATH: REASON`` (``report_error``), the run goes on;
* a command that cannot run as asked (a library ``KvcliError``: bad options, a broken rule pack, no
  report files, an output that is an input): ``CliError``, exit 2. The command group turns every
  ``KvcliError`` into one, so no command writes its own copy of this.
"""

from __future__ import annotations

import os
from typing import IO, Any

import click

from ..api import KvcliError, UnreadableError
from ..output.safe import error_line


def report_error(path: str | os.PathLike[str] | None, reason: str) -> None:
    """``kvcli: error: PATH: REASON``; file names and reasons may carry identity numbers or control characters."""
    click.echo(error_line(path, reason), err=True)


class CliError(click.ClickException):
    """A library error as the command line shows it: ``kvcli: error: …`` lines, exit code 2."""

    exit_code = 2

    def __init__(self, exc: KvcliError) -> None:
        super().__init__(str(exc))
        self.lines = (
            [error_line(path, reason) for path, reason in exc.errors]
            if isinstance(exc, UnreadableError)
            else [error_line(None, str(exc))]
        )

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(line, err=True)
