"""The drift guard: after every API test, the stored scores equal a recomputation from the raw data.

A test that corrupts data on purpose (or writes around the services) opts out with
`@pytest.mark.scores_may_drift`."""

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from tests.helpers import World, engine_of
from thidua.core import tasks
from thidua.scoring import rescore
from thidua.scoring.sources import SOURCES


@pytest.fixture(autouse=True)
def stored_scores_match(request: pytest.FixtureRequest) -> Iterator[None]:
    if "world" not in request.fixturenames or request.node.get_closest_marker("scores_may_drift"):
        yield
        return
    # Asked for now, so the commune outlives this check (fixtures tear down in reverse order).
    world: World = request.getfixturevalue("world")
    yield
    assert SOURCES, "the computed-indicator sources are registered with the app"
    tasks.wait_idle()  # framework re-scores are jobs of the queue
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        found = list(rescore.differences(session))
    assert not found, "stored scores differ from a recomputation:\n" + "\n".join(found[:20])
