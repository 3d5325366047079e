"""The ``kvcli`` command: a thin click layer over the library API in ``kvcli.api``.

Each sub-command lives in its own module and is imported only when it runs, so a
one-off ``kvcli parse`` does not pay for pandas, Dask or the rule engine.
"""

from __future__ import annotations

import importlib
import signal

import click

from .. import __version__

COMMANDS = {
    "parse": "kvcli.cli.parse:parse_cmd",
    "check": "kvcli.cli.check:check_cmd",
    "rules": "kvcli.cli.check:rules_cmd",
    "diff": "kvcli.cli.figures:diff_cmd",
    "trend": "kvcli.cli.figures:trend_cmd",
    "figures": "kvcli.cli.figures:figures_cmd",
    "index": "kvcli.cli.index:index_cmd",
    "report": "kvcli.cli.report:report_cmd",
    "schema": "kvcli.cli.parse:schema_cmd",
}


class LazyGroup(click.Group):
    """Sub-commands resolved on first use (the pattern from click's documentation)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd


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
      kvcli rules explain KV101                why a rule exists
    """
    # SIGTERM (a job scheduler, `kill`) stops a batch the same clean way as Ctrl-C: summary, exit 130.
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
