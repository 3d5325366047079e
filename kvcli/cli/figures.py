"""``kvcli diff``, ``kvcli trend`` and ``kvcli figures``: key figures across reports."""

from __future__ import annotations

import math
import re
import sys
from typing import Any

import click

from .. import api
from ..output.diff import render_diff, render_trend
from ..output.export import write_frame
from ..output.plot import require as require_plotting
from ..output.progress import Progress
from ..output.safe import safe_path
from .batch_options import batch_options, per_file_options, run_options
from .run import emit, interruptible

DIFF_FORMATS = ("table", "markdown", "csv", "json", "xlsx")


def _regex(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A bad --figure pattern is a usage error (exit 2), not a traceback."""
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise click.BadParameter(f"not a regular expression: {exc}") from None
    return value


def _percent(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """nan would flag nothing and a negative threshold everything: both are usage errors."""
    if value is not None and not (math.isfinite(value) and value >= 0):
        raise click.BadParameter(f"must be a percentage, a finite number 0 or more, not {value}")
    return value


@click.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("--by", type=click.Choice(["auto", "year", "section"]), default="auto", show_default=True,
              help="year: this year's report against last year's; section: two units over the same years.")  # fmt: skip
@click.option("--threshold", type=float, default=None, callback=_percent,
              help="Flag changes larger than this many percent.")  # fmt: skip
@click.option("--all", "show_all", is_flag=True,
              help="Also list unchanged indicators in table/markdown output (csv, json, xlsx always hold every row).")  # fmt: skip
@click.option("-f", "--format", "fmt", type=click.Choice(DIFF_FORMATS), default="table", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (required for xlsx)."
)
@per_file_options
def diff_cmd(old: str, new: str, by: str, threshold: float | None, show_all: bool, fmt: str, output: str | None,
             **run: Any) -> None:  # fmt: skip
    """Compare the key figures of two reports.

    \b
    Examples:
      kvcli diff 2015.docx 2016.docx --threshold 20
      kvcli diff vuxen-2013.pdf familj-2014.pdf --by section --format markdown
      kvcli diff a.txt b.txt --format xlsx -o diff.xlsx

    Markers: +++ only in NEW, --- only in OLD, -> changed (or renamed); ! beyond --threshold.
    The table shows what changed and ends with a one-line summary; --all lists every indicator.
    Exit codes: 0 done (1 with --threshold when a change is flagged); 2 unreadable input.
    """
    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    opts = api.DiffOptions(**run_options(run), by=by, threshold=threshold,  # type: ignore[arg-type]
                           outputs=(output,) if output else ())
    res = api.diff(old, new, opts)
    if fmt == "xlsx":
        write_frame(res.frame, output or "", sheet="diff")
    else:
        emit(render_diff(res, fmt, show_all), output)
    sys.exit(1 if threshold is not None and res.flagged else 0)


@click.command("trend")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--figure", "pattern", callback=_regex,
              help="Only indicators whose label matches this regular expression.")  # fmt: skip
@click.option(
    "--plot", "plot_path", type=click.Path(dir_okay=False), help="Draw the series to FILE.png or FILE.svg."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@batch_options
def trend_cmd(
    paths: tuple[str, ...],
    pattern: str | None,
    plot_path: str | None,
    fmt: str,
    output: str | None,
    **run: Any,
) -> None:
    """Follow indicators over the years across reports (files or folders).

    \b
    Examples:
      kvcli trend arkiv/vetlanda/ --figure "lex sarah"
      kvcli trend 2014.pdf 2015.pdf 2016.docx --plot trend.png
    """
    opts = api.TrendOptions(**run_options(run), figure=pattern, outputs=tuple(o for o in (output, plot_path) if o))
    if plot_path:
        require_plotting()
    progress = Progress(report_errors=True)
    with interruptible(progress):
        result = api.trend(paths, opts, progress)
    progress.close()
    emit(render_trend(result.points, fmt), output)
    if plot_path:
        n, total = result.plot(plot_path), len(result.drawable)
        more = f" (of {total} with two or more years; choose with --figure)" if total > n else ""
        click.echo(f"kvcli: {n} series drawn to {safe_path(plot_path)}{more}", err=True)
    sys.exit(2 if result.errors else 0)


@click.command("figures")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.csv, FILE.xlsx, FILE.parquet or FILE.json (written atomically).")  # fmt: skip
@click.option("--csv-dialect", type=click.Choice(["excel", "excel-sv"]), default="excel", show_default=True,
              help="excel-sv: ';' separators and decimal comma, as Swedish Excel expects.")  # fmt: skip
@batch_options
def figures_cmd(paths: tuple[str, ...], output: str, csv_dialect: str, **run: Any) -> None:
    """Export the key figures of many reports in long format (one row per figure).

    \b
    Examples:
      kvcli figures arkiv/ -o nyckeltal.xlsx
      kvcli figures samples/ -o nyckeltal.csv --csv-dialect excel-sv
    """
    progress = Progress(report_errors=True)
    with interruptible(progress):
        result = api.figures(paths, api.RunOptions(**run_options(run), outputs=(output,)), progress)
    progress.close()
    write_frame(result.frame, output, dialect=csv_dialect)
    click.echo(f"kvcli: {result.count} figures from {len(result.documents)} reports written to {safe_path(output)}",
               err=True)  # fmt: skip
    sys.exit(2 if result.errors else 0)
