"""Configuration for ``check``: ``kvcli.toml`` or ``[tool.kvcli]`` in ``pyproject.toml``, found upwards.

[tool.kvcli]
profile = "sosfs-2011-9"          # the built-in pack to start from
rules = ["rules/vetlanda-tryggve.yaml"]   # extra packs (files or directories), relative to the config file
select = ["KV1", "KV3"]            # code prefixes to run (default: all)
ignore = ["KV602"]
lang = "sv"
min-severity = "info"
[tool.kvcli.severity]
KV203 = "info"
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RuleError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SEVERITIES = ("info", "warning", "error")


@dataclass
class CheckConfig:
    profile: str = "sosfs-2011-9"
    rules: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    lang: str = "sv"
    min_severity: str = "info"
    source: str | None = None  # the config file this came from

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
            if p.is_file() and (
                name == "kvcli.toml" or "[tool.kvcli" in p.read_text(encoding="utf-8", errors="replace")
            ):
                return p
    return None


def load_config(start: str | Path | None = None, **overrides: Any) -> CheckConfig:
    """Config from the file found upwards from ``start`` (or none), then command-line overrides."""
    cfg = CheckConfig()
    path = find_config(Path(start)) if start is not None else None
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"{path}: invalid configuration: {exc}") from None
        table = data.get("tool", {}).get("kvcli", {}) if path.name == "pyproject.toml" else data
        _apply(cfg, table, path)
        cfg.source = str(path)
    for key, value in overrides.items():
        if value not in (None, (), []):
            setattr(cfg, key, list(value) if isinstance(value, tuple) else value)
    if cfg.min_severity not in SEVERITIES:
        raise RuleError(f"{cfg.source or 'options'}: min-severity must be one of {', '.join(SEVERITIES)}")
    return cfg


def _apply(cfg: CheckConfig, table: dict[str, Any], path: Path) -> None:
    known = {"profile", "rules", "select", "ignore", "severity", "lang", "min-severity", "diff"}
    unknown = set(table) - known
    if unknown:
        raise RuleError(f"{path}: unknown kvcli setting(s): {', '.join(sorted(unknown))}")
    cfg.profile = table.get("profile", cfg.profile)
    cfg.rules = [str(path.parent / r) for r in table.get("rules", [])]
    cfg.select = list(table.get("select", []))
    cfg.ignore = list(table.get("ignore", []))
    cfg.severity = {k: v for k, v in table.get("severity", {}).items()}
    bad = [f"{k}={v}" for k, v in cfg.severity.items() if v not in SEVERITIES]
    if bad:
        raise RuleError(f"{path}: severity overrides must be error, warning or info: {', '.join(bad)}")
    cfg.lang = table.get("lang", cfg.lang)
    cfg.min_severity = table.get("min-severity", cfg.min_severity)
