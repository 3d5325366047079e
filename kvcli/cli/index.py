"""``kvcli index``: keep an SQLite database of an archive's reports, findings and figures up to date."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import asdict

import click

from ..batch import BatchOptions, discover, run_batch
from ..batch.index import IndexStats, connect, plan, remove_missing, store
from ..batch.progress import Progress
from ..checks import load_config
from ..errors import RuleError
from ..output.safe import safe_path
from .batch_options import batch_options, resolve_cache_dir
from .errors import report_error
from .guard import refuse_overwriting_inputs


@click.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", default="kvcli-index.sqlite", show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite database to create or update.")  # fmt: skip
@batch_options
def index_cmd(paths: tuple[str, ...], db: str, jobs: int, timeout: float, executor: str, scheduler: str | None,
              cache_dir: str | None, no_cache: bool, max_file_size: int, include: tuple[str, ...], exclude: tuple[str, ...],
              follow_symlinks: bool) -> None:  # fmt: skip
    """Index reports (files or folders) into an SQLite database for SQL or pandas.

    Only new and changed files are (re)indexed; files gone from disk are removed.

    \b
    Examples:
      kvcli index arkiv/ --db arkiv.sqlite
      sqlite3 arkiv.sqlite "select unit, period_end from documents"
    """
    try:
        cfg = load_config(paths[0])
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    files = discover(paths, include, exclude, follow_symlinks)
    refuse_overwriting_inputs(db, files, option="--db")
    try:
        con = connect(db)
    except sqlite3.DatabaseError as exc:
        raise click.UsageError(f"--db {safe_path(db)}: not an SQLite database kvcli can use ({exc})") from None
    stats = IndexStats()
    try:
        with con:
            removed = remove_missing(con, paths, files)
            todo, stats = plan(con, files)
        for path, reason in stats.known_errors:
            report_error(path, f"{reason} (unchanged since the last run)")
        opts = BatchOptions(task="index", config=asdict(cfg) | {"source": None}, jobs=jobs, timeout=timeout,
                            executor=executor, scheduler=scheduler, cache_dir=resolve_cache_dir(no_cache, cache_dir), max_file_size_mb=max_file_size)  # fmt: skip
        progress = Progress(len(todo))
        for record in run_batch(todo, opts, on_record=progress):
            with con:  # one transaction per file: an interrupted run keeps what it finished
                store(con, record)
            stats.indexed += 1
            if record.get("error"):
                stats.errors += 1
                progress.close()
                report_error(record["path"], record["error"])
        progress.close()
    except KeyboardInterrupt:
        click.echo(
            f"kvcli: interrupted; {stats.indexed} files indexed so far are kept in {safe_path(db)}", err=True
        )
        sys.exit(130)
    finally:
        con.close()
    unreadable = stats.errors + len(stats.known_errors)
    click.echo(
        f"kvcli: {safe_path(db)}: {stats.indexed} indexed ({unreadable} unreadable), {stats.unchanged} unchanged, "
        f"{stats.touched} re-stamped, {removed} removed",
        err=True,
    )
    sys.exit(2 if unreadable else 0)
