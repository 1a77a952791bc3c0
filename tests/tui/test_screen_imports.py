"""The screens reach one another through tui/navigation.py only: no screen module imports another (a
nested import counts, and so does one for the type checker alone), and the runtime imports of the whole
`tui` package form no cycle. Read from the source with `ast`, nothing imported."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"
SCREENS = TUI / "screens"
SHARED = {"tui.screens.base"}  # what every screen is built on: not a screen


def module_name(path: Path) -> str:
    parts = path.relative_to(TUI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolved(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")[: len(importer.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported(path: Path, *, runtime_only: bool = False) -> set[str]:
    return imports_of(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py",
                      runtime_only=runtime_only)


def imports_of(source: str, importer: str, is_package: bool = False, *, runtime_only: bool = False) -> set[str]:
    """Every module `source` imports, anywhere in it (function bodies too); `from a import b` names both
    a and a.b, since b may be a module. With `runtime_only`, imports under `if TYPE_CHECKING:` are left out."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _resolved(node, importer, is_package)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def screen_modules() -> dict[str, Path]:
    return {module_name(path): path for path in SCREENS.glob("*.py") if path.name != "__init__.py"}


def test_no_screen_module_imports_another() -> None:
    screens = screen_modules()
    assert "tui.screens.cart" in screens and "tui.screens.login" in screens  # the walk found the screens
    crossings = {
        name: sorted(other for other in imported(path) if other in screens and other not in SHARED | {name})
        for name, path in screens.items()
    }
    assert {name: found for name, found in crossings.items() if found} == {}


def test_the_checks_see_the_old_shapes() -> None:
    """What the tests above would catch: a nested import of another screen inside an action (the old
    shape), one for the type checker alone, and a cycle."""
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .receipt import ReceiptScreen\n"
              "def action_orders(self):\n    from tui.screens.orders import OrdersScreen\n")
    assert {"tui.screens.orders", "tui.screens.receipt"} <= imports_of(source, "tui.screens.cart")
    assert "tui.screens.receipt" not in imports_of(source, "tui.screens.cart", runtime_only=True)
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_tui_package_has_no_import_cycle() -> None:
    modules = {module_name(path): path for path in TUI.rglob("*.py")}
    graph = {name: {other for other in imported(path, runtime_only=True) if other in modules and other != name}
             for name, path in modules.items()}
    assert graph["tui.app"] and graph["tui.screens.cart"]  # the graph has edges to walk
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the directed graph, as the path that closes it, or None (iterative depth-first search)."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        path.append(start)
        on_path.add(start)
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
                continue
            nxt = pending.pop()
            if nxt in on_path:
                return [*path[path.index(nxt):], nxt]
            if nxt not in done:
                stack.append((nxt, sorted(graph[nxt])))
                path.append(nxt)
                on_path.add(nxt)
    return None
