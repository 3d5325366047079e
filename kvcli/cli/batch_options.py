"""The options every command that walks an archive shares, and how they become ``kvcli.options``.

jobs, timeout, executor, cache, size limit, folder globs: declared once here, turned into the
keyword arguments of ``RunOptions`` (and its subclasses) by ``run_options``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..api import MAX_TIMEOUT, MIN_TIMEOUT, default_cache_dir, quote

F = TypeVar("F", bound=Callable[..., Any])


class Seconds(click.ParamType):
    """A time limit in seconds: a finite number from MIN_TIMEOUT to MAX_TIMEOUT (nan and inf compare as neither)."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{quote(value, 60)} is not a number of seconds", param, ctx)
        if not (math.isfinite(seconds) and MIN_TIMEOUT <= seconds <= MAX_TIMEOUT):
            self.fail(f"must be a number of seconds from {MIN_TIMEOUT:g} to {MAX_TIMEOUT:g} (one day), "
                      f"not {quote(value, 60)}", param, ctx)  # fmt: skip
        return seconds


def batch_options(fn: F) -> F:
    """The shared options of every command that takes files and folders."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default="number of cores",
                     help="Worker processes (small batches run in-process)."),
        *_per_file_options(),
        click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                     help="local process pool, or a Dask cluster (pip install 'kvcli[dask]')."),
        click.option("--scheduler", help="Address of an existing Dask scheduler (default: start a local cluster)."),
        click.option("--include", multiple=True, help="Glob of files to take from folders (repeatable)."),
        click.option("--exclude", multiple=True, help="Glob of files to skip in folders (repeatable)."),
        click.option("--follow-symlinks", is_flag=True,
                     help="Follow symbolic links that lead outside the folders given (default: stay inside)."),
    ]  # fmt: skip
    for option in reversed(options):
        fn = option(fn)
    return fn


def _per_file_options() -> list[Callable[[F], F]]:
    """What limits and caches the reading of each file: shared by batch commands and ``diff``."""
    return [
        click.option("--timeout", type=Seconds(), default=120.0, show_default=True,
                     help="Seconds one file may take before it is skipped as an error."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                     help=f"Cache directory (default: {default_cache_dir()})."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the cache."),
        click.option("--max-file-size", type=click.IntRange(min=1), default=200, show_default=True,
                     help="Refuse input files larger than this many MB."),
    ]  # fmt: skip


def per_file_options(fn: F) -> F:
    """--timeout, --cache-dir, --no-cache and --max-file-size, for commands that read a fixed set of files."""
    for option in reversed(_per_file_options()):
        fn = option(fn)
    return fn


def run_options(values: dict[str, Any]) -> dict[str, Any]:
    """The shared options, as click hands them over, as keyword arguments of ``RunOptions``."""
    cache = None if values.get("no_cache") else (values.get("cache_dir") or str(default_cache_dir()))
    names = ("jobs", "timeout", "executor", "scheduler", "include", "exclude", "follow_symlinks")
    return {"cache_dir": cache, "max_file_size_mb": values["max_file_size"],
            **{k: values[k] for k in names if k in values}}  # fmt: skip
