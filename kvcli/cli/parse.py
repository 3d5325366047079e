"""``kvcli parse`` and ``kvcli schema``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import api
from ..output.document import RENDER
from ..output.files import write_output
from ..output.progress import Progress
from .batch_options import batch_options, run_options
from .errors import report_error
from .run import interruptible

FORMATS = ("text", "json", "jsonl", "markdown")


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format: readable outline, JSON document model, one JSON object per line, or Markdown.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (atomically) instead of standard output.")  # fmt: skip
@batch_options
def parse_cmd(files: tuple[str, ...], fmt: str, output: str | None, **run: Any) -> None:
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
    opts = api.RunOptions(**run_options(run), outputs=(output,) if output else ())
    progress = Progress(enabled=None if output else False)  # a bar would interleave with stdout
    buffered = bool(output) or fmt == "json"  # written at the end, in one atomic step
    chunks: list[str] = []
    failed = False
    with interruptible(progress):
        for result in api.parse_all(files, opts, progress):
            if result.document is None:
                report_error(result.path, result.error or "")
                failed = True
                continue
            chunk = RENDER[fmt](result.document) + ("\n" if fmt == "jsonl" else "\n\n")
            if buffered:
                chunks.append(chunk)
            else:
                click.echo(chunk, nl=False)
    progress.close()
    if fmt == "json":
        chunks = [c.rstrip("\n") for c in chunks]
        text = chunks[0] + "\n" if len(files) == 1 and len(chunks) == 1 and not failed else "[\n" + ",\n".join(chunks) + "\n]\n"
    else:
        text = "".join(chunks)
    if output:
        write_output(output, text)
    elif fmt == "json" and chunks:
        click.echo(text, nl=False)
    sys.exit(2 if failed else 0)


@click.command("schema")
@click.option("--which", type=click.Choice(["document", "check"]), default="document", show_default=True)
def schema_cmd(which: str) -> None:
    """Print the JSON Schema of kvcli's JSON output."""
    schema = api.document_schema() if which == "document" else api.check_schema()
    click.echo(json.dumps(schema, ensure_ascii=False, indent=2))
