"""``kvcli report``: one self-contained HTML page over an archive (verdicts, findings, key figures)."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

import click

from .. import api
from ..output.files import write_output
from ..output.progress import Progress
from ..output.report import PackInfo, ReportEntry, ReportMeta, Unreadable, render_report
from ..output.safe import safe_path
from .batch_options import batch_options, run_options
from .check import config_options
from .errors import report_error
from .run import interruptible


@click.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (atomically), e.g. översikt.html.")  # fmt: skip
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Language of the page and the messages (default: sv).")
@click.option("--title", help="Page title (default: 'Översikt över kvalitetsberättelser').")
@config_options
@batch_options
def report_cmd(paths: tuple[str, ...], output: str, lang: str | None, title: str | None, profile: str | None,
               extra_rules: tuple[str, ...], config_file: str | None, **run: Any) -> None:  # fmt: skip
    """Write one HTML page that shows an archive at a glance.

    Which reports lack which requirement concepts (a heatmap), every finding per report and per rule,
    key figures over the years, and the files that could not be read. The page needs no network: CSS,
    script and charts are inline, so it opens from a file share or an e-mail attachment, and prints.

    \b
    Examples:
      kvcli report samples/ -o översikt.html
      kvcli report arkiv/ -o overview.html --lang en --title "Socialtjänsten 2013–2016"

    Exit codes: 0 page written; 2 usage error, or page written but some file was unreadable (each gets one
    line on stderr and a row on the page); 130 interrupted (nothing written).
    """
    cfg = api.command_config(paths, config_file, profile=profile, extra_rules=extra_rules, lang=lang)
    opts = api.CheckOptions(**run_options(run), config=cfg, outputs=(output,))
    progress = Progress()
    with interruptible(progress):
        checked = api.check_all(paths, opts, progress, documents=True)
    entries = [ReportEntry(doc, rep) for doc, rep in zip(checked.documents, checked.files) if doc is not None]
    unreadable = [Unreadable(path, reason) for path, reason in checked.errors]
    packs = api.packs(cfg)
    meta = ReportMeta(
        generated=datetime.now().astimezone(), version=api.__version__, inputs=list(paths), title=title,
        packs=[PackInfo(p.name, p.title, p.sha256) for p in packs],
        concepts=list({cid: c for p in packs for cid, c in p.concepts.items()}.values()),
    )  # fmt: skip
    if len(checked.files) > 1:
        click.echo(progress.summary(), err=True)
    try:
        write_output(output, render_report(entries, unreadable, meta, cfg.lang))
    except OSError as exc:  # a folder, a read-only share: one line, not a traceback
        raise click.UsageError(f"cannot write {safe_path(output)}: {exc.strerror or exc}") from None
    for path, reason in checked.errors:
        report_error(path, reason)
    click.echo(f"kvcli: {len(entries)} reports ({len(unreadable)} unreadable) written to {safe_path(output)}", err=True)
    sys.exit(2 if unreadable else 0)
