"""``kvcli check``: lint reports against the rule packs (SOSFS 2011:9 by default)."""

from __future__ import annotations

import sys
from typing import Any

import click

from .. import api
from ..output.check import FORMATTERS, baseline_notes, render
from ..output.progress import Progress
from .batch_options import batch_options, run_options
from .errors import report_error
from .run import emit, interruptible


def config_options(fn: Any) -> Any:
    """The options that choose the rules: shared by check and report."""
    for option in reversed([
        click.option("--profile", help="Built-in rule pack to start from: sosfs-2011-9 (kvalitetsberättelse) or kvalitet-patientsakerhet "
                     "(combined with a patientsäkerhetsberättelse). Default: by each report's title, or the config's."),
        click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
                     help="Extra rule pack: a YAML file or a directory of them (repeatable)."),
        click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
                     help="Use this kvcli.toml/pyproject.toml instead of searching upwards."),
    ]):  # fmt: skip
        fn = option(fn)
    return fn


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@config_options
@click.option("--select", help="Only these codes or prefixes, comma-separated (e.g. KV1,KV301).")
@click.option("--ignore", help="Skip these codes or prefixes, comma-separated.")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), help="Report findings at or above this.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Exit 1 only for findings at or above this (default: error; see the README).")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False),
              help="Known findings (from --write-baseline): not shown, not failed; stale entries reported.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              help="Write every finding of this run to FILE as the baseline (atomically); exit 0.")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Language of the messages (default: sv).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (still 2 for unreadable input).")
@click.option("--max-warnings", type=int, default=None, help="Fail (exit 1) only when warnings exceed this number.")
@batch_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (atomically).")
def check_cmd(paths: tuple[str, ...], profile: str | None, extra_rules: tuple[str, ...], config_file: str | None,
              select: str | None, ignore: str | None, min_severity: str | None, fail_on: str | None,
              baseline: str | None, write_baseline: str | None, fmt: str, lang: str | None,
              exit_zero: bool, max_warnings: int | None, output: str | None, **run: Any) -> None:  # fmt: skip
    """Check reports against SOSFS 2011:9 and the defects a reviewer flags.

    PATHS are files or folders (searched recursively for .txt, .md, .docx, .pdf).

    \b
    Examples:
      kvcli check rapport.docx
      kvcli check arkiv/ --format json -o resultat.json
      kvcli check rapport.pdf --select KV1 --lang en
      kvcli check rapporter/ --format sarif > kvcli.sarif

    Exit codes: 0 no findings at or above --fail-on (default: error); 1 such findings; 2 usage error
    (an unknown rule code, a broken rule pack or baseline) or unreadable input (every other file is
    still checked); 130 interrupted.
    """
    cfg = api.command_config(paths, config_file, profile=profile, extra_rules=extra_rules, select=select,
                             ignore=ignore, min_severity=min_severity, lang=lang, fail_on=fail_on)  # fmt: skip
    opts = api.CheckOptions(**run_options(run), config=cfg, outputs=(output,) if output else (),
                            baseline=baseline, write_baseline=write_baseline)  # fmt: skip
    progress = Progress()
    with interruptible(progress, summary=True):
        report = api.check_all(paths, opts, progress)
    emit(render(report.files, report.rules, fmt, cfg.lang, report.baseline), output)
    for line in baseline_notes(report.baseline, report.baseline_written, write_baseline, cfg.lang):
        click.echo(line, err=True)
    if fmt != "text":  # the text format lists unreadable files itself
        for path, reason in report.errors:
            report_error(path, reason)
    if len(report.files) > 1:
        click.echo(progress.summary(cfg.lang), err=True)
    sys.exit(report.exit_code(exit_zero, max_warnings))
