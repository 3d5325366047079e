"""``kvcli report``: one self-contained HTML page over an archive (verdicts, findings, key figures)."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..atomic import write_atomic
from ..batch import discover, run_batch
from ..batch.progress import Progress
from ..checks import load_config, packs_for
from ..checks.model import FileReport
from ..config import CheckConfig
from ..errors import RuleError
from ..model import Document
from ..output.report import PackInfo, ReportEntry, ReportMeta, Unreadable, render_report
from ..privacy import mask_personnummer
from .batch_options import batch_options, to_batch_options


@click.command("report")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (atomically), e.g. översikt.html.")  # fmt: skip
@click.option(
    "--lang", type=click.Choice(["sv", "en"]), help="Language of the page and the messages (default: sv)."
)
@click.option("--title", help="Page title (default: 'Översikt över kvalitetsberättelser').")
@click.option("--profile", help="Built-in rule pack to start from (default: sosfs-2011-9, or the config's).")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack: a YAML file or a directory of them (repeatable).")  # fmt: skip
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this kvcli.toml/pyproject.toml instead of searching upwards.")  # fmt: skip
@batch_options
def report_cmd(paths: tuple[str, ...], output: str, lang: str | None, title: str | None, profile: str | None,
               extra_rules: tuple[str, ...], config_path: str | None, **batch: Any) -> None:  # fmt: skip
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
    cfg = _config(paths, config_path, profile, extra_rules, lang)
    files = discover(paths, batch["include"], batch["exclude"])
    if not files:
        raise click.UsageError("no report files found in " + ", ".join(paths))
    entries, unreadable = _collect(files, cfg, batch)
    packs = packs_for(cfg)
    meta = ReportMeta(
        generated=datetime.now().astimezone(), version=__version__, inputs=list(paths), title=title,
        packs=[PackInfo(p.name, p.title, p.sha256) for p in packs],
        concepts=list({cid: c for p in packs for cid, c in p.concepts.items()}.values()),
    )  # fmt: skip
    try:
        write_atomic(output, render_report(entries, unreadable, meta, cfg.lang))
    except OSError as exc:  # a folder, a read-only share: one line, not a traceback
        raise click.UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    for u in unreadable:
        click.echo(mask_personnummer(f"kvcli: error: {u.path}: {u.reason}"), err=True)
    click.echo(mask_personnummer(f"kvcli: {len(entries)} reports ({len(unreadable)} unreadable) written to {output}"),
               err=True)  # fmt: skip
    sys.exit(2 if unreadable else 0)


def _config(paths: tuple[str, ...], config_path: str | None, profile: str | None, extra: tuple[str, ...],
            lang: str | None) -> CheckConfig:  # fmt: skip
    """The same configuration ``kvcli check`` would use for these paths, so the page shows its verdicts."""
    try:
        cfg = load_config(config_path or paths[0])
        if config_path and cfg.source is None:
            raise RuleError(f"{config_path}: no [tool.kvcli] table found")
        cfg.profile = profile or cfg.profile
        cfg.rules = list(cfg.rules) + [str(Path(p)) for p in extra]
        cfg.lang = lang or cfg.lang
        packs_for(cfg)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    return cfg


def _collect(
    files: list[str], cfg: CheckConfig, batch: dict[str, Any]
) -> tuple[list[ReportEntry], list[Unreadable]]:
    """Parse and check every file through the batch runner and its cache ("index" records carry both)."""
    opts = to_batch_options("index", asdict(cfg) | {"source": None}, **batch)
    progress = Progress(len(files))
    entries: list[ReportEntry] = []
    unreadable: list[Unreadable] = []
    try:
        for record in run_batch(files, opts, on_record=progress):
            if record.get("error"):
                unreadable.append(Unreadable(record["path"], record["error"]))
            else:
                entries.append(
                    ReportEntry(Document.from_dict(record["document"]), FileReport.from_record(record))
                )
    except KeyboardInterrupt:
        click.echo(f"kvcli: interrupted after {len(entries) + len(unreadable)} of {len(files)} files; nothing written",
                   err=True)  # fmt: skip
        sys.exit(130)
    except RuntimeError as exc:
        raise click.UsageError(str(exc)) from None
    if len(files) > 1:
        click.echo(progress.summary(), err=True)
    return entries, unreadable
