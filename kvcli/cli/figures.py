"""``kvcli diff``, ``kvcli trend`` and ``kvcli figures``: key figures across reports."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from ..atomic import write_atomic
from ..batch import discover, run_batch
from ..errors import InputError, KvcliError
from ..model import Document
from ..output.safe import mask_output, safe_line, safe_path
from .batch_options import batch_options, to_batch_options
from .errors import report_error

DIFF_FORMATS = ("table", "markdown", "csv", "json", "xlsx")


def _docs(paths: tuple[str, ...], batch: dict[str, Any]) -> tuple[list[Document], int]:
    """Parse many files through the batch runner (parallel, cached); unreadable ones get one line each."""
    files = discover(paths, batch["include"], batch["exclude"])
    docs, failed = [], 0
    for record in run_batch(files, to_batch_options("parse", **batch)):
        if record.get("error"):
            failed += 1
            report_error(record["path"], record["error"])
        else:
            docs.append(Document.from_dict(record["document"]))
    return docs, failed


def _regex(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A bad --figure pattern is a usage error (exit 2), not a traceback."""
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise click.BadParameter(f"not a regular expression: {exc}") from None
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
@click.option("--threshold", type=float, default=None, help="Flag changes larger than this many percent.")
@click.option("-f", "--format", "fmt", type=click.Choice(DIFF_FORMATS), default="table", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (required for xlsx)."
)
def diff_cmd(old: str, new: str, by: str, threshold: float | None, fmt: str, output: str | None) -> None:
    """Compare the key figures of two reports.

    \b
    Examples:
      kvcli diff 2015.docx 2016.docx --threshold 20
      kvcli diff vuxen-2013.pdf familj-2014.pdf --by section --format markdown
      kvcli diff a.txt b.txt --format xlsx -o diff.xlsx

    Markers: +++ only in NEW, --- only in OLD, -> changed (or renamed); ! beyond --threshold.
    Exit codes: 0 done (1 with --threshold when a change is flagged); 2 unreadable input.
    """
    from ..compare import diff
    from ..output.diff import diff_csv, diff_json, diff_table

    try:
        thresholds = _threshold_overrides(Path(new))
    except ValueError as exc:
        click.echo(f"kvcli: error: {safe_line(str(exc))}", err=True)
        sys.exit(2)
    try:
        res = diff(old, new, by=by, threshold=threshold, thresholds=thresholds)
    except InputError as exc:
        report_error(exc.path, exc.reason)
        sys.exit(2)
    if fmt == "xlsx":
        if not output:
            raise click.UsageError("--format xlsx needs -o FILE.xlsx")
        from ..export import write_frame

        write_frame(res.frame, output, sheet="diff")
    elif fmt == "json":
        _emit(diff_json(res), output)
    elif fmt == "csv":
        _emit(diff_csv(res).rstrip("\n"), output)
    else:
        _emit(diff_table(res, "github" if fmt == "markdown" else "simple"), output)
    sys.exit(1 if threshold is not None and res.flagged else 0)


def _threshold_overrides(start: Path) -> dict[str, float]:
    """``[tool.kvcli.diff.thresholds]`` (or ``[diff.thresholds]`` in kvcli.toml): label pattern → percent."""
    from ..config import find_config, tomllib

    path = find_config(start)
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = data.get("tool", {}).get("kvcli", {}) if path.name == "pyproject.toml" else data
        out = {str(k): float(v) for k, v in table.get("diff", {}).get("thresholds", {}).items()}
        for pattern in out:
            re.compile(pattern)  # fail here, with the config named, not midway through the diff
    except (ValueError, TypeError, AttributeError, re.error, OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: [diff.thresholds]: {exc}") from None
    return out


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

    docs, failed = _docs(paths, batch)
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

    docs, failed = _docs(paths, batch)
    try:
        write_frame(frame(docs), output, dialect=csv_dialect)
    except KvcliError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(
        f"kvcli: {sum(len(d.figures) for d in docs)} figures from {len(docs)} reports written to {safe_path(output)}",
        err=True,
    )
    sys.exit(2 if failed else 0)
