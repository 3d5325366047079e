"""``kvcli parse`` and ``kvcli schema``."""

from __future__ import annotations

import json
import sys

import click

from ..api import parse
from ..atomic import write_atomic
from ..errors import InputError
from ..output.document import to_json, to_jsonl, to_markdown, to_text
from ..privacy import mask_personnummer
from ..schema import document_schema

FORMATS = ("text", "json", "jsonl", "markdown")


def report_error(message: str) -> None:
    """One line on stderr, masked: file names and reasons may carry identity numbers."""
    click.echo(f"kvcli: error: {mask_personnummer(message)}", err=True)


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
def parse_cmd(files: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Parse reports (.txt, .md, .docx, .pdf) into the common document model.

    \b
    Examples:
      kvcli parse rapport.txt
      kvcli parse samples/*.txt --format json -o model.json
      kvcli parse rapport.docx --format markdown

    Exit codes: 0 all files parsed, 2 some file could not be read (each gets one line on stderr).
    """
    chunks: list[str] = []
    docs = []
    failed = 0
    for path in files:
        try:
            doc = parse(path)
        except InputError as exc:
            report_error(str(exc))
            failed += 1
            continue
        docs.append(doc)
        if fmt == "text":
            chunks.append(to_text(doc))
        elif fmt == "jsonl":
            chunks.append(to_jsonl(doc))
        elif fmt == "markdown":
            chunks.append(to_markdown(doc))
    if fmt == "json":
        if len(files) == 1 and docs:
            chunks.append(to_json(docs[0]))
        elif docs:
            chunks.append("[\n" + ",\n".join(to_json(d) for d in docs) + "\n]")
    sep = "\n" if fmt == "jsonl" else "\n\n"
    text = sep.join(chunks) + ("\n" if chunks else "")
    if output:
        write_atomic(output, text)
    elif text:
        click.echo(text, nl=False)
    if failed:
        sys.exit(2)


@click.command("schema")
@click.option("--which", type=click.Choice(["document", "check"]), default="document", show_default=True)
def schema_cmd(which: str) -> None:
    """Print the JSON Schema of kvcli's JSON output."""
    if which == "document":
        click.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))
    else:
        from ..schema import check_schema

        click.echo(json.dumps(check_schema(), ensure_ascii=False, indent=2))
