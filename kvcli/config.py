"""Configuration for ``check``: ``kvcli.toml`` or ``[tool.kvcli]`` in ``pyproject.toml``, found upwards.

[tool.kvcli]
profile = "sosfs-2011-9"          # the built-in pack to start from (default "auto": by the report's type)
rules = ["rules/vetlanda-tryggve.yaml"]   # extra packs (files or directories), relative to the config file
select = ["KV1", "KV3"]            # code prefixes to run (default: all)
ignore = ["KV602"]
lang = "sv"
min-severity = "info"              # findings below this are not reported at all
fail-on = "error"                  # exit 1 only for findings at or above this (default: error)
[tool.kvcli.severity]
KV203 = "info"
[tool.kvcli.diff.thresholds]      # kvcli diff: label pattern (regex) → percent
"Lex Sarah" = 0

Every setting is checked for its type and value when the file is read: a wrong one is a
``RuleError`` naming the file and the setting (a usage error, exit 2), never a traceback
or a failure blamed on the reports checked later.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RuleError
from .quoting import quote
from .small_files import SmallFileError, read_small_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SEVERITIES = ("info", "warning", "error")
LANGS = ("sv", "en")
MAX_CONFIG_BYTES = 1024 * 1024  # a kvcli.toml is a few hundred bytes; a pyproject.toml rarely 20 KB
MAX_PATTERN_CHARS = 1000
# A rule code is 2-4 capitals and 3 digits (rulepack.schema.json); select/ignore take any prefix of one.
_CODE_PREFIX = re.compile(r"[A-Z]{1,4}[0-9]{0,3}")
_CODE = re.compile(r"[A-Z]{2,4}[0-9]{3}")


@dataclass
class CheckConfig:
    # "auto": the default SOSFS 2011:9 pack, or the combined patientsäkerhets- och kvalitetsberättelse
    # profile for a report whose title says it is one (each built-in pack says which titles it is for).
    profile: str = "auto"
    rules: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    lang: str = "sv"
    min_severity: str = "info"
    # Exit 1 only for findings at or above this. "error" by default, as Vale does: an error means the
    # report is unfit to submit, which is what a pre-commit hook should block; warnings are a reviewer's
    # comments, shown but not blocking, so the hook can be adopted on an archive that has many of them.
    fail_on: str = "error"
    source: str | None = None  # the config file this came from
    # Where each select/ignore/severity code was given ("select:KV1" → "--select"), so an unknown code
    # is reported at the place the user has to fix.
    origins: dict[str, str] = field(default_factory=dict)

    def selected(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)


def find_config(start: Path) -> Path | None:
    d = start.resolve()
    if d.is_file():
        d = d.parent
    for parent in [d, *d.parents]:
        for name in ("kvcli.toml", "pyproject.toml"):
            p = parent / name
            if p.is_file() and (name == "kvcli.toml" or _mentions_kvcli(p)):
                return p
    return None


def _mentions_kvcli(pyproject: Path) -> bool:
    try:
        with open(pyproject, encoding="utf-8", errors="replace") as fh:
            return "[tool.kvcli" in fh.read(MAX_CONFIG_BYTES)
    except OSError:
        return False  # someone else's unreadable pyproject.toml is not ours to complain about


def read_table(path: Path) -> tuple[dict[str, Any], str]:
    """The kvcli table of a config file and the prefix its settings are named with in errors."""
    try:
        raw = read_small_file(path, MAX_CONFIG_BYTES, "configuration file")
    except SmallFileError as exc:
        raise RuleError(f"{path}: {exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise RuleError(f"{path}: invalid configuration: {exc}") from None
    if path.name != "pyproject.toml":
        return data, ""
    tool = data.get("tool", {})
    table = tool.get("kvcli", {}) if isinstance(tool, dict) else None
    if not isinstance(table, dict):
        raise RuleError(f"{path}: tool.kvcli must be a table ([tool.kvcli]), not {quote(table)}")
    return table, "tool.kvcli."


def load_config(start: str | Path | None = None, **overrides: Any) -> CheckConfig:
    """Config from the file found upwards from ``start`` (or none), then keyword overrides."""
    cfg = CheckConfig()
    path = find_config(Path(start)) if start is not None else None
    if path is not None:
        table, prefix = read_table(path)
        _apply(cfg, table, path, prefix)
        cfg.source = str(path)
    for key, value in overrides.items():
        if value not in (None, (), []):
            setattr(cfg, key, list(value) if isinstance(value, tuple) else value)
    if overrides:
        validate(cfg, "load_config()")
    return cfg


def validate(cfg: CheckConfig, where: str) -> None:
    """Check (and normalise) settings that did not come from a file: keyword overrides, the command line."""
    cfg.profile = _string(cfg.profile, where, "profile")
    cfg.rules = _strings(cfg.rules, where, "rules", "rule-pack paths")
    cfg.select = _codes(cfg.select, where, "select")
    cfg.ignore = _codes(cfg.ignore, where, "ignore")
    cfg.severity = _severity(cfg.severity, where, "severity")
    cfg.lang = _choice(cfg.lang, where, "lang", LANGS)
    cfg.min_severity = _choice(cfg.min_severity, where, "min-severity", SEVERITIES)
    cfg.fail_on = _choice(cfg.fail_on, where, "fail-on", SEVERITIES)


def _apply(cfg: CheckConfig, table: dict[str, Any], path: Path, prefix: str) -> None:
    known = {"profile", "rules", "select", "ignore", "severity", "lang", "min-severity", "fail-on", "diff"}
    unknown = sorted(map(str, set(table) - known))
    if unknown:
        raise RuleError(f"{path}: unknown kvcli setting(s): {', '.join(quote(k, 40) for k in unknown[:5])}"
                        f"{' …' if len(unknown) > 5 else ''} (known: {', '.join(sorted(known))})")  # fmt: skip
    where = str(path)
    if "profile" in table:
        cfg.profile = _string(table["profile"], where, prefix + "profile")
        _exists([cfg.profile], where, prefix + "profile")
    if "rules" in table:
        rules = _strings(table["rules"], where, prefix + "rules", "rule-pack paths")
        cfg.rules = [str(path.parent / r) for r in rules]
        _exists(cfg.rules, where, prefix + "rules")
    if "select" in table:
        cfg.select = _codes(table["select"], where, prefix + "select")
    if "ignore" in table:
        cfg.ignore = _codes(table["ignore"], where, prefix + "ignore")
    if "severity" in table:
        cfg.severity = _severity(table["severity"], where, prefix + "severity")
    for setting in ("select", "ignore", "severity"):
        for code in getattr(cfg, setting) if setting in table else ():
            cfg.origins[f"{setting}:{code}"] = f"{path}: {prefix}{setting}"
    if "lang" in table:
        cfg.lang = _choice(table["lang"], where, prefix + "lang", LANGS)
    if "min-severity" in table:
        cfg.min_severity = _choice(table["min-severity"], where, prefix + "min-severity", SEVERITIES)
    if "fail-on" in table:
        cfg.fail_on = _choice(table["fail-on"], where, prefix + "fail-on", SEVERITIES)
    if "diff" in table:
        thresholds(table, where, prefix)


def diff_thresholds(start: Path) -> dict[str, float]:
    """``[diff.thresholds]`` of the config found upwards from ``start``: label pattern → percent."""
    path = find_config(start)
    if path is None:
        return {}
    table, prefix = read_table(path)
    return thresholds(table, str(path), prefix)


def thresholds(table: dict[str, Any], where: str, prefix: str) -> dict[str, float]:
    diff = table.get("diff", {})
    if not isinstance(diff, dict):
        raise RuleError(f"{where}: {prefix}diff must be a table ([{prefix}diff.thresholds]), not {quote(diff)}")
    extra = sorted(map(str, set(diff) - {"thresholds"}))
    if extra:
        raise RuleError(f"{where}: unknown {prefix}diff setting(s): {', '.join(quote(k, 40) for k in extra[:5])}"
                        " (known: thresholds)")  # fmt: skip
    setting = f"[{prefix}diff.thresholds]"
    raw = diff.get("thresholds", {})
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: {setting} must be a table of label pattern = percent, not {quote(raw)}")
    out: dict[str, float] = {}
    for pattern, value in raw.items():
        if not _is_number(value) or not math.isfinite(value) or value < 0:
            raise RuleError(f"{where}: {setting}: {quote(pattern, 80)} must be a percentage (a number, 0 or more), "
                            f"not {quote(value)}")  # fmt: skip
        if len(pattern) > MAX_PATTERN_CHARS:
            raise RuleError(f"{where}: {setting}: pattern {quote(pattern, 80)} is over "
                            f"{MAX_PATTERN_CHARS} characters")  # fmt: skip
        try:
            re.compile(pattern)  # fail here, with the config named, not midway through the diff
        except (re.error, RecursionError, OverflowError) as exc:
            raise RuleError(f"{where}: {setting}: {quote(pattern, 80)} is not a regular expression: {exc}") from None
        out[pattern] = float(value)
    return out


def _exists(packs: list[str], where: str, setting: str) -> None:
    """A pack named in the file that is not there is the file's error, not the command line's."""
    from .checks.pack import AUTO, resolve

    for name in packs:
        if name == AUTO:
            continue
        try:
            resolve(name)
        except RuleError as exc:
            raise RuleError(f"{where}: {setting}: {exc}") from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _string(value: Any, where: str, setting: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"{where}: {setting} must be a non-empty string, e.g. {setting} = \"sosfs-2011-9\", "
                        f"not {quote(value)}")  # fmt: skip
    return value


def _strings(value: Any, where: str, setting: str, what: str) -> list[str]:
    if isinstance(value, str):
        hint = json.dumps(value[:80], ensure_ascii=False)  # TOML's basic strings are JSON's
        raise RuleError(f"{where}: {setting} must be a list of {what}, e.g. {setting} = [{hint}]")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"{where}: {setting} must be a list of {what} (strings), not {quote(value)}")
    return list(value)


def _codes(value: Any, where: str, setting: str) -> list[str]:
    codes = [c.strip().upper() for c in _strings(value, where, setting, "rule codes or prefixes")]
    bad = [c for c in codes if not _CODE_PREFIX.fullmatch(c)]
    if bad:
        raise RuleError(f"{where}: {setting}: {quote(bad[0], 80)} is not a rule code or code prefix "
                        "(e.g. KV1, KV301)")  # fmt: skip
    return codes


def _severity(value: Any, where: str, setting: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise RuleError(f"{where}: {setting} must be a table of rule code = severity, e.g. [{setting}] "
                        f"KV203 = \"info\", not {quote(value)}")  # fmt: skip
    out: dict[str, str] = {}
    for code, sev in value.items():
        norm = str(code).strip().upper()
        if not _CODE.fullmatch(norm):
            raise RuleError(f"{where}: {setting}: {quote(code, 80)} is not a rule code (e.g. KV203)")
        out[norm] = _choice(sev, where, f"{setting}.{norm}", SEVERITIES)
    return out


def _choice(value: Any, where: str, setting: str, options: tuple[str, ...]) -> str:
    if value not in options or not isinstance(value, str):
        raise RuleError(f"{where}: {setting} must be {', '.join(options[:-1])} or {options[-1]}, not {quote(value)}")
    return value


def command_config(paths: Sequence[str], config_file: str | None = None, *, profile: str | None = None,
                   extra_rules: Sequence[str] = (), select: str | None = None, ignore: str | None = None,
                   min_severity: str | None = None, lang: str | None = None,
                   fail_on: str | None = None) -> CheckConfig:  # fmt: skip
    """The configuration a command runs with: the config file (``config_file``, else the one found upwards
    from the first path), then the command line on top — ``select`` replaces, ``ignore`` and
    ``extra_rules`` add, the rest override. ``select``/``ignore`` are comma-separated codes or prefixes."""
    cfg = load_config(config_file or (paths[0] if paths else "."))
    if config_file and cfg.source is None:
        raise RuleError(f"{config_file}: no [tool.kvcli] table found")
    if profile:
        cfg.profile = profile
    cfg.rules = list(cfg.rules) + [str(Path(p)) for p in extra_rules]
    if select is not None:
        cfg.select = _split_codes(select)
        cfg.origins.update({f"select:{c}": "--select" for c in cfg.select})
    if ignore is not None:
        cfg.ignore = list(cfg.ignore) + _split_codes(ignore)
        cfg.origins.update({f"ignore:{c}": "--ignore" for c in _split_codes(ignore)})
    if min_severity:
        cfg.min_severity = min_severity
    if lang:
        cfg.lang = lang
    if fail_on:
        cfg.fail_on = fail_on
    validate(cfg, "command line")
    return cfg


def _split_codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]
