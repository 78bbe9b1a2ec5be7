"""The form walker reads top-down: its modules import each other in a hierarchy, never a loop.

A cycle (even one only for type checking) means a reader cannot learn one module before the
next; the rows below are the order handlers/forms/__init__.py describes.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "handlers.forms"
FORMS = Path(__file__).resolve().parents[2] / "handlers" / "forms"
ROWS = [
    {"cursor", "values", "entry", "web"},
    {"session"},
    {"pages", "render", "discard"},
    {"summary"},
    {"screens"},
    {"steps"},
    {"files", "groups"},
    {"flow"},
]


def _modules() -> set[str]:
    return {p.stem for p in FORMS.glob("*.py") if p.stem != "__init__"}


def _imports(name: str) -> set[str]:
    """The walker's modules `name` imports, TYPE_CHECKING imports included; the package itself
    counts as its facade (`__init__`)."""
    modules = _modules()
    found: set[str] = set()
    tree = ast.parse((FORMS / f"{name}.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE):
            rest = node.module.removeprefix(PACKAGE).lstrip(".")
            named = {a.name for a in node.names} & modules if not rest else set()
            found |= {rest} if rest else (named or {"__init__"})
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix(PACKAGE + ".")
                for a in node.names
                if a.name.startswith(PACKAGE)
            }
    return found - {name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `graph`, as the path that closes it, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_walker_modules_import_each_other_without_a_cycle() -> None:
    graph = {name: _imports(name) for name in _modules()}
    assert _cycle(graph) is None, " → ".join(_cycle(graph) or [])


def test_each_module_imports_only_from_the_rows_above_it() -> None:
    row_of = {name: n for n, row in enumerate(ROWS) for name in row}
    assert set(row_of) == _modules(), "a new module of the walker needs its row here"
    upward = [
        f"{name} (row {row_of[name] + 1}) imports {target}"
        for name in sorted(row_of)
        for target in sorted(_imports(name))
        if target == "__init__" or row_of[target] >= row_of[name]
    ]
    assert upward == []


def test_the_cycle_finder_finds_a_type_only_loop() -> None:
    """The check above would pass vacuously if it could not see a loop like the old one."""
    assert _cycle({"session": {"flow"}, "flow": {"session", "steps"}, "steps": set()}) in (
        ["flow", "session", "flow"],
        ["session", "flow", "session"],
    )
