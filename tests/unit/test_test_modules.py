"""Test modules share their set-up through tests/fixtures/ (and tests/helpers.py, tests/conftest.py),
never by importing one another: a test module imported elsewhere drags its tests into another file's
namespace, and changing one test's set-up silently changes another file's."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SHARED = ("tests.fixtures", "tests.helpers", "tests.conftest")


def _imported(path: Path) -> list[str]:
    """Every module a file imports, relative ones written with their leading dots."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def _ours(name: str) -> bool:
    return name.startswith(".") or name == "tests" or name.startswith("tests.")


def _shared(name: str) -> bool:
    return any(name == s or name.startswith(s + ".") for s in SHARED)


def test_test_modules_import_only_the_shared_set_up() -> None:
    wrong = {
        str(path.relative_to(TESTS)): bad
        for path in sorted(TESTS.rglob("test_*.py"))
        if (bad := [n for n in _imported(path) if _ours(n) and not _shared(n)])
    }
    assert wrong == {}, f"move what these import into tests/fixtures/: {wrong}"


def test_no_module_imports_a_test_module() -> None:
    wrong = {
        str(path.relative_to(TESTS)): bad
        for path in sorted(TESTS.rglob("*.py"))
        if (bad := [n for n in _imported(path) if _ours(n) and n.rsplit(".", 1)[-1].startswith("test_")])
    }
    assert wrong == {}, f"these import a test module: {wrong}"
