"""The audit trail: append-only through the API, and a password change audited without the hash.

That every write route leaves an event, and that the trail keeps no secret, is checked by the walk of
the authorization matrix (tests/security/test_authz_matrix.py: one module, so that the matrix's calls
are made once per worker).
"""

import json

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.conftest import PASSWORD
from tests.fixtures.authz_calls import api_routes
from tests.helpers import World, assert_problem
from thidua.audit.models import AuditEvent
from thidua.db import make_engine


def test_the_trail_is_append_only_through_the_api(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    client.patch(
        f"/api/v1/units/{world.units['THCS-A']}",
        headers={**admin, "If-Match": '"1"'},
        json={"address": "Thôn Đồng"},
    )
    events = client.get("/api/v1/audit-events", headers=admin).json()["items"]
    assert events, "the update above must have left an event"
    event_id = events[0]["id"]

    # The route table has one audit route, a read.
    audit_routes = {(r.method, r.path) for r in api_routes() if r.path.startswith("/audit-events")}
    assert audit_routes == {("GET", "/audit-events")}
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert_problem(client.request(method, "/api/v1/audit-events", headers=admin, json={}), 405)
        r = client.request(method, f"/api/v1/audit-events/{event_id}", headers=admin, json={"action": "x"})
        assert_problem(r, 404)
    assert client.get("/api/v1/audit-events", headers=admin).json()["items"] == events
    # Not even reading is open to everyone: the trail holds before/after states of personal records.
    for login in ("leader", "manager_a", "teacher_a", "integration"):
        assert_problem(client.get("/api/v1/audit-events", headers=world.headers(login)), 403)


def test_a_password_change_is_audited_without_the_hash(client: TestClient, world: World) -> None:
    new = "Mat-khau-moi-rat-dai-2026"
    r = client.post(
        "/api/v1/auth/password",
        headers=world.headers("teacher_a"),
        json={"current_password": PASSWORD, "new_password": new},
    )
    assert r.status_code == 204, r.text
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "change_password")).one()
    engine.dispose()
    assert (event.entity_type, event.entity_id) == ("user_account", world.users["teacher_a"].id)
    assert event.actor_login == "teacher_a"
    stored = json.dumps([event.before, event.after])
    assert "argon2" not in stored and new not in stored and PASSWORD not in stored
