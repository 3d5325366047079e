"""``kvcli diff``, ``kvcli trend`` and ``kvcli figures``: key figures across reports."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from typing import Any

import click

from ..atomic import write_atomic
from ..batch import discover, run_batch
from ..batch.progress import Progress
from ..errors import KvcliError
from ..model import Document
from ..output.safe import mask_output, safe_line, safe_path
from .batch_options import batch_options, per_file_options, to_batch_options
from .errors import report_error
from .guard import refuse_overwriting_inputs

DIFF_FORMATS = ("table", "markdown", "csv", "json", "xlsx")


def _docs(paths: tuple[str, ...], batch: dict[str, Any], outputs: tuple[str | None, ...]) -> tuple[list[Document], int]:
    """Parse many files through the batch runner (parallel, cached); unreadable ones get one line each."""
    files = discover(paths, batch["include"], batch["exclude"], batch["follow_symlinks"])
    if not files:
        raise click.UsageError("no report files found in " + ", ".join(paths))
    for out in outputs:
        refuse_overwriting_inputs(out, files)
    docs, failed = [], 0
    progress = Progress(len(files))
    try:
        for record in run_batch(files, to_batch_options("parse", **batch), on_record=progress):
            if record.get("error"):
                failed += 1
                progress.close()
                report_error(record["path"], record["error"])
            else:
                docs.append(Document.from_dict(record["document"]))
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"kvcli: interrupted after {progress.done} of {len(files)} files; nothing written", err=True)
        sys.exit(130)
    progress.close()
    return docs, failed


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


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text + "\n")
    else:
        click.echo(text)


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
             **batch: Any) -> None:  # fmt: skip
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
    from ..compare import diff
    from ..output.diff import diff_csv, diff_json, diff_table

    if fmt == "xlsx" and not output:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    refuse_overwriting_inputs(output, [old, new])
    try:
        thresholds = _threshold_overrides(Path(new))
    except ValueError as exc:
        click.echo(f"kvcli: error: {safe_line(str(exc))}", err=True)
        sys.exit(2)
    records = list(run_batch([old, new], to_batch_options("parse", **batch)))
    failed = [r for r in records if r.get("error")]
    for r in failed:
        report_error(r["path"], r["error"])
    if failed:
        sys.exit(2)
    a, b = (Document.from_dict(r["document"]) for r in records)
    res = diff(a, b, by=by, threshold=threshold, thresholds=thresholds)
    if fmt == "xlsx":
        from ..export import write_frame

        write_frame(res.frame, output or "", sheet="diff")
    elif fmt == "json":
        _emit(diff_json(res), output)
    elif fmt == "csv":
        _emit(diff_csv(res).rstrip("\n"), output)
    else:
        _emit(diff_table(res, "github" if fmt == "markdown" else "simple", show_all=show_all), output)
    sys.exit(1 if threshold is not None and res.flagged else 0)


def _threshold_overrides(start: Path) -> dict[str, float]:
    """``[tool.kvcli.diff.thresholds]`` (or ``[diff.thresholds]`` in kvcli.toml): label pattern → percent."""
    from ..config import diff_thresholds
    from ..errors import RuleError

    try:
        return diff_thresholds(start)
    except RuleError as exc:
        raise ValueError(str(exc)) from None


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
    **batch: Any,
) -> None:
    """Follow indicators over the years across reports (files or folders).

    \b
    Examples:
      kvcli trend arkiv/vetlanda/ --figure "lex sarah"
      kvcli trend 2014.pdf 2015.pdf 2016.docx --plot trend.png
    """
    from ..output.diff import trend_table
    from ..trend import drawable_series, plot, trend, trend_frame

    docs, failed = _docs(paths, batch, (output, plot_path))
    points = trend(docs, pattern)
    if fmt in ("csv", "json"):
        df = trend_frame(points)
        text = (
            df.to_csv(index=False).rstrip("\n")
            if fmt == "csv"
            else df.to_json(orient="records", force_ascii=False, indent=2)
        )
        _emit(mask_output(text), output)  # labels and paths come from the reports: mask like everywhere
    else:
        _emit(trend_table(points, "github" if fmt == "markdown" else "simple"), output)
    if plot_path:
        n, total = plot(points, plot_path), len(drawable_series(points))
        more = f" (of {total} with two or more years; choose with --figure)" if total > n else ""
        click.echo(f"kvcli: {n} series drawn to {safe_path(plot_path)}{more}", err=True)
    sys.exit(2 if failed else 0)


@click.command("figures")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.csv, FILE.xlsx, FILE.parquet or FILE.json (written atomically).")  # fmt: skip
@click.option("--csv-dialect", type=click.Choice(["excel", "excel-sv"]), default="excel", show_default=True,
              help="excel-sv: ';' separators and decimal comma, as Swedish Excel expects.")  # fmt: skip
@batch_options
def figures_cmd(paths: tuple[str, ...], output: str, csv_dialect: str, **batch: Any) -> None:
    """Export the key figures of many reports in long format (one row per figure).

    \b
    Examples:
      kvcli figures arkiv/ -o nyckeltal.xlsx
      kvcli figures samples/ -o nyckeltal.csv --csv-dialect excel-sv
    """
    from ..export import frame, write_frame

    docs, failed = _docs(paths, batch, (output,))
    try:
        write_frame(frame(docs), output, dialect=csv_dialect)
    except KvcliError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(
        f"kvcli: {sum(len(d.figures) for d in docs)} figures from {len(docs)} reports written to {safe_path(output)}",
        err=True,
    )
    sys.exit(2 if failed else 0)
