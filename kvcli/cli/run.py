"""What every command does around its one library call: progress on the terminal, Ctrl-C, writing the output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from ..output.files import write_output
from ..output.progress import Progress


@contextmanager
def interruptible(progress: Progress, summary: bool = False,
                  message: Callable[[int], str] | None = None) -> Iterator[None]:  # fmt: skip
    """Ctrl-C or SIGTERM mid-run: say how far it got (and the summary so far), write nothing, exit 130.
    ``message`` replaces "nothing written" where the run keeps what it finished (the index)."""
    try:
        yield
    except KeyboardInterrupt:
        progress.close()
        click.echo(message(progress.done) if message else progress.interrupted(), err=True)
        if summary:
            click.echo(progress.summary(), err=True)
        sys.exit(130)


def emit(text: str, output: str | None) -> None:
    """The formatted result to the -o file (atomically) or to standard output."""
    if output:
        write_output(output, text + "\n")
    else:
        click.echo(text)
