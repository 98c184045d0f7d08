"""The shape of the code (issue 11): the import graph of upstander/ has no cycles, the apps import only
the layers below them (the import-linter contract in pyproject.toml), and a function-level import
of our own code says why it is not at the top of its module."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]  # upstander/


def _strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph: each component of more than one module is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:  # iterative, so a long chain never hits the recursion limit
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def _one_loop(graph: grimp.ImportGraph, component: list[str]) -> str:
    """A shortest loop through the component's first module, as 'a -> b -> a' (with line numbers)."""
    first = component[0]
    for importer in sorted(graph.find_modules_that_directly_import(first)):
        if importer in component:
            chain = graph.find_shortest_chain(importer=first, imported=importer) or (first, importer)
            hops = [*chain, first]
            return (
                " -> ".join(
                    f"{a} (l.{graph.get_import_details(importer=a, imported=b)[0]['line_number']})"
                    if graph.get_import_details(importer=a, imported=b)
                    else a
                    for a, b in itertools.pairwise(hops)
                )
                + f" -> {first}"
            )
    return " <-> ".join(component)


def test_the_import_graph_of_upstander_has_no_cycles() -> None:
    # Every import counts: module level, inside functions, and under TYPE_CHECKING.
    graph = grimp.build_graph("upstander", cache_dir=None)
    cycles = _strongly_connected(graph)
    assert not cycles, "Import cycles in upstander/ (break each with a hook or a task; DESIGN.md):\n" + "\n".join(
        _one_loop(graph, component) for component in cycles
    )


def test_the_cycle_finder_names_a_loop() -> None:
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b", line_number=3, line_contents="from pkg import b")
    graph.add_import(importer="pkg.b", imported="pkg.a", line_number=7, line_contents="from pkg import a")
    graph.add_import(importer="pkg.c", imported="pkg.a", line_number=1, line_contents="from pkg import a")
    assert _strongly_connected(graph) == [["pkg.a", "pkg.b"]]
    assert _one_loop(graph, ["pkg.a", "pkg.b"]) == "pkg.a (l.3) -> pkg.b (l.7) -> pkg.a"


def test_each_app_imports_only_the_layers_below_it() -> None:
    # The contract and its few documented exceptions are in pyproject.toml, [tool.importlinter].
    assert lint_imports(config_filename=str(ROOT.parent / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def _function_imports_without_a_reason(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    missing = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        bodies = [node_body for node in ast.walk(function) for node_body in _bodies(node)]
        for body in bodies:
            block: list[ast.stmt] = []
            for statement in [*body, None]:
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    block.append(statement)
                    continue
                if block and any(_ours(s) for s in block):
                    first, last = block[0].lineno, block[-1].end_lineno or block[-1].lineno
                    said = any("#" in lines[n - 1] for n in range(first, last + 1))
                    said = said or (first > 1 and lines[first - 2].strip().startswith("#"))
                    if not said:
                        missing.append(f"{path.relative_to(ROOT)}:{first}")
                block = []
    return missing


def _bodies(node: ast.AST) -> list[list[ast.stmt]]:
    found = []
    for name in ("body", "orelse", "finalbody"):
        value = getattr(node, name, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            found.append(value)
    for handler in getattr(node, "handlers", []) or []:
        found.append(handler.body)
    return found


def _ours(statement: ast.Import | ast.ImportFrom) -> bool:
    names = [statement.module or ""] if isinstance(statement, ast.ImportFrom) else [a.name for a in statement.names]
    return any(name == "upstander" or name.startswith("upstander.") for name in names)


def test_an_import_inside_a_function_says_why_it_is_not_at_the_top() -> None:
    missing = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        test_code = "/tests/" in f"/{relative}" or path.name == "conftest.py" or path.name.startswith("test_")
        if test_code or "/migrations/" in f"/{relative}":
            continue
        missing += _function_imports_without_a_reason(path)
    assert not missing, "Imports of upstander inside functions with no comment saying why:\n" + "\n".join(missing)
