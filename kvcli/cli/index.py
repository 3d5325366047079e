"""``kvcli index``: keep an SQLite database of an archive's reports, findings and figures up to date."""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import api
from ..output.progress import Progress
from ..output.safe import safe_path
from .batch_options import batch_options, run_options
from .errors import report_error
from .run import interruptible


@click.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", default="kvcli-index.sqlite", show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite database to create or update.")  # fmt: skip
@batch_options
def index_cmd(paths: tuple[str, ...], db: str, **run: Any) -> None:
    """Index reports (files or folders) into an SQLite database for SQL or pandas.

    Only new and changed files are (re)indexed; files gone from disk are removed. A file that was
    unreadable last time and has not changed is reported again (exit 2), without being read again.

    \b
    Examples:
      kvcli index arkiv/ --db arkiv.sqlite
      sqlite3 arkiv.sqlite "select unit, period_end from documents"
    """
    opts = api.CheckOptions(**run_options(run), config=api.load_config(paths[0]))
    progress = Progress(report_errors=True)
    with interruptible(progress, message=lambda n: f"kvcli: interrupted; {n} files indexed so far are kept in {safe_path(db)}"):
        result = api.index(paths, db, opts, progress)
    progress.close()
    for path, reason in result.known_errors:
        report_error(path, f"{reason} (unchanged since the last run)")
    s = result.stats
    click.echo(f"kvcli: {safe_path(db)}: {s.indexed} indexed ({result.unreadable} unreadable), {s.unchanged} unchanged, "
               f"{s.touched} re-stamped, {result.removed} removed", err=True)  # fmt: skip
    sys.exit(result.exit_code())
