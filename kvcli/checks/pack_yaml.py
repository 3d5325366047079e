"""Reading a rule pack's YAML with bounds, so a hostile pack is refused instead of hanging the run.

YAML aliases share one node, so a few kilobytes can stand for gigabytes ("billion laughs"): the
data is small in memory but anything that walks or prints it (jsonschema, ``str()``, ``re.compile``,
an error message) takes exponential time. Nesting depth and alias uses are counted while composing,
and the size the document would have with every alias copied out is measured on the composed graph
before a single Python object is built. The largest built-in pack is 17 KB and 828 nodes, without aliases.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

from ..errors import RuleError
from ..quoting import clip
from .pack_text import MAX_PACK_BYTES

MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_NODES = 100_000  # counted as if every alias were copied out
MAX_CHARS = 4 * MAX_PACK_BYTES  # scalar characters, counted the same way


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                self._refuse(f"more than {MAX_ALIASES:,} alias uses (*name)")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._refuse(f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _refuse(self, problem: str) -> None:
        raise ComposerError(None, None, problem, self.peek_event().start_mark)


# libyaml composes a pack ten times faster than PyYAML's Python parser (~150 ms for the built-in packs,
# at every run). Its composer recurses in C, so depth and aliases are counted on its event stream
# first, which libyaml produces iteratively, and only a bounded document is composed.
_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))


def _events(text: str) -> Iterator[yaml.Event]:
    return yaml.parse(text, Loader=yaml.CSafeLoader)  # type: ignore[no-any-return]


def _refused(problem: str, mark: Any) -> ComposerError:
    return ComposerError(None, None, problem, mark)


_NODE_EVENTS = (yaml.AliasEvent, yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_OPEN_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _prescan(text: str) -> None:
    """The bounds _BoundedLoader enforces while composing, checked on the events before composing."""
    depth = aliases = 0
    try:
        events = list(_events(text))
    except yaml.YAMLError as exc:
        # libyaml's own cap on nesting, reached while it scans ahead: the same refusal, in kvcli's words.
        if "nesting depth" in str(getattr(exc, "problem", "")):
            raise _refused(f"nested more than {MAX_DEPTH} levels deep", getattr(exc, "problem_mark", None)) from None
        raise
    for event in events:
        if isinstance(event, _CLOSE_EVENTS):
            depth -= 1
            continue
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _refused(f"more than {MAX_ALIASES:,} alias uses (*name)", event.start_mark)
        if isinstance(event, _NODE_EVENTS) and depth + 1 > MAX_DEPTH:
            raise _refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        if isinstance(event, _OPEN_EVENTS):
            depth += 1


def load_yaml(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    """(composed root node, for line numbers; the data). Errors name the file and line."""
    loader: yaml.SafeLoader | yaml.CSafeLoader
    try:
        if _LIBYAML:
            _prescan(text)
            loader = yaml.CSafeLoader(text)
        else:
            loader = _BoundedLoader(text)
    except yaml.YAMLError as exc:
        raise RuleError(_yaml_error(path, exc)) from None
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_expansion(root)
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise RuleError(_yaml_error(path, exc)) from None
    except RecursionError:
        raise RuleError(f"{path}: invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return root, data


def _yaml_error(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
    return f"{where}: invalid YAML: {clip(str(getattr(exc, 'problem', None) or exc))}"


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a graph whose alias-expanded size or depth is over the caps, or that contains itself.

    Memoised on node identity, so each node is measured once; the recursion follows the composed
    tree (an alias's target comes earlier in the document, so it is measured already), whose depth
    the loader capped.
    """
    sizes: dict[int, tuple[int, int, int]] = {}
    open_nodes: set[int] = set()

    def measure(node: yaml.Node) -> tuple[int, int, int]:  # (values, scalar characters, depth)
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise ComposerError(None, None, "an alias refers to a node that contains it", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            result = (1, len(node.value), 1)
        else:
            open_nodes.add(key)
            children = (
                [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
            )
            nodes, chars, depth = 1, 0, 1
            for child in children:
                n, c, d = measure(child)
                nodes, chars, depth = nodes + n, chars + c, max(depth, d + 1)
                if nodes > MAX_NODES or chars > MAX_CHARS or depth > MAX_DEPTH:
                    raise ComposerError(
                        None, None,
                        f"over {MAX_NODES:,} values, {MAX_CHARS:,} characters or {MAX_DEPTH} levels once "
                        "aliases are expanded (an alias bomb?)", child.start_mark,
                    )  # fmt: skip
            open_nodes.discard(key)
            result = (nodes, chars, depth)
        sizes[key] = result
        return result

    measure(root)
