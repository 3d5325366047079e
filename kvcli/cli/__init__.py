"""The ``kvcli`` command: a thin click layer over the library API in ``kvcli.api``.

Each sub-command lives in its own module and is imported only when it runs, so ``kvcli --version``
and ``kvcli --help`` import no reader. Every command is: options → one ``kvcli.api`` call → one
formatter from ``kvcli.output`` → an exit code.
"""

from __future__ import annotations

import importlib
import signal
import sys
from typing import Any

import click

from .. import __version__

COMMANDS = {
    "parse": "kvcli.cli.parse:parse_cmd",
    "check": "kvcli.cli.check:check_cmd",
    "rules": "kvcli.cli.rules:rules_cmd",
    "diff": "kvcli.cli.figures:diff_cmd",
    "trend": "kvcli.cli.figures:trend_cmd",
    "figures": "kvcli.cli.figures:figures_cmd",
    "index": "kvcli.cli.index:index_cmd",
    "report": "kvcli.cli.report:report_cmd",
    "schema": "kvcli.cli.parse:schema_cmd",
}


# The first paragraph of each command's help, for the command list of `kvcli --help`: listing them
# from the commands themselves would import every command module, and with them the whole library
# (0.2 s). A test keeps these equal to the commands' own help.
SUMMARIES = {
    "parse": "Parse reports (.txt, .md, .docx, .pdf; folders are searched) into the common document model.",
    "check": "Check reports against SOSFS 2011:9 and the defects a reviewer flags.",
    "rules": "List the rules: code, name, severity, what each checks and its reference. "
             "`kvcli rules explain CODE` for one rule.",
    "diff": "Compare the key figures of two reports.",
    "trend": "Follow indicators over the years across reports (files or folders).",
    "figures": "Export the key figures of many reports in long format (one row per figure).",
    "index": "Index reports (files or folders) into an SQLite database for SQL or pandas.",
    "report": "Write one HTML page that shows an archive at a glance.",
    "schema": "Print the JSON Schema of kvcli's JSON output.",
}  # fmt: skip


class LazyGroup(click.Group):
    """Sub-commands resolved on first use (the pattern from click's documentation); library errors and
    click's own messages leave as one masked line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """click's command list, from the summaries above instead of the imported commands."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        # A stand-in command with the same help gives click's own shortening.
        rows = [(name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)) for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        from ..api import KvcliError
        from .errors import CliError

        try:
            return super().invoke(ctx)
        except KvcliError as exc:
            raise CliError(exc) from None

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:  # fmt: skip
        run = super().main
        if not standalone_mode:
            return run(args, prog_name, complete_var, False, **extra)
        try:
            code = run(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            # click quotes what the user typed ("Path '…/811218-9876' does not exist"): mask it too.
            from ..output.safe import safe_text

            exc.message = safe_text(exc.message)  # type: ignore[misc]
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="kvcli")
def main() -> None:
    """Parse, check and diff Swedish social-services quality reports (kvalitetsberättelser).

    \b
    Examples:
      kvcli parse rapport.pdf                 outline of one report
      kvcli parse samples/*.txt --format json  the document model as JSON
      kvcli check samples/                     lint reports against SOSFS 2011:9
      kvcli diff 2013.docx 2014.docx           key figures that changed
      kvcli report samples/ -o översikt.html   one page over an archive
      kvcli rules explain KV101                why a rule exists
    """
    # SIGTERM (a job scheduler, `kill`) stops a batch the same clean way as Ctrl-C: summary, exit 130.
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
