"""The pipeline's layers point one way, as the folder names say: a test over the import graph.

Every ``import`` in kvcli/ counts, at module level or inside a function (a lazy import is still a
dependency), except those under ``if TYPE_CHECKING:`` (annotations only, never run):
readers → structure → figures → checks → compare → output → api → cli.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "kvcli"


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for t in targets:
                if t.startswith("kvcli"):
                    while t and t not in modules:  # "kvcli.api.parse" → the module kvcli.api
                        t = t.rsplit(".", 1)[0] if "." in t else ""
                    if t and t != name:
                        graph[name].add(t)
    return graph


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        out.append(node)
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                todo += child.orelse
                continue
            todo.append(child)
    return out


GRAPH = _graph()


def _imports(prefix: str) -> dict[str, set[str]]:
    return {m: deps for m, deps in GRAPH.items() if m == prefix or m.startswith(prefix + ".")}


def _outside(deps: set[str], allowed: tuple[str, ...]) -> set[str]:
    return {d for d in deps if not any(d == a or d.startswith(a + ".") for a in allowed)}


def test_no_import_cycles() -> None:
    # Package __init__ re-exports are edges too; a cycle anywhere is a layer pointing back up.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(GRAPH.get(m, ())):
            if d.startswith(m + "."):
                continue  # a package importing its own submodules is its table of contents, not a cycle
            if state.get(d) == 1 and not m.startswith(d + "."):
                raise AssertionError("import cycle: " + " → ".join(stack[stack.index(d):] + [d]))
            if d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)


BASE = ("kvcli.model", "kvcli.errors", "kvcli.limits", "kvcli.numbers", "kvcli.privacy", "kvcli.quoting",
        "kvcli.atomic", "kvcli.schema", "kvcli.config", "kvcli.small_files", "kvcli.cache_dir")  # fmt: skip


def test_readers_import_nothing_above_them() -> None:
    for m, deps in _imports("kvcli.readers").items():
        assert not _outside(deps, ("kvcli.readers", *BASE)), (m, _outside(deps, ("kvcli.readers", *BASE)))


def test_structure_and_figures_sit_on_the_readers() -> None:
    allowed = ("kvcli.structure", "kvcli.readers", *BASE)
    for m, deps in _imports("kvcli.structure").items():
        assert not _outside(deps, allowed), (m, _outside(deps, allowed))
    # kvcli.figures is a package (tables and inline runs, prose): its modules may use each other.
    for m, deps in _imports("kvcli.figures").items():
        assert not _outside(deps, (*allowed, "kvcli.figures")), (m, _outside(deps, (*allowed, "kvcli.figures")))


def test_checks_do_not_import_the_api_or_anything_above() -> None:
    allowed = ("kvcli.checks", "kvcli.structure", "kvcli.readers", "kvcli.figures", *BASE)
    for m, deps in _imports("kvcli.checks").items():
        assert not _outside(deps, allowed), (m, _outside(deps, allowed))


def test_compare_does_not_reach_output_or_the_api() -> None:
    allowed = ("kvcli.compare", "kvcli.structure", *BASE)
    for m, deps in _imports("kvcli.compare").items():
        assert not _outside(deps, allowed), (m, _outside(deps, allowed))


def test_cli_imports_only_the_api_the_output_and_itself() -> None:
    allowed = ("kvcli.api", "kvcli.output", "kvcli.cli", "kvcli")
    for m, deps in _imports("kvcli.cli").items():
        bad = {d for d in _outside(deps, allowed[:3]) if d != "kvcli"}
        assert not bad, (m, bad)


def test_nothing_below_the_api_imports_it() -> None:
    for m, deps in GRAPH.items():
        if m.startswith(("kvcli.cli", "kvcli.api")) or m == "kvcli":
            continue
        assert "kvcli.api" not in deps, m
