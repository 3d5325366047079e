"""The ``kvcli`` command: a thin click layer over the library API in ``kvcli.api``.

Each sub-command lives in its own module and is registered below.
"""

from __future__ import annotations

import signal

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kvcli")
def main() -> None:
    """Parse, check and diff Swedish social-services quality reports (kvalitetsberättelser).

    \b
    Examples:
      kvcli parse rapport.pdf                 outline of one report
      kvcli parse samples/*.txt --format json  the document model as JSON
      kvcli check samples/                     lint reports against SOSFS 2011:9
      kvcli diff 2013.docx 2014.docx           key figures that changed
    """
    # SIGTERM (a job scheduler, `kill`) stops a batch the same clean way as Ctrl-C: summary, exit 130.
    signal.signal(signal.SIGTERM, _terminate)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _register() -> None:
    from .check import check_cmd, rules_cmd
    from .figures import diff_cmd, figures_cmd, trend_cmd
    from .index import index_cmd
    from .parse import parse_cmd, schema_cmd

    main.add_command(parse_cmd)
    main.add_command(check_cmd)
    main.add_command(rules_cmd)
    main.add_command(diff_cmd)
    main.add_command(trend_cmd)
    main.add_command(figures_cmd)
    main.add_command(index_cmd)
    main.add_command(schema_cmd)


_register()
