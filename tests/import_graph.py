"""The import graph of `thidua` between its top-level packages (one per domain), read from the source.

Every import counts, also one inside a function: a deferred import is still a dependency, only a
hidden one. `python -m tests.import_graph` prints the strongly connected groups (packages that all
reach one another through imports); tests/unit/test_layers.py keeps them from growing back.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "backend" / "thidua"

Graph = dict[str, set[str]]


def _top(relative: Path) -> str:
    """The top-level package (domain) of a file, or the module name for a top-level module."""
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imported(node: ast.AST, relative: Path) -> Iterator[str]:
    """The `thidua` modules an import statement names, as dotted paths below `thidua`."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name.startswith("thidua."):
                yield alias.name.removeprefix("thidua.")
    elif isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against the file's own package
            base = list(relative.parent.parts)[: len(relative.parent.parts) - (node.level - 1)]
            module = ".".join([*base, *([node.module] if node.module else [])])
        elif node.module == "thidua":
            module = ""
        elif node.module and node.module.startswith("thidua."):
            module = node.module.removeprefix("thidua.")
        else:
            return
        for alias in node.names:
            yield f"{module}.{alias.name}" if module else alias.name


def module_imports(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module (path relative to the package) with the `thidua` modules it imports."""
    found: dict[str, set[str]] = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found[relative.as_posix()] = {m for node in ast.walk(tree) for m in _imported(node, relative)}
    return found


def package_graph(package: Path = PACKAGE) -> Graph:
    """Top-level package → the other top-level packages it imports."""
    graph: Graph = {}
    for relative, modules in module_imports(package).items():
        source = _top(Path(relative))
        targets = graph.setdefault(source, set())
        targets.update(m.split(".")[0] for m in modules if m.split(".")[0] != source)
    for targets in list(graph.values()):
        for target in targets:
            graph.setdefault(target, set())
    return graph


def strongly_connected(graph: Graph) -> list[set[str]]:
    """The strongly connected components of `graph` (Tarjan's algorithm, iterative), largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return sorted(components, key=lambda c: (-len(c), sorted(c)))


def reaches(graph: Graph, start: str) -> set[str]:
    """Every package `start` depends on, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), set()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


if __name__ == "__main__":
    graph = package_graph()
    groups = [c for c in strongly_connected(graph) if len(c) > 1]
    print(f"{len(graph)} top-level packages and modules, {sum(map(len, graph.values()))} edges")
    for group in groups:
        print(f"strongly connected group of {len(group)}: {', '.join(sorted(group))}")
    print(f"scoring imports: {', '.join(sorted(graph.get('scoring', set()))) or '-'}")
    print(f"scoring depends on (transitively): {', '.join(sorted(reaches(graph, 'scoring'))) or '-'}")
