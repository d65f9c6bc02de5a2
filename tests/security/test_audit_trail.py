"""The audit trail: append-only through the API, and an event for every write of every resource.

The walk reuses the authorization matrix's run (tests/fixtures/authz_calls.py): every write route
(POST, PUT, PATCH, DELETE) is called there as every role, and each call that succeeds on the caller's
own object (or on no object) is checked to have added at least one audit event in the same request.
"""

import json

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.conftest import PASSWORD
from tests.fixtures.authz_calls import MatrixRun, api_routes, run_matrix
from tests.helpers import World, assert_problem
from thidua.audit.models import AuditEvent
from thidua.config import Settings
from thidua.db import make_engine

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Write routes that change nothing of the commune's data, so leave no event, and why.
NOT_AUDITED = {
    "auth_login": "signing in changes no data; failed attempts go to the login throttle, not the trail",
    "nominations_check_eligibility": "a computation read by POST: evaluates the award rules, stores nothing",
}
# Audited, but the matrix cannot afford a successful call (password hashing): tested below.
AUDITED_BELOW = {"auth_change_password": "test_a_password_change_is_audited_without_the_hash"}
SECRET_KEYS = {"password_hash", "secret_hash", "secret", "token_version"}


@pytest.fixture(scope="module")
def run(migrated: Settings, password_hash: str) -> MatrixRun:
    return run_matrix(migrated, password_hash)


def test_every_write_route_leaves_an_audit_event(run: MatrixRun) -> None:
    writes = sorted({r.name for r in api_routes() if r.method in WRITES})
    assert set(NOT_AUDITED) | set(AUDITED_BELOW) <= set(writes), "exclusions for routes that no longer exist"
    walked = [name for name in writes if name not in NOT_AUDITED and name not in AUDITED_BELOW]
    silent, never_succeeded = [], []
    for name in walked:
        # Another school's object is only reachable by commune roles, the same calls as on their own.
        done = [c for c in run.calls if c.route.name == name and c.scope != "other" and c.status < 300]
        if not done:
            never_succeeded.append(name)
        silent += [f"{name} [{c.scope}] as {c.role}: {c.status}" for c in done if c.audit_events == 0]
    assert not never_succeeded, (
        f"no role could call {never_succeeded}: give them a valid case in tests/fixtures/authz_calls.py"
    )
    assert not silent, "writes that left no audit event:\n" + "\n".join(silent)
    print(f"\naudit walk: {len(walked)} write routes audited of {len(writes)}; {len(NOT_AUDITED)} excluded")


def test_the_trail_keeps_no_secret(run: MatrixRun) -> None:
    """Users, API keys and webhook subscriptions were created while building the commune."""
    kinds = {e["entity_type"] for e in run.seed_events}
    assert {"api_key", "webhook_subscription", "unit", "staff_member"} <= kinds, kinds
    for event in run.seed_events:
        for state in (event["before"], event["after"]):
            assert not SECRET_KEYS & set(state or {}), event


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
