"""API keys of service accounts: issued by the administrator and shown once, sent as a Bearer token or
X-API-Key; scopes refuse what they do not name (403), revoked and expired keys fail at once (401), a
unit scope hides other units (404), and requests per minute are limited (429 with Retry-After)."""

import threading
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.fixtures.api_keys import issue
from tests.helpers import World, assert_problem
from thidua.apikeys.models import ApiKey
from thidua.audit.models import AuditEvent
from thidua.core.models import utcnow
from thidua.core.ratelimit import RateCount, RateLimiter
from thidua.db import make_engine
from thidua.main import create_app


def test_the_secret_is_shown_once_and_stored_hashed(client: TestClient, world: World) -> None:
    created = issue(client, world, ["staff:read"])
    secret = created["secret"]
    assert secret.startswith("tds_" + created["prefix"]) and created["status"] == "active"
    shown = client.get(f"/api/v1/api-keys/{created['id']}", headers=world.headers("admin")).json()
    assert "secret" not in shown and shown["service_account_login"] == "integration"
    with Session(make_engine(world.settings.resolved_database_url)) as session:
        stored = session.exec(select(ApiKey)).one()
        assert secret not in stored.secret_hash and len(stored.secret_hash) == 64
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_type == "api_key")).all()
        assert events and all("secret_hash" not in (e.after or {}) for e in events)
    # Only the administrator manages keys.
    assert client.get("/api/v1/api-keys", headers=world.headers("officer")).status_code == 403
    r = client.get("/api/v1/api-keys", headers={"X-API-Key": secret})
    assert r.status_code == 403


