"""No import circle between the modules of analysis/ (a stdlib AST walk; imports under TYPE_CHECKING do not run)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

from analysis import paths


def _module_name(path: Path) -> str:
    parts = path.relative_to(paths.PROJECT_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return (
        isinstance(node, ast.If) and isinstance(test, (ast.Name, ast.Attribute)) and "TYPE_CHECKING" in ast.dump(test)
    )


def _imported(tree: ast.AST, modules: set[str]) -> set[str]:
    """Our modules that ``tree`` imports anywhere (module level or inside a function)."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return found & modules


def import_graph() -> dict[str, set[str]]:
    """``{module: the analysis modules it imports}`` for every module of analysis/ (a package's own
    ``__init__`` is left out of its modules' edges: importing ``analysis.data.read`` runs it first anyway)."""
    files = {_module_name(p): p for p in paths.PACKAGE_DIR.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        imported = _imported(ast.parse(path.read_text(encoding="utf-8")), set(files))
        graph[name] = {m for m in imported if m != name and not name.startswith(m + ".")}
    return graph


def test_the_walk_sees_the_imports():
    graph = import_graph()
    assert "analysis.data.validate" in graph["analysis.data.dataset"]
    assert "analysis.schema" in graph["analysis.data.read"]


def test_no_import_circle_between_modules():
    try:
        list(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as err:
        raise AssertionError(f"import circle: {' -> '.join(err.args[1])}") from None
