"""Output targets that would destroy what the user asked kvcli to read are refused before any work starts."""

from __future__ import annotations

import os
from collections.abc import Iterable

import click

from ..output.safe import safe_path


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_overwriting_inputs(output: str | None, inputs: Iterable[str], option: str = "-o") -> None:
    """A usage error (exit 2) when ``output`` is one of the input files, through any link or spelling."""
    if not output:
        return
    for path in inputs:
        if _same_file(output, path):
            raise click.UsageError(f"{option} {safe_path(output)} is one of the input files; it would be overwritten")
