"""Rule packs: YAML files describing concepts and rules, validated at load time.

A broken pack is refused with the file and line of the problem ("rules/x.yaml:42: …"),
never half-loaded. Built-in packs ship in the package (``kvcli/rulepacks/``, read with
importlib.resources); a municipality adds its own (``rules/`` holds an example) with
``--rules`` or the ``rules`` setting in ``kvcli.toml`` / ``[tool.kvcli]``.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import RuleError
from ..quoting import clip, quote
from ..schema import rulepack_schema
from . import pack_memo
from .base import Rule
from .concepts import Concept
from .kinds import KINDS
from .pack_text import read_pack_text

if TYPE_CHECKING:
    import jsonschema


@dataclass
class Pack:
    name: str
    title: str
    path: Path
    sha256: str
    concepts: dict[str, Concept] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)
    evidence: dict[str, dict[str, str]] = field(default_factory=dict)  # how concept evidence is put in words
    extends: str | None = None  # the pack this one builds on, loaded before it
    document_types: list[re.Pattern[str]] = field(default_factory=list)  # report titles this profile is for


def builtin_packs() -> dict[str, Path]:
    """The packs that ship in the package (``kvcli/rulepacks/*.yaml``, package data), by name."""
    folder = resources.files("kvcli").joinpath("rulepacks")
    return {Path(t.name).stem: Path(str(t)) for t in sorted(folder.iterdir(), key=lambda t: t.name)
            if t.name.endswith(".yaml")}  # fmt: skip


DEFAULT_PROFILE = "sosfs-2011-9"
AUTO = "auto"  # the profile chosen per report from its document type (``Pack.document_types``)


def resolve(name_or_path: str) -> list[Path]:
    """A pack name, a YAML file, or a directory of YAML files; ``auto`` is the default profile."""
    packs = builtin_packs()
    if name_or_path == AUTO:
        name_or_path = DEFAULT_PROFILE
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
    raise RuleError(f"{clip(name_or_path)}: no such rule pack (built-in packs: {', '.join(packs)})")


def load_pack(path: Path) -> Pack:
    text = read_pack_text(path)
    known = pack_memo.recall(text)
    if known is not None:
        data, rule_lines = known
        return _build(path, text, None, data, rule_lines)
    root, data = _read_checked(path, text)
    rule_lines = [_line(root, ["rules", i]) for i in range(len(data["rules"]))]
    pack = _build(path, text, root, data, rule_lines)
    pack_memo.remember(text, data, rule_lines)
    return pack


def _read_checked(path: Path, text: str) -> tuple[Any, dict[str, Any]]:
    """(YAML root node, data) of a pack that is well-formed and valid, else a RuleError naming the line."""
    from .pack_yaml import load_yaml

    root, data = load_yaml(path, text)
    if not isinstance(data, dict):
        raise RuleError(f"{path}:1: a rule pack is a mapping with 'pack' and 'rules'")
    _check_values(path, root, data)
    _validate(path, root, data)
    return root, data


def _build(path: Path, text: str, root: Any, data: dict[str, Any], rule_lines: list[int]) -> Pack:
    """The pack from its data; ``root`` gives the lines of errors (None for a pack that loaded before, whose
    data can raise none)."""
    pack = Pack(name=str(data["pack"]), title=str(data.get("title") or data["pack"]), path=path,
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                evidence={str(k): {str(lang): str(t) for lang, t in v.items()} for k, v in (data.get("evidence") or {}).items()})  # fmt: skip
    for cid, c in (data.get("concepts") or {}).items():
        titles = c["title"] if isinstance(c["title"], dict) else {"sv": c["title"]}
        pack.concepts[cid] = Concept(
            id=cid, title=titles["sv"], reference=c["reference"], basis=c["basis"], verified=c.get("verified", False),
            headings=c["headings"], keywords=c["keywords"], min_words=c.get("min_words", 30), titles=dict(titles),
            ask=dict(c.get("ask") or {}), severity=dict(c.get("severity") or {}), outcome=c.get("outcome", False),
        )  # fmt: skip
    if data.get("extends"):
        base = str(data["extends"])
        pack.extends = base if base in builtin_packs() else str(path.parent / base)
    for j, pattern in enumerate((data.get("profile") or {}).get("document_types") or []):
        try:
            pack.document_types.append(re.compile(pattern, re.I))
        except (re.error, RecursionError, OverflowError) as exc:
            where = f"{path}:{_line(root, ['profile', 'document_types', j])}"
            raise RuleError(f"{where}: document type {quote(pattern, 80)} is not a regular expression: {exc}") from None
    for i, raw in enumerate(data["rules"]):
        source = f"{path}:{rule_lines[i]}"
        kind = KINDS.get(raw["kind"])
        if kind is None:
            raise RuleError(f"{source}: rule {raw['code']}: unknown kind {quote(raw['kind'], 60)} "
                            f"(known: {', '.join(sorted(KINDS))})")  # fmt: skip
        _check_patterns(path, root, i, raw)
        try:
            rule = kind.from_yaml(raw, source)  # type: ignore[attr-defined]
        except RuleError as exc:  # kinds quote values from the pack: keep the line short
            raise RuleError(clip(str(exc), 400)) from None
        except (ValueError, TypeError, KeyError) as exc:
            raise RuleError(f"{source}: rule {raw['code']}: invalid rule: {clip(str(exc))}") from None
        pack.rules.append(rule)
    return pack


def _validate(path: Path, root: Any, data: Any) -> None:
    """The pack against the rule-pack JSON Schema (once per pack text: see ``pack_memo``)."""
    import jsonschema

    errors = sorted(
        jsonschema.Draft202012Validator(rulepack_schema()).iter_errors(data), key=lambda e: list(e.path)
    )
    if errors:
        e = errors[0]
        where = clip("/".join(map(str, e.path)) or "pack", 80)
        raise RuleError(f"{path}:{_line(root, list(e.path))}: {where}: {_schema_message(e)}")


def _schema_message(e: jsonschema.ValidationError) -> str:
    """jsonschema's message starts with the whole offending value: quote a bounded part of it instead."""
    message, value = e.message, repr(e.instance)
    if message.startswith(value):
        message = quote(e.instance, 60) + message[len(value):]
    if e.validator == "maxLength":
        message += f" (at most {e.validator_value} characters)"
    return clip(message)


def _check_values(path: Path, root: Any, data: Any) -> None:
    """Refuse what YAML allows and JSON Schema cannot see: .nan/.inf numbers and keys that are not text."""
    stack: list[tuple[Any, list[Any]]] = [(data, [])]
    while stack:  # the loader capped the expanded size, so this walk is bounded
        value, at = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            where = clip("/".join(map(str, at)), 80)
            raise RuleError(f"{path}:{_line(root, at)}: {where}: {value} is not a usable number")
        if isinstance(value, dict):
            for k, v in value.items():
                if not isinstance(k, str):
                    raise RuleError(f"{path}:{_line(root, at)}: keys must be text, not {quote(k, 60)}")
                stack.append((v, [*at, k]))
        elif isinstance(value, list):
            stack.extend((v, [*at, j]) for j, v in enumerate(value))


def _check_patterns(path: Path, root: Any, index: int, raw: dict[str, Any]) -> None:
    """A rule's regular expressions compile, each error naming the pattern's own line."""
    for j, pattern in enumerate(raw.get("patterns") or []):
        where = f"{path}:{_line(root, ['rules', index, 'patterns', j])}: rule {raw['code']}"
        try:
            re.compile(pattern)  # the schema made it a string of bounded length; re caches the result
        except (re.error, RecursionError, OverflowError) as exc:
            raise RuleError(f"{where}: pattern {quote(pattern, 80)} is not a regular expression: {exc}") from None


def _line(node: Any, path: list[Any]) -> int:
    """1-based line of the YAML node at ``path`` (the deepest one that exists)."""
    if node is None:
        return 1
    import yaml  # a node exists only when the YAML was read, so this import is already done

    best = node.start_mark.line + 1
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
    """The packs named, each after the packs it ``extends`` (each pack once, however often named)."""
    packs: list[Pack] = []
    seen_paths: set[Path] = set()

    def add(name: str, chain: tuple[Path, ...]) -> None:
        for path in resolve(name):
            real = path.resolve()
            if real in chain:
                raise RuleError(
                    f"{path}: 'extends' makes a cycle: {' → '.join(str(p) for p in (*chain, real))}"
                )
            if real in seen_paths:
                continue
            pack = load_pack(path)
            if pack.extends:
                add(pack.extends, (*chain, real))
            if real not in seen_paths:
                seen_paths.add(real)
                packs.append(pack)

    for n in names:
        add(n, ())
    seen: dict[str, str] = {}
    for pack in packs:  # a code defined twice would make --select and the baseline ambiguous
        for rule in pack.rules:
            if rule.code in seen:
                raise RuleError(
                    f"{rule.source}: rule code {rule.code} is already defined in {seen[rule.code]}"
                )
            seen[rule.code] = rule.source
    return packs
