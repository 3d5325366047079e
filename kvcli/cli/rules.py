"""``kvcli rules`` and ``kvcli rules explain CODE``."""

from __future__ import annotations

import click

from .. import api
from ..output.rules import explain, rules_table


def _config(profile: str | None, extra_rules: tuple[str, ...]) -> api.CheckConfig:
    return api.CheckConfig(profile=profile or "auto", rules=list(dict.fromkeys(extra_rules)))


@click.group("rules", invoke_without_command=True)
@click.option("--profile", default=None, help="Rule pack to list (default: sosfs-2011-9; also kvalitet-patientsakerhet).")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True), help="Extra rule pack(s).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.pass_context
def rules_cmd(ctx: click.Context, profile: str | None, extra_rules: tuple[str, ...], lang: str) -> None:
    """List the rules: code, name, severity, what each checks and its reference. `kvcli rules explain CODE`
    for one rule."""
    ctx.obj = (profile, extra_rules)
    if ctx.invoked_subcommand is None:
        click.echo(rules_table(api.rules(_config(profile, extra_rules)), lang))


@rules_cmd.command("explain")
@click.argument("code")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--profile", default=None, help="Rule pack the rule is in (default: sosfs-2011-9; also kvalitet-patientsakerhet).")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack(s) the rule may be defined in.")  # fmt: skip
@click.pass_obj
def explain_cmd(group: tuple[str | None, tuple[str, ...]], code: str, lang: str, profile: str | None,
                extra_rules: tuple[str, ...]) -> None:  # fmt: skip
    """Explain one rule: what it checks, why (the SOSFS basis), and a good/bad example.

    \b
    Examples:
      kvcli rules explain KV101
      kvcli rules explain VT101 --rules rules/vetlanda-tryggve.yaml
    """
    cfg = _config(profile or group[0], (*group[1], *extra_rules))
    click.echo(explain(api.rule(code, cfg), api.packs(cfg), lang))
