"""Every module imports on its own, first: an import cycle between domains (scoring ↔ plans ↔ reports)
otherwise only shows up for whoever happens to import in that order.

A few interpreters each take a share of the modules on import cycles (tests/fixtures/import_graph.py);
before each module every `thidua` module is forgotten, so it is imported first. Third-party libraries
stay loaded (they cannot hide a cycle between our modules), which keeps this seconds, not minutes."""

import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import thidua
from tests.conftest import is_postgres
from tests.fixtures.import_graph import module_graph, strongly_connected


def _modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(thidua.__path__, "thidua.") if ".migrations" not in m.name
    )


@pytest.mark.skipif(is_postgres(), reason="does not touch the database; runs in the SQLite pass")
def test_each_module_imports_first_without_a_cycle() -> None:
    # Only a module on an import cycle can fail when imported first (any other way into a cycle enters
    # it at one of its members), so those are the ones imported first here: seconds instead of a minute.
    graph = module_graph()
    assert set(_modules()) <= set(graph), "the graph misses modules Python sees"
    assert {"thidua.db", "thidua.config", "thidua.auth"} <= graph["thidua.main"]  # it reads imports
    modules = sorted(m for group in strongly_connected(graph) if len(group) > 1 for m in group)

    def load(names: list[str]) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", FIRST_IMPORTS, *names],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return [line for line in done.stdout.splitlines() if line]

    shares = [share for share in (modules[i::4] for i in range(4)) if share]
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [line for lines in pool.map(load, shares) for line in lines]
    assert failures == []


FIRST_IMPORTS = """
import importlib, sys, traceback
from sqlmodel import SQLModel
from sqlmodel.main import default_registry
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "thidua" or m.startswith("thidua.")]:
        del sys.modules[loaded]
    SQLModel.metadata.clear()  # our tables are defined again by the fresh modules
    default_registry.dispose()
    try:
        importlib.import_module(name)
    except Exception:
        print(name + ": " + traceback.format_exc(limit=3).replace(chr(10), " | "))
"""


def test_bulk_work_collects_garbage_less_often_and_gives_the_threshold_back() -> None:
    import gc

    from thidua.core.collector import fewer_collections

    usual = gc.get_threshold()
    seen: list[int] = []

    @fewer_collections()
    def work(fail: bool) -> None:
        seen.append(gc.get_threshold()[0])
        with fewer_collections():  # two imports (or re-scores) at once: the first to end keeps it raised
            seen.append(gc.get_threshold()[0])
        seen.append(gc.get_threshold()[0])
        if fail:
            raise ValueError("an import that fails")

    work(False)
    with pytest.raises(ValueError):
        work(True)
    assert seen == [50_000] * 6
    assert gc.get_threshold() == usual
