"""A server builds every route and runs the authentication's statement before its first request
(main._warm_up): the first users do not wait for FastAPI to build a router's routes (about 0.1 s
each on first use, measured by bench/bench_stored_scores.py's first calls)."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from tests.helpers import World
from thidua.main import create_app


def _unbuilt(app: Any) -> list[str]:
    """Included routers whose routes FastAPI has not built yet (its private cache, checked here so
    that an upgrade that changes it fails loudly instead of silently bringing the wait back)."""
    from fastapi.routing import _IncludedRouter

    included = [r for r in app.router.routes if isinstance(r, _IncludedRouter)]
    assert included
    return [str(r.include_context.prefix) for r in included if r._effective_candidates_version is None]


@pytest.mark.parametrize("warm_up", [True, False])
def test_a_warmed_up_server_has_every_route_built_before_the_first_request(
    world: World, warm_up: bool
) -> None:
    app = create_app(world.settings.model_copy(update={"warm_up": warm_up}))
    statements: list[str] = []
    event.listen(app.state.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with TestClient(app) as client:
        assert (_unbuilt(app) == []) is warm_up
        # the statement that authenticates every request ran once (compiled, its tables read)
        assert any("FROM user_account" in s for s in statements) is warm_up
        me = client.get("/api/v1/auth/me", headers=world.headers("officer"))
        assert me.status_code == 200 and me.json()["login"] == "officer"
    app.state.engine.dispose()
