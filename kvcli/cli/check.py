"""``kvcli check``, ``kvcli rules`` and ``kvcli rules explain CODE``."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

import click

from ..atomic import write_atomic
from ..batch import BatchOptions, discover, run_batch
from ..batch.progress import Progress
from ..checks import load_config, packs_for, rules_for
from ..checks.model import SEVERITY_RANK, FileReport
from ..config import CheckConfig, validate
from ..errors import RuleError
from ..output.check import FORMATTERS, to_text
from ..output.safe import safe_path
from .batch_options import batch_options, resolve_cache_dir
from .errors import report_error
from .guard import refuse_overwriting_inputs


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--profile", help="Built-in rule pack to start from (default: sosfs-2011-9, or the config's).")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack: a YAML file or a directory of them (repeatable).")  # fmt: skip
@click.option("--select", help="Only these codes or prefixes, comma-separated (e.g. KV1,KV301).")
@click.option("--ignore", help="Skip these codes or prefixes, comma-separated.")
@click.option(
    "--min-severity",
    type=click.Choice(["error", "warning", "info"]),
    help="Report findings at or above this.",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True
)
@click.option("--lang", type=click.Choice(["sv", "en"]), help="Language of the messages (default: sv).")
@click.option(
    "--exit-zero", is_flag=True, help="Exit 0 even when there are findings (still 2 for unreadable input)."
)
@click.option(
    "--max-warnings", type=int, default=None, help="Fail (exit 1) only when warnings exceed this number."
)
@batch_options
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file (atomically)."
)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="Use this kvcli.toml/pyproject.toml instead of searching upwards.")  # fmt: skip
def check_cmd(paths: tuple[str, ...], profile: str | None, extra_rules: tuple[str, ...], select: str | None,
              ignore: str | None, min_severity: str | None, fmt: str, lang: str | None, exit_zero: bool,
              max_warnings: int | None, jobs: int, timeout: float, executor: str, scheduler: str | None,
              cache_dir: str | None, no_cache: bool, max_file_size: int, include: tuple[str, ...], exclude: tuple[str, ...],
              follow_symlinks: bool, output: str | None, config_path: str | None) -> None:  # fmt: skip
    """Check reports against SOSFS 2011:9 and the defects a reviewer flags.

    PATHS are files or folders (searched recursively for .txt, .md, .docx, .pdf).

    \b
    Examples:
      kvcli check rapport.docx
      kvcli check arkiv/ --format json -o resultat.json
      kvcli check rapport.pdf --select KV1 --lang en
      kvcli check rapporter/ --format sarif > kvcli.sarif

    Exit codes: 0 no findings at or above the threshold; 1 findings; 2 usage error or unreadable input
    (every other file is still checked); 130 interrupted.
    """
    try:
        start = config_path or (paths[0] if paths else ".")
        cfg = load_config(start)
        if config_path and cfg.source is None:
            raise RuleError(f"{config_path}: no [tool.kvcli] table found")
        cfg = _override(cfg, profile, extra_rules, select, ignore, min_severity, lang)
        validate(cfg, "command line")
        rules = rules_for(cfg)
        packs_for(cfg)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    files = discover(paths, include, exclude, follow_symlinks)
    if not files:
        raise click.UsageError("no report files found in " + ", ".join(map(safe_path, paths)))
    refuse_overwriting_inputs(output, files)
    opts = BatchOptions(task="check", config=asdict(cfg) | {"source": None}, jobs=jobs, timeout=timeout,
                        executor=executor, scheduler=scheduler, cache_dir=resolve_cache_dir(no_cache, cache_dir), max_file_size_mb=max_file_size)  # fmt: skip
    progress = Progress(len(files))
    reports: list[FileReport] = []
    try:
        for record in run_batch(files, opts, on_record=progress):
            reports.append(FileReport.from_record(record))
    except KeyboardInterrupt:
        click.echo(
            f"kvcli: interrupted after {len(reports)} of {len(files)} files; nothing written", err=True
        )
        click.echo(progress.summary(), err=True)
        sys.exit(130)
    except RuntimeError as exc:
        raise click.UsageError(str(exc)) from None
    text = to_text(reports, rules, cfg.lang) if fmt == "text" else FORMATTERS[fmt](reports, rules)
    if output:
        write_atomic(output, text + "\n")
    else:
        click.echo(text)
    for r in reports:
        if r.error and fmt != "text":
            report_error(r.path, r.error)
    if len(files) > 1:
        click.echo(progress.summary(), err=True)
    sys.exit(exit_code(reports, cfg, exit_zero, max_warnings))


def exit_code(reports: list[FileReport], cfg: CheckConfig, exit_zero: bool, max_warnings: int | None) -> int:
    if any(r.error for r in reports):
        return 2
    if exit_zero:
        return 0
    floor = SEVERITY_RANK[cfg.min_severity]
    findings = [f for r in reports for f in r.findings if SEVERITY_RANK[f.severity] >= floor]
    if max_warnings is not None:
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = sum(1 for f in findings if f.severity == "warning")
        return 1 if errors or warnings > max_warnings else 0
    return 1 if findings else 0


def _override(cfg: CheckConfig, profile: str | None, extra: tuple[str, ...], select: str | None, ignore: str | None,
              min_severity: str | None, lang: str | None) -> CheckConfig:  # fmt: skip
    if profile:
        cfg.profile = profile
    cfg.rules = list(cfg.rules) + [str(Path(p)) for p in extra]
    if select is not None:
        cfg.select = _codes(select)
    if ignore is not None:
        cfg.ignore = list(cfg.ignore) + _codes(ignore)
    if min_severity:
        cfg.min_severity = min_severity
    if lang:
        cfg.lang = lang
    return cfg


@click.group("rules", invoke_without_command=True)
@click.option("--profile", default=None, help="Rule pack to list (default: sosfs-2011-9).")
@click.option(
    "--rules", "extra_rules", multiple=True, type=click.Path(exists=True), help="Extra rule pack(s)."
)
@click.pass_context
def rules_cmd(ctx: click.Context, profile: str | None, extra_rules: tuple[str, ...]) -> None:
    """List the rules: code, name, severity, SOSFS reference. `kvcli rules explain CODE` for one rule."""
    cfg = CheckConfig(profile=profile or "sosfs-2011-9", rules=list(extra_rules))
    ctx.obj = cfg
    if ctx.invoked_subcommand is not None:
        return
    try:
        rules = rules_for(cfg)
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    width = max(len(r.name) for r in rules)
    for r in rules:
        sev = r.severity if isinstance(r.severity, str) else "/".join(dict.fromkeys(r.severity.values()))
        click.echo(f"{r.code}  {r.name:<{width}}  {sev:<13}  {r.reference or _concept_refs(cfg, r)}")


def _concept_refs(cfg: CheckConfig, rule: object) -> str:
    return "per concept (see `kvcli rules explain`)" if getattr(rule, "kind", "") == "concepts" else ""


@rules_cmd.command("explain")
@click.argument("code")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--profile", default=None, help="Rule pack the rule is in (default: sosfs-2011-9).")
@click.option("--rules", "extra_rules", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack(s) the rule may be defined in.")  # fmt: skip
@click.pass_obj
def explain_cmd(cfg: CheckConfig, code: str, lang: str, profile: str | None, extra_rules: tuple[str, ...]) -> None:
    """Explain one rule: what it checks, why (the SOSFS basis), and a good/bad example.

    \b
    Examples:
      kvcli rules explain KV101
      kvcli rules explain VT101 --rules rules/vetlanda-tryggve.yaml
    """
    if profile:
        cfg.profile = profile
    cfg.rules = list(dict.fromkeys([*cfg.rules, *extra_rules]))
    try:
        rules = {r.code: r for r in rules_for(cfg)}
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    rule = rules.get(code.upper())
    if rule is None:
        raise click.UsageError(f"unknown rule {code!r}; `kvcli rules` lists them")
    sev = (
        rule.severity
        if isinstance(rule.severity, str)
        else ", ".join(f"{k}: {v}" for k, v in rule.severity.items())
    )
    click.echo(f"{rule.code} {rule.name}  ({rule.kind}; severity {sev})")
    click.echo(rule.describe(lang))
    click.echo(f"defined in {rule.source}")
    click.echo("")
    click.echo(f"Message: {rule.message.get(lang) or rule.message['sv']}")
    if rule.reference:
        click.echo(f"Basis:   {rule.reference}")
    click.echo("")
    click.echo(click.wrap_text(rule.rationale, width=100))
    if rule.kind == "concepts":
        click.echo("")
        click.echo("Concepts (basis → severity):")
        for pack in packs_for(cfg):
            for c in pack.concepts.values():
                mark = "" if c.verified or "ej verifierad" in c.reference else "  (§ ej verifierad)"
                click.echo(f"  {c.id:<20} {c.reference} [{c.basis} → {rule.severity_for(c.basis)}]{mark}")
    if rule.example:
        click.echo("")
        if "bad" in rule.example:
            click.echo(f"Bad:  {rule.example['bad']}")
        if "good" in rule.example:
            click.echo(f"Good: {rule.example['good']}")
