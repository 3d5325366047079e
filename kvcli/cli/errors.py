"""The one way a command reports a file it could not handle: one masked, escaped line on stderr."""

from __future__ import annotations

import os

import click

from ..output.safe import error_line


def report_error(path: str | os.PathLike[str] | None, reason: str) -> None:
    """``kvcli: error: PATH: REASON``; file names and reasons may carry identity numbers or control characters."""
    click.echo(error_line(path, reason), err=True)
