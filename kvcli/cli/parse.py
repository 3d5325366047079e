"""``kvcli parse`` and ``kvcli schema``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..atomic import write_atomic
from ..batch import run_batch
from ..batch.discover import discover
from ..batch.progress import Progress
from ..model import Document
from ..output.document import to_json, to_jsonl, to_markdown, to_text
from ..schema import document_schema
from .batch_options import batch_options, to_batch_options
from .errors import report_error
from .guard import refuse_overwriting_inputs

FORMATS = ("text", "json", "jsonl", "markdown")


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format: readable outline, JSON document model, one JSON object per line, or Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
@batch_options
def parse_cmd(files: tuple[str, ...], fmt: str, output: str | None, **batch: Any) -> None:
    """Parse reports (.txt, .md, .docx, .pdf; folders are searched) into the common document model.

    \b
    Examples:
      kvcli parse rapport.txt
      kvcli parse samples/*.txt --format json -o model.json
      kvcli parse rapport.docx --format markdown

    Exit codes: 0 all files parsed; 2 some file could not be read or took longer than --timeout
    (each gets one line on stderr, the others are still parsed); 130 interrupted (an -o file is
    then left as it was).
    """
    failed = 0
    expanded: list[str] = []
    for path in files:
        found = discover([path], batch["include"], batch["exclude"], batch["follow_symlinks"]) if Path(path).is_dir() else [path]
        if not found:
            report_error(path, "is a directory with no reports in it (.txt, .md, .docx, .pdf)")
            failed += 1
        expanded += found
    refuse_overwriting_inputs(output, expanded)
    rendered: list[str] = []
    done = 0
    progress = Progress(len(expanded), enabled=None if output else False)
    try:
        for record in run_batch(expanded, to_batch_options("parse", **batch), on_record=progress):
            done += 1
            if record.get("error"):
                report_error(record["path"], record["error"])
                failed += 1
                continue
            chunk = RENDER[fmt](Document.from_dict(record["document"]))
            if output or fmt == "json":
                rendered.append(chunk)  # written at the end, in one atomic step
            else:
                click.echo(chunk + ("\n" if fmt == "jsonl" else "\n\n"), nl=False)
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"kvcli: interrupted after {done} of {len(expanded)} files; nothing written", err=True)
        sys.exit(130)
    progress.close()
    if fmt == "json":
        single = len(expanded) == 1 and len(rendered) == 1
        text = rendered[0] + "\n" if single else "[\n" + ",\n".join(rendered) + "\n]\n"
    else:
        text = "".join(c + ("\n" if fmt == "jsonl" else "\n\n") for c in rendered)
    if output:
        write_atomic(output, text)
    elif fmt == "json" and rendered:
        click.echo(text, nl=False)
    if failed:
        sys.exit(2)


RENDER = {"text": to_text, "json": to_json, "jsonl": to_jsonl, "markdown": to_markdown}


@click.command("schema")
@click.option("--which", type=click.Choice(["document", "check"]), default="document", show_default=True)
def schema_cmd(which: str) -> None:
    """Print the JSON Schema of kvcli's JSON output."""
    if which == "document":
        click.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))
    else:
        from ..schema import check_schema

        click.echo(json.dumps(check_schema(), ensure_ascii=False, indent=2))