def test_bad_key_requests_are_refused_with_paths(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    body = {
        "name": "x",
        "service_account_id": world.users["officer"].id,
        "scopes": ["staff:read", "staff:delete_all"],
    }
    problem = assert_problem(client.post("/api/v1/api-keys", json=body, headers=admin), 422)
    paths = {e["path"] for e in problem["errors"]}
    assert "body.service_account_id" in paths and any(p.startswith("body.scopes.1") for p in paths)
    body = {"name": "x", "service_account_id": world.users["integration"].id, "scopes": ["nominations:read"]}
    assert_problem(client.post("/api/v1/api-keys", json=body, headers=admin), 422, "body.scopes.0")
    past = (utcnow() - timedelta(days=1)).isoformat()
    body = {
        "name": "x",
        "service_account_id": world.users["integration"].id,
        "scopes": ["staff:read"],
        "expires_at": past,
    }
    assert_problem(client.post("/api/v1/api-keys", json=body, headers=admin), 422, "body.expires_at")


def test_both_headers_work_and_scopes_are_enforced(client: TestClient, world: World) -> None:
    secret = issue(client, world, ["staff:read", "units:read"])["secret"]
    for headers in ({"Authorization": f"Bearer {secret}"}, {"X-API-Key": secret}):
        assert client.get("/api/v1/staff", headers=headers).status_code == 200
    # A scope it lacks: 403, not a silent success.
    new_staff = {"code": "A-99", "full_name": "Đỗ Văn Mới", "unit_id": world.units["THCS-A"]}
    assert_problem(client.post("/api/v1/staff", json=new_staff, headers={"X-API-Key": secret}), 403)
    assert_problem(client.get("/api/v1/plans", headers={"X-API-Key": secret}), 403)
    me = client.get("/api/v1/auth/me", headers={"X-API-Key": secret}).json()
    assert set(me["permissions"]) == {"staff:read", "units:read", "exports:run"}
    # A write made with a key is audited under the service account.
    writer = issue(client, world, ["staff:write", "staff:read"])["secret"]
    assert client.post("/api/v1/staff", json=new_staff, headers={"X-API-Key": writer}).status_code == 201
    with Session(make_engine(world.settings.resolved_database_url)) as session:
        event = session.exec(select(AuditEvent).where(AuditEvent.entity_type == "staff_member")).one()
        assert event.actor_login == "integration"


def test_revoked_expired_and_unknown_keys_are_401(client: TestClient, world: World) -> None:
    created = issue(client, world, ["staff:read"])
    key = {"X-API-Key": created["secret"]}
    assert client.get("/api/v1/staff", headers=key).status_code == 200
    revoke = client.post(
        f"/api/v1/api-keys/{created['id']}/revoke",
        headers={**world.headers("admin"), "If-Match": f'"{created["version"]}"'},
    )
    assert revoke.status_code == 200 and revoke.json()["status"] == "revoked"
    assert_problem(client.get("/api/v1/staff", headers=key), 401)

    soon = issue(client, world, ["staff:read"], expires_at=(utcnow() + timedelta(hours=1)).isoformat())
    with Session(make_engine(world.settings.resolved_database_url)) as session:
        row = session.get(ApiKey, soon["id"])
        assert row is not None and row.last_used_at is None
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
        session.commit()
    assert_problem(client.get("/api/v1/staff", headers={"X-API-Key": soon["secret"]}), 401)
    assert_problem(client.get("/api/v1/staff", headers={"X-API-Key": soon["secret"][:-2] + "xx"}), 401)
    assert_problem(client.get("/api/v1/staff", headers={"Authorization": "Bearer tds_" + "0" * 300}), 401)


def test_a_unit_scoped_key_sees_only_its_unit(client: TestClient, world: World) -> None:
    secret = issue(client, world, ["staff:read", "units:read"], unit_id=world.units["THCS-A"])["secret"]
    key = {"X-API-Key": secret}
    codes = {s["code"] for s in client.get("/api/v1/staff", headers=key).json()["items"]}
    assert codes == {"A-01", "A-02"}
    assert client.get(f"/api/v1/staff/{world.staff['B-01']}", headers=key).status_code == 404
    assert client.get(f"/api/v1/staff/{world.staff['A-02']}", headers=key).status_code == 200


def test_requests_per_minute_are_limited(world: World) -> None:
    app = create_app(world.settings.model_copy(update={"rate_limit_per_minute": 3}))
    with TestClient(app, raise_server_exceptions=False) as client:
        secret = issue(client, world, ["staff:read"])["secret"]
        for _ in range(3):
            assert client.get("/api/v1/staff", headers={"X-API-Key": secret}).status_code == 200
        limited = client.get("/api/v1/staff", headers={"X-API-Key": secret})
        assert_problem(limited, 429)
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        # Users are counted on their own.
        assert client.get("/api/v1/staff", headers=world.headers("officer")).status_code == 200
    app.state.engine.dispose()


def test_the_rate_limit_holds_across_server_processes(world: World) -> None:
    """Each app has its own engine, as each uvicorn process has: the count is the database's."""
    settings = world.settings.model_copy(update={"rate_limit_per_minute": 3})
    first, second = create_app(settings), create_app(settings)
    with TestClient(first) as a, TestClient(second) as b:
        secret = issue(a, world, ["staff:read"])["secret"]
        key = {"X-API-Key": secret}
        # Near the end of a minute the window may turn over mid-test: then the count starts again.
        if time.time() % 60 > 55:
            time.sleep(60 - time.time() % 60 + 0.5)
        assert [a.get("/api/v1/staff", headers=key).status_code for _ in range(2)] == [200, 200]
        assert b.get("/api/v1/staff", headers=key).status_code == 200
        assert_problem(b.get("/api/v1/staff", headers=key), 429)
        assert_problem(a.get("/api/v1/staff", headers=key), 429)
    first.state.engine.dispose()
    second.state.engine.dispose()


def test_reads_do_not_wait_for_another_writer_to_count_them(client: TestClient, world: World) -> None:
    """SQLite lets one transaction write at a time, and an import's holds the lock for as long as the
    import runs. Reading a page must not wait behind it just to be counted (a user's token) or to note
    a key's last use (an integrator's key): that bookkeeping gives up after a moment and the request
    goes on. Every page without a path parameter is read while another transaction holds the lock."""
    engine = make_engine(world.settings.resolved_database_url)
    if engine.dialect.name != "sqlite":
        engine.dispose()
        pytest.skip("PostgreSQL writers do not lock each other out of other rows")
    secret = issue(client, world, ["staff:read"])["secret"]
    pages = sorted(p for p, ops in client.app.openapi()["paths"].items() if "get" in ops and "{" not in p)
    key, officer = {"X-API-Key": secret}, world.headers("officer")
    reads = [("key", "/api/v1/staff", key)] + [("officer", p, officer) for p in pages]
    answers: dict[str, int] = {}
    held_up: list[str] = []

    def read(who: str, path: str, headers: dict[str, str]) -> None:
        # a client of the same running app (its lifespan entered once, by `client`)
        own = TestClient(client.app, raise_server_exceptions=False)
        answers[f"{who} {path}"] = own.get(path, headers=headers).status_code

    with engine.connect() as writer:
        writer.exec_driver_sql("BEGIN IMMEDIATE")  # the long writer: holds the write lock
        for who, path, headers in reads:
            reader = threading.Thread(target=read, args=(who, path, headers))
            reader.start()
            reader.join(timeout=20)  # the busy timeout is 30 s: a read that waits for it is still here
            if reader.is_alive():
                held_up.append(f"{who} {path}")
                reader.join()
                break  # one is enough to tell (each would wait the whole busy timeout)
        writer.rollback()
    engine.dispose()
    assert len(pages) > 50 and not held_up
    assert {read: code for read, code in answers.items() if code >= 500} == {}
    assert answers["key /api/v1/staff"] == answers["officer /api/v1/auth/me"] == 200


def test_rate_counts_of_past_minutes_are_deleted(world: World) -> None:
    limiter = RateLimiter(make_engine(world.settings.resolved_database_url), per_minute=2)
    minute = 40_000_000  # after the minutes real requests of this test run are counted in
    for bucket in ("user:1", "user:2", "key:3"):
        assert limiter.hit(bucket, now=minute * 60.0) is None
    assert limiter.hit("user:1", now=minute * 60.0 + 1) is None
    assert limiter.hit("user:1", now=minute * 60.0 + 50) == 10  # the third in the minute: wait 10 s

    # Two minutes later the first request of a bucket clears every finished minute.
    assert limiter.hit("user:1", now=(minute + 2) * 60.0) is None
    with limiter.engine.connect() as conn:
        rows = conn.execute(select(RateCount.bucket, RateCount.window, RateCount.hits)).all()
    assert [tuple(r) for r in rows] == [("user:1", minute + 2, 1)]
    limiter.engine.dispose()
