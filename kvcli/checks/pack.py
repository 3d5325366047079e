"""Rule packs: YAML files describing concepts and rules, validated at load time.

A broken pack is refused with the file and line of the problem ("rules/x.yaml:42: …"),
never half-loaded. Built-in packs live in the repository's ``rules/`` directory
(installed as ``kvcli/rulepacks``); a municipality adds its own with ``--rules`` or
the ``rules`` setting in ``kvcli.toml`` / ``[tool.kvcli]``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..concepts import Concept
from ..errors import RuleError
from ..schema import rulepack_schema
from .base import Rule
from .kinds import KINDS

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "rulepacks"
DEFAULT_PACK = "sosfs-2011-9"


@dataclass
class Pack:
    name: str
    title: str
    path: Path
    sha256: str
    concepts: dict[str, Concept] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


def builtin_packs() -> dict[str, Path]:
    return {p.stem: p for p in sorted(BUILTIN_DIR.glob("*.yaml"))}


def resolve(name_or_path: str) -> list[Path]:
    """A pack name, a YAML file, or a directory of YAML files."""
    packs = builtin_packs()
    if name_or_path in packs:
        return [packs[name_or_path]]
    p = Path(name_or_path)
    if p.is_dir():
        found = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
        if not found:
            raise RuleError(f"{p}: no rule packs (*.yaml) in this directory")
        return found
    if p.is_file():
        return [p]
    raise RuleError(f"{name_or_path}: no such rule pack (built-in packs: {', '.join(packs)})")


def load_pack(path: Path) -> Pack:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule pack: {exc}") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise RuleError(f"{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}:1: a rule pack is a mapping with 'pack' and 'rules'")
    errors = sorted(
        jsonschema.Draft202012Validator(rulepack_schema()).iter_errors(data), key=lambda e: list(e.path)
    )
    if errors:
        e = errors[0]
        raise RuleError(
            f"{path}:{_line(root, list(e.path))}: {'/'.join(map(str, e.path)) or 'pack'}: {e.message}"
        )
    pack = Pack(name=str(data["pack"]), title=str(data.get("title") or data["pack"]), path=path,
                sha256=hashlib.sha256(text.encode()).hexdigest())  # fmt: skip
    for cid, c in (data.get("concepts") or {}).items():
        pack.concepts[cid] = Concept(
            id=cid, title=c["title"], reference=c["reference"], basis=c["basis"], verified=c.get("verified", False),
            headings=c["headings"], keywords=c["keywords"], min_words=c.get("min_words", 30),
        )  # fmt: skip
    for i, raw in enumerate(data["rules"]):
        source = f"{path}:{_line(root, ['rules', i])}"
        kind = KINDS.get(raw["kind"])
        if kind is None:
            raise RuleError(
                f"{source}: rule {raw['code']}: unknown kind {raw['kind']!r} (known: {', '.join(sorted(KINDS))})"
            )
        pack.rules.append(kind.from_yaml(raw, source))  # type: ignore[attr-defined]
    return pack


def _line(node: Any, path: list[Any]) -> int:
    """1-based line of the YAML node at ``path`` (the deepest one that exists)."""
    best = node.start_mark.line + 1 if node is not None else 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
        best = node.start_mark.line + 1
    return best


def load_packs(names: list[str]) -> list[Pack]:
    packs = [load_pack(p) for n in names for p in resolve(n)]
    seen: dict[str, str] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.code in seen:
                raise RuleError(
                    f"{rule.source}: rule code {rule.code} is already defined in {seen[rule.code]}"
                )
            seen[rule.code] = rule.source
    return packs
