"""Every module imports on its own, first, in a fresh interpreter: an import cycle between domains
(scoring ↔ plans ↔ reports) otherwise only shows up for whoever happens to import in that order."""

import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import thidua
from tests.conftest import is_postgres


def _modules() -> list[str]:
    return sorted(
        m.name for m in pkgutil.walk_packages(thidua.__path__, "thidua.") if ".migrations" not in m.name
    )


@pytest.mark.skipif(is_postgres(), reason="does not touch the database; runs in the SQLite pass")
def test_each_module_imports_first_without_a_cycle() -> None:
    modules = _modules()
    assert len(modules) > 20

    def load(name: str) -> tuple[str, int, str]:
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=120, check=False
        )
        return name, done.returncode, done.stderr[-400:]

    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [(n, err) for n, code, err in pool.map(load, modules) if code != 0]
    assert failures == []
