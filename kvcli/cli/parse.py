"""``kvcli parse`` and ``kvcli schema``."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import click

from ..api import parse
from ..atomic import write_atomic
from ..batch.discover import discover
from ..errors import InputError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Document
from ..output.document import to_json, to_jsonl, to_markdown, to_text
from ..schema import document_schema
from .errors import report_error

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
    "--max-file-size",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMITS.max_file_size // (1024 * 1024),
    show_default=True,
    help="Refuse input files larger than this many MB.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
def parse_cmd(files: tuple[str, ...], fmt: str, max_file_size: int, output: str | None) -> None:
    """Parse reports (.txt, .md, .docx, .pdf; folders are searched) into the common document model.

    \b
    Examples:
      kvcli parse rapport.txt
      kvcli parse samples/*.txt --format json -o model.json
      kvcli parse rapport.docx --format markdown

    Exit codes: 0 all files parsed; 2 some file could not be read (each gets one line on stderr,
    the others are still parsed); 130 interrupted (an -o file is then left as it was).
    """
    limits = replace(DEFAULT_LIMITS, max_file_size=max_file_size * 1024 * 1024)
    rendered: list[str] = []
    failed = done = 0
    expanded = []
    for path in files:
        found = discover([path]) if Path(path).is_dir() else [path]
        if not found:
            report_error(path, "is a directory with no reports in it (.txt, .md, .docx, .pdf)")
            failed += 1
        expanded += found
    files = tuple(expanded)
    try:
        for path in files:
            doc = parse_or_report(path, limits)
            done += 1
            if doc is None:
                failed += 1
                continue
            chunk = RENDER[fmt](doc)
            if output or fmt == "json":
                rendered.append(chunk)  # written at the end, in one atomic step
            else:
                click.echo(chunk + ("\n" if fmt == "jsonl" else "\n\n"), nl=False)
    except KeyboardInterrupt:
        click.echo(f"kvcli: interrupted after {done} of {len(files)} files; nothing written", err=True)
        sys.exit(130)
    if fmt == "json":
        single = len(files) == 1 and len(rendered) == 1
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


def parse_or_report(path: str, limits: Limits) -> Document | None:
    """Parse one file; on failure print one line naming the file and the reason, and return None."""
    try:
        return parse(path, limits)
    except InputError as exc:
        report_error(exc.path, exc.reason)
    except (MemoryError, RecursionError) as exc:
        report_error(path, f"too complex to parse within limits ({type(exc).__name__})")
    except Exception as exc:  # a reader bug must not end a batch with a traceback
        report_error(path, f"unexpected error while parsing ({type(exc).__name__}: {exc}); please report it")
    return None


@click.command("schema")
@click.option("--which", type=click.Choice(["document", "check"]), default="document", show_default=True)
def schema_cmd(which: str) -> None:
    """Print the JSON Schema of kvcli's JSON output."""
    if which == "document":
        click.echo(json.dumps(document_schema(), ensure_ascii=False, indent=2))
    else:
        from ..schema import check_schema

        click.echo(json.dumps(check_schema(), ensure_ascii=False, indent=2))
