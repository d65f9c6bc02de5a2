"""Fixtures of the server-process tests: one migrated database of their own with the small commune of
tests/fixtures/process_commune.py, and two server processes on it; shared by the tests of this folder,
stopped after the last."""

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures.process_commune import CHUNK_GATE, CHUNK_PAUSE_SECONDS, JOB_THRESHOLD_BYTES, Commune, seed
from tests.fixtures.process_server import Server, fresh_database


@pytest.fixture(scope="package")
def commune() -> Iterator[Commune]:
    folder = Path(tempfile.mkdtemp(prefix="thidua-processes-"))
    try:
        with fresh_database(folder) as url:
            c = Commune(database_url=url, folder=folder)
            seed(c)
            yield c
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="package")
def servers(commune: Commune) -> Iterator[list[Server]]:
    """Two server processes on the commune's database (started together: each takes seconds)."""
    env = {
        "IMPORT_ASYNC_THRESHOLD_BYTES": str(JOB_THRESHOLD_BYTES),
        "IMPORT_CHUNK_PAUSE_SECONDS": str(CHUNK_PAUSE_SECONDS),
        "IMPORT_CHUNK_GATE": str(commune.folder / CHUNK_GATE),
    }
    pair = [Server(commune.database_url, commune.folder, env) for _ in range(2)]
    try:
        for server in pair:
            server.spawn()
        for server in pair:
            server.wait_ready()
        yield pair
    finally:
        for server in pair:
            server.stop()
