"""Webhooks: the administrator subscribes an endpoint to events; the business services queue a delivery
in the same transaction as the change; deliveries are signed (HMAC-SHA256 over timestamp and body),
retried with backoff after a failure, logged, and never sent to a revoked subscription.

A real HTTP receiver on 127.0.0.1 takes the requests; the tests drive `deliver_due` themselves (the
queue's webhook jobs send nothing while webhooks are off in the test settings) and move its clock
forward past the backoff."""

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.fixtures.assessments import URL as ASSESSMENTS
from tests.fixtures.assessments import open_window, submitted
from tests.fixtures.awards import act, nominate_staff, open_round, verified_scorecard
from tests.fixtures.plans import commune_plan, create_plan, days_ago, plan_act, submitted_plan
from tests.fixtures.reports import open_report, request_reports, write_and_submit
from tests.helpers import World, assert_problem
from thidua.audit.models import AuditEvent
from thidua.config import Settings
from thidua.core import tasks
from thidua.core.models import utcnow
from thidua.db import make_engine
from thidua.main import create_app
from thidua.webhooks import service
from thidua.webhooks.delivery import _claim, deliver_due, verify_signature
from thidua.webhooks.events import EVENT_DATA, NominationEventData, PingData, WebhookEvent
from thidua.webhooks.models import WebhookDelivery

URL = "/api/v1/webhooks"


# --- A receiver on 127.0.0.1 --------------------------------------------------------------------


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # status codes to answer first, then 200

    def wait_for(self, count: int, seconds: float = 10) -> None:
        deadline = time.monotonic() + seconds
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.02)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/thidua"
    yield state
    server.shutdown()
    server.server_close()


# --- Helpers ------------------------------------------------------------------------------------


def deliver(world: World, now: datetime | None = None, settings: Settings | None = None) -> int:
    engine = make_engine(world.settings.resolved_database_url)
    try:
        return deliver_due(lambda: Session(engine), settings or world.settings, now=now)
    finally:
        engine.dispose()


def subscribe(client: TestClient, world: World, url: str, events: list[str], **extra: Any) -> dict[str, Any]:
    body = {"name": "Cổng dữ liệu Sở GD&ĐT", "url": url, "events": events, **extra}
    r = client.post(URL, json=body, headers=world.headers("admin"))
    assert r.status_code == 201, r.text
    return {**r.json(), "etag": r.headers["etag"]}


def deliveries(client: TestClient, world: World, sub_id: int) -> list[dict[str, Any]]:
    r = client.get(f"{URL}/{sub_id}/deliveries", headers=world.headers("admin"))
    assert r.status_code == 200, r.text
    return r.json()["items"]  # type: ignore[no-any-return]


def if_match(world: World, item: dict[str, Any]) -> dict[str, str]:
    return {**world.headers("admin"), "If-Match": f'"{item["version"]}"'}


# --- Tests --------------------------------------------------------------------------------------


def test_only_the_administrator_manages_webhooks(client: TestClient, world: World) -> None:
    for login in ("officer", "leader", "manager_a", "teacher_a", "integration"):
        h = world.headers(login)
        assert_problem(client.get(URL, headers=h), 403)
        assert_problem(client.get(f"{URL}/events", headers=h), 403)
        body = {"name": "x", "url": "https://example.org/hook", "events": ["plan.submitted"]}
        assert_problem(client.post(URL, json=body, headers=h), 403)
    catalogue = client.get(f"{URL}/events", headers=world.headers("admin")).json()["events"]
    by_event = {e["event"]: e for e in catalogue}
    assert set(by_event) == {
        "plan.issued",
        "plan.submitted",
        "plan.approved",
        "report_request.created",
        "award_round.created",
        "self_assessment.submitted",
        "self_assessment.verified",
        "report.submitted",
        "nomination.decided",
        "ping",
    }
    assert by_event["plan.submitted"]["label"] == "Đơn vị nộp kế hoạch thực hiện"
    assert by_event["ping"]["subscribable"] is False
    assert_problem(client.get(f"{URL}/999", headers=world.headers("admin")), 404)


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"url": "ftp://example.org/hook"}, "body.url"),
        ({"url": "javascript:alert(1)//x"}, "body.url"),
        ({"url": "https://user:matkhau@example.org/hook"}, "body.url"),
        ({"url": "https://token@example.org/hook"}, "body.url"),
        ({"url": "https:///no-host"}, "body.url"),
        ({"url": "https://example.org:99999/hook"}, "body.url"),
        ({"url": "https://exa mple.org/hook"}, "body.url"),
        ({"events": []}, "body.events"),
        ({"events": ["plan.submitted", "plan.deleted"]}, "body.events.1"),
        ({"events": ["ping"]}, "body.events.0"),
        ({"unit_id": 999_999}, "body.unit_id"),
        ({"name": ""}, "body.name"),
        ({"secret": "chosen-by-me"}, "body.secret"),
    ],
)
def test_bad_subscriptions_are_refused_with_paths(
    client: TestClient, world: World, body: dict[str, Any], path: str
) -> None:
    good = {"name": "Cổng dữ liệu", "url": "https://example.org/hook", "events": ["plan.submitted"]}
    problem = assert_problem(
        client.post(URL, json={**good, **body}, headers=world.headers("admin")), 422, path
    )
    assert all(e["message"] for e in problem["errors"])
    assert client.get(URL, headers=world.headers("admin")).json()["total"] == 0


def test_the_secret_is_shown_once_and_kept_out_of_the_audit_trail(client: TestClient, world: World) -> None:
    sub = subscribe(client, world, "https://example.org/hook", ["plan.submitted", "plan.approved"])
    secret = sub["secret"]
    assert secret.startswith("whsec_") and len(secret) > 40
    assert sub["status"] == "active" and sub["allowed_actions"] == [
        "update",
        "revoke",
        "rotate_secret",
        "test",
    ]
    shown = client.get(f"{URL}/{sub['id']}", headers=world.headers("admin"))
    assert "secret" not in shown.json() and shown.headers["etag"] == f'"{sub["version"]}"'
    assert secret not in client.get(URL, headers=world.headers("admin")).text

    # Rotation needs If-Match, shows the new secret once, and the old one is gone.
    assert_problem(client.post(f"{URL}/{sub['id']}/rotate-secret", headers=world.headers("admin")), 428)
    rotated = client.post(f"{URL}/{sub['id']}/rotate-secret", headers=if_match(world, sub))
    assert rotated.status_code == 200, rotated.text
    new_secret = rotated.json()["secret"]
    assert new_secret.startswith("whsec_") and new_secret != secret
    assert_problem(client.post(f"{URL}/{sub['id']}/rotate-secret", headers=if_match(world, sub)), 412)

    with Session(make_engine(world.settings.resolved_database_url)) as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.entity_type == "webhook_subscription")
        ).all()
        assert [e.action for e in events] == ["create", "rotate_secret"]
        trail = json.dumps([[e.before, e.after] for e in events])
        assert secret not in trail and new_secret not in trail and '"secret"' not in trail


def test_update_needs_if_match_and_checks_the_url(client: TestClient, world: World) -> None:
    sub = subscribe(client, world, "https://example.org/hook", ["plan.submitted"])
    change = {"name": "Cổng mới", "events": ["plan.approved", "plan.approved"], "is_active": False}
    assert_problem(client.patch(f"{URL}/{sub['id']}", json=change, headers=world.headers("admin")), 428)
    r = client.patch(f"{URL}/{sub['id']}", json=change, headers=if_match(world, sub))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["name"], body["events"], body["status"]) == ("Cổng mới", ["plan.approved"], "paused")
    assert "test" not in body["allowed_actions"]
    assert_problem(client.post(f"{URL}/{sub['id']}/test", headers=world.headers("admin")), 409)
    bad = client.patch(
        f"{URL}/{sub['id']}", json={"url": "https://a:b@example.org/"}, headers=if_match(world, body)
    )
    assert_problem(bad, 422, "body.url")
    assert_problem(
        client.patch(f"{URL}/{sub['id']}", json={"events": ["nope"]}, headers=if_match(world, body)),
        422,
        "body.events.0",
    )
    assert_problem(client.patch(f"{URL}/{sub['id']}", json={"name": "x"}, headers=if_match(world, sub)), 412)


def test_a_submitted_plan_is_delivered_signed_and_the_receiver_verifies_it(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    sub = subscribe(client, world, receiver.url, ["plan.submitted"])
    plan = create_plan(client, world, catalogue["movement"], days_ago(5))
    # A refused change queues nothing: the event exists only if the change committed.
    assert_problem(
        client.post(f"/api/v1/plans/{plan.json()['id']}/submit", headers=world.headers("manager_a")), 428
    )
    assert deliveries(client, world, sub["id"]) == []
    plan = plan_act(client, world, "manager_a", plan, "submit")
    assert plan.status_code == 200, plan.text

    [queued] = deliveries(client, world, sub["id"])
    assert (queued["event"], queued["status"], queued["attempts"]) == ("plan.submitted", "pending", 0)
    assert deliver(world) == 1
    assert deliver(world) == 0  # nothing left

    [request] = receiver.requests
    h = request.headers
    assert request.path == "/hooks/thidua"
    assert h["content-type"] == "application/json" and h["user-agent"] == "ThiDuaSo-Webhooks/1"
    assert h["x-thidua-event"] == "plan.submitted" and h["x-thidua-delivery"] == queued["event_id"]
    assert abs(int(h["x-thidua-timestamp"]) - time.time()) < 60
    assert h["x-thidua-signature"].startswith("v1=")
    assert verify_signature(sub["secret"], h["x-thidua-timestamp"], request.body, h["x-thidua-signature"])
    # Tampering with the body, the timestamp or the secret breaks the signature; old requests fail too.
    tampered = request.body.replace(b"submitted", b"approved")
    assert tampered != request.body
    assert not verify_signature(sub["secret"], h["x-thidua-timestamp"], tampered, h["x-thidua-signature"])
    ts = int(h["x-thidua-timestamp"])
    assert not verify_signature(sub["secret"], ts + 1, request.body, h["x-thidua-signature"])
    assert not verify_signature("whsec_other", ts, request.body, h["x-thidua-signature"])
    assert not verify_signature(sub["secret"], ts, request.body, h["x-thidua-signature"], now=ts + 301)
    assert not verify_signature(sub["secret"], ts, request.body, None)

    payload = request.json
    assert set(payload) == {"id", "event", "occurred_at", "unit_id", "data"}
    assert payload["id"] == queued["event_id"] and payload["event"] == "plan.submitted"
    assert payload["unit_id"] == world.units["THCS-A"] and payload["occurred_at"].endswith("Z")
    data = payload["data"]
    assert data["plan_id"] == plan.json()["id"] and data["status"] == "submitted"
    assert (data["unit_code"], data["unit_name"]) == ("THCS-A", "Trường THCS A")

    [logged] = deliveries(client, world, sub["id"])
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("delivered", 1, 200)
    assert logged["delivered_at"] and logged["last_error"] is None

    # plan.approved is not subscribed: approving queues nothing for this subscription.
    plan_act(client, world, "officer", plan, "approve")
    assert len(deliveries(client, world, sub["id"])) == 1


def test_a_500_is_retried_with_backoff_and_logged(
    client: TestClient, world: World, receiver: Receiver
) -> None:
    sub = subscribe(client, world, receiver.url, ["plan.submitted"])
    receiver.answers = [500, 302]
    r = client.post(f"{URL}/{sub['id']}/test", headers=world.headers("admin"))
    assert r.status_code == 202, r.text
    assert r.json()["event"] == "ping" and r.json()["status"] == "pending"

    now = utcnow()
    assert deliver(world, now) == 1
    WebhookEvent[PingData].model_validate(receiver.requests[0].json)
    [logged] = deliveries(client, world, sub["id"])
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("pending", 1, 500)
    assert logged["last_error"] == "HTTP 500"
    wait = (datetime.fromisoformat(logged["next_attempt_at"]) - now).total_seconds()
    assert 30 <= wait <= 33  # base 30 s, jitter at most 10 %
    assert deliver(world, now + timedelta(seconds=10)) == 0  # not yet due

    # The second attempt gets a redirect, which is not followed and counts as a failure: 60-66 s.
    later = now + timedelta(seconds=34)
    assert deliver(world, later) == 1
    [logged] = deliveries(client, world, sub["id"])
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("pending", 2, 302)
    wait = (datetime.fromisoformat(logged["next_attempt_at"]) - later).total_seconds()
    assert 60 <= wait <= 66

    assert deliver(world, later + timedelta(seconds=67)) == 1
    [logged] = deliveries(client, world, sub["id"])
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("delivered", 3, 200)
    assert len(receiver.requests) == 3 and all(q.path == "/hooks/thidua" for q in receiver.requests)
    assert len({q.headers["x-thidua-delivery"] for q in receiver.requests}) == 1  # same event id
    for q in receiver.requests:
        h = q.headers
        assert verify_signature(sub["secret"], h["x-thidua-timestamp"], q.body, h["x-thidua-signature"])


def test_after_the_last_attempt_the_delivery_fails(
    client: TestClient, world: World, receiver: Receiver
) -> None:
    settings = world.settings.model_copy(update={"webhook_max_attempts": 2, "webhook_backoff_seconds": 1})
    sub = subscribe(client, world, receiver.url, ["plan.submitted"])
    receiver.answers = [503, 500, 500]
    client.post(f"{URL}/{sub['id']}/test", headers=world.headers("admin"))
    now = utcnow()
    assert deliver(world, now, settings) == 1
    assert deliver(world, now + timedelta(seconds=5), settings) == 1
    assert deliver(world, now + timedelta(hours=1), settings) == 0
    [logged] = deliveries(client, world, sub["id"])
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("failed", 2, 500)
    assert logged["next_attempt_at"] is None and len(receiver.requests) == 2
    assert client.get(f"{URL}/{sub['id']}", headers=world.headers("admin")).json()["failed_deliveries"] == 1

    # A receiver that is not listening: a network error, logged without a status code.
    dead = subscribe(client, world, "http://127.0.0.1:9/nobody", ["plan.submitted"])
    client.post(f"{URL}/{dead['id']}/test", headers=world.headers("admin"))
    assert deliver(world, settings=settings) == 1
    [logged] = deliveries(client, world, dead["id"])
    assert logged["attempts"] == 1 and logged["last_status_code"] is None and logged["last_error"]


def test_no_delivery_to_a_revoked_subscription(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    sub = subscribe(client, world, receiver.url, ["plan.submitted", "plan.approved"])
    plan = submitted_plan(client, world, catalogue)
    [queued] = deliveries(client, world, sub["id"])
    assert queued["status"] == "pending"

    assert_problem(client.post(f"{URL}/{sub['id']}/revoke", headers=world.headers("admin")), 428)
    r = client.post(f"{URL}/{sub['id']}/revoke", headers=if_match(world, sub))
    assert r.status_code == 200, r.text
    revoked = r.json()
    assert revoked["status"] == "revoked" and revoked["revoked_at"] and revoked["allowed_actions"] == []
    [closed] = deliveries(client, world, sub["id"])
    assert closed["status"] == "failed" and "subscription revoked" in closed["last_error"]

    # Later events are not queued for it, and nothing reaches the receiver.
    plan_act(client, world, "officer", plan, "approve")
    assert len(deliveries(client, world, sub["id"])) == 1
    assert deliver(world, utcnow() + timedelta(days=1)) == 0
    assert receiver.requests == []
    for action in ("revoke", "rotate-secret", "test"):
        assert_problem(client.post(f"{URL}/{sub['id']}/{action}", headers=if_match(world, revoked)), 409)
    assert_problem(
        client.patch(f"{URL}/{sub['id']}", json={"is_active": True}, headers=if_match(world, revoked)), 409
    )


def test_a_delivery_queued_before_a_pause_is_not_sent(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    sub = subscribe(client, world, receiver.url, ["plan.submitted"])
    submitted_plan(client, world, catalogue)
    r = client.patch(f"{URL}/{sub['id']}", json={"is_active": False}, headers=if_match(world, sub))
    assert r.status_code == 200, r.text
    assert deliver(world) == 1
    [logged] = deliveries(client, world, sub["id"])
    assert logged["status"] == "failed" and "inactive" in logged["last_error"] and logged["attempts"] == 0
    assert receiver.requests == []


def test_a_unit_subscription_gets_only_its_units_events(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    school_a = subscribe(client, world, receiver.url, ["plan.submitted"], unit_id=world.units["THCS-A"])
    school_b = subscribe(client, world, receiver.url, ["plan.submitted"], unit_id=world.units["TH-B"])
    everyone = subscribe(client, world, receiver.url, ["plan.submitted"])
    assert school_a["unit_name"] == "Trường THCS A"
    submitted_plan(client, world, catalogue, "manager_a")
    assert len(deliveries(client, world, school_a["id"])) == 1
    assert deliveries(client, world, school_b["id"]) == []
    assert len(deliveries(client, world, everyone["id"])) == 1

    # A school's subscription also hears of its subject groups; the other school's does not.
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        group = world.units["THCS-A-KHTN"]
        event_id = service.emit(session, "plan.submitted", group, {"plan_id": 0, "status": "submitted"})
        session.commit()
    engine.dispose()
    assert event_id
    assert deliveries(client, world, school_a["id"])[0]["event_id"] == event_id  # newest first
    assert deliveries(client, world, school_b["id"]) == []
    assert deliver(world) == 4  # two events, each to school A's and the commune-wide subscription
    assert {q.json["unit_id"] for q in receiver.requests} == {world.units["THCS-A"], group}


def test_every_workflow_event_is_emitted(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    events = [
        "plan.submitted",
        "plan.approved",
        "self_assessment.submitted",
        "self_assessment.verified",
        "report.submitted",
    ]
    subscribe(client, world, receiver.url, events)
    plan = submitted_plan(client, world, catalogue)
    plan_act(client, world, "officer", plan, "approve")
    a = submitted(client, world, catalogue)
    open_window(client, world, catalogue["movement"])
    verified_r = client.post(
        f"{ASSESSMENTS}/{a['id']}/verify", headers={**world.headers("officer"), "If-Match": a["etag"]}
    )
    assert verified_r.status_code == 200, verified_r.text
    request = request_reports(client, world, catalogue)
    report = open_report(client, world, request.json()["id"], "manager_a")
    assert write_and_submit(client, world, report, "manager_a", "THCS A").status_code == 200

    assert deliver(world) == 5
    for q in receiver.requests:  # what is sent is what the OpenAPI document's `webhooks` says
        WebhookEvent[EVENT_DATA[q.json["event"]]].model_validate(q.json)  # type: ignore[index]
    by_event = {q.json["event"]: q.json for q in receiver.requests}
    assert set(by_event) == set(events)
    assert by_event["plan.approved"]["data"]["status"] == "approved"
    assessment = by_event["self_assessment.verified"]["data"]
    assert assessment["assessment_id"] == a["id"] and assessment["school_year"] == "2025-2026"
    assert by_event["self_assessment.submitted"]["data"]["status"] == "submitted"
    assert by_event["report.submitted"]["data"]["report_id"] == report.json()["id"]
    assert all(q.json["unit_id"] == world.units["THCS-A"] for q in receiver.requests)


def test_the_communes_own_events_are_emitted(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    """A commune plan issued, a report request sent, an award round opened: events of the commune
    itself, heard by the subscriptions for the whole commune, not by a school's."""
    events = ["plan.issued", "report_request.created", "award_round.created"]
    everyone = subscribe(client, world, receiver.url, events)
    school = subscribe(client, world, receiver.url, events, unit_id=world.units["THCS-A"])
    plan = commune_plan(client, world, catalogue["movement"], issued_days_ago=1)
    request = request_reports(client, world, catalogue, due_in=12).json()
    round_ = open_round(client, world)

    assert deliver(world) == 3
    assert deliveries(client, world, school["id"]) == []
    assert len(deliveries(client, world, everyone["id"])) == 3
    for q in receiver.requests:  # what is sent is what the OpenAPI document's `webhooks` says
        WebhookEvent[EVENT_DATA[q.json["event"]]].model_validate(q.json)  # type: ignore[index]
    by_event = {q.json["event"]: q.json["data"] for q in receiver.requests}
    assert set(by_event) == set(events)
    issued = by_event["plan.issued"]
    assert (issued["plan_id"], issued["kind"], issued["status"]) == (plan["id"], "commune", "issued")
    assert issued["number"] == "12/KH-UBND" and issued["unit_code"] == "UBND"
    asked = by_event["report_request.created"]
    assert asked["request_id"] == request["id"] and asked["title"] == "Báo cáo sơ kết học kỳ I"
    assert asked["due_date"] == request["due_date"]
    assert asked["unit_ids"] == [world.units["THCS-A"], world.units["TH-B"]]
    opened = by_event["award_round.created"]
    assert (opened["round_id"], opened["kind"]) == (round_["id"], "annual")
    assert opened["award_type_codes"] == ["GK-DV-CN", "GK-XA-TT", "GK-XA-CN"]
    assert opened["opens_on"] == round_["opens_on"] and opened["closes_on"] == round_["closes_on"]


def test_a_refused_request_emits_nothing(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    """The event is queued in the change's transaction: a request refused stores neither."""
    subscribe(client, world, receiver.url, ["report_request.created", "award_round.created"])
    bad = request_reports(client, world, catalogue, unit_ids=[world.units["UBND"]])
    assert_problem(bad, 422)
    refused = client.post(
        "/api/v1/award-rounds",
        json={
            "kind": "annual",
            "school_year": "2025-2026",
            "opens_on": "2026-01-10",
            "closes_on": "2026-01-02",
        },
        headers=world.headers("officer"),
    )
    assert_problem(refused, 422)
    assert deliver(world) == 0


def test_a_decided_nomination_is_emitted(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    sub = subscribe(client, world, receiver.url, ["nomination.decided"], unit_id=world.units["THCS-A"])
    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01", classification="good")
    rnd = open_round(client, world)
    n = nominate_staff(client, world, rnd["id"], "GK-DV-CN").json()
    n = act(client, world, "manager_a", n, "submit").json()
    n = act(client, world, "manager_a", n, "approve", {}).json()
    assert deliveries(client, world, sub["id"]) == []  # approval is not the decision
    decision = {
        "round_id": rnd["id"],
        "level": "unit",
        "number": "45/QĐ-THCSA",
        "signed_on": str(utcnow().date()),
        "signer_name": "Đỗ Văn Hiệu",
        "signer_title": "Hiệu trưởng",
        "nomination_ids": [n["id"]],
    }
    d = client.post("/api/v1/award-decisions", json=decision, headers=world.headers("manager_a")).json()
    r = client.post(
        f"/api/v1/award-decisions/{d['id']}/issue",
        headers={**world.headers("manager_a"), "If-Match": f'"{d["version"]}"'},
    )
    assert r.status_code == 200, r.text

    [queued] = deliveries(client, world, sub["id"])
    assert queued["event"] == "nomination.decided"
    assert deliver(world) == 1
    [request] = receiver.requests
    WebhookEvent[NominationEventData].model_validate(request.json)
    data = request.json["data"]
    assert data["nomination_id"] == n["id"] and data["decision_id"] == d["id"]
    assert (data["decision_number"], data["award_type_code"], data["status"]) == (
        "45/QĐ-THCSA",
        "GK-DV-CN",
        "decided",
    )
    assert data["staff_name"] == "Nguyễn Thị Hương" and data["unit_code"] == "THCS-A"


def test_a_delivery_is_claimed_once(client: TestClient, world: World) -> None:
    sub = subscribe(client, world, "http://127.0.0.1:9/nobody", ["plan.submitted"])
    client.post(f"{URL}/{sub['id']}/test", headers=world.headers("admin"))
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        row = session.exec(select(WebhookDelivery)).one()
        assert row.id is not None and row.next_attempt_at is not None
        seen, lease = row.next_attempt_at, utcnow() + timedelta(minutes=1)
    # Two processes that read the same due row: only the first UPDATE wins the lease.
    assert _claim(lambda: Session(engine), row.id, seen, lease) is True
    assert _claim(lambda: Session(engine), row.id, seen, lease + timedelta(seconds=1)) is False
    engine.dispose()


def test_the_queue_sends_while_the_app_runs_and_retries_with_backoff(
    world: World, receiver: Receiver
) -> None:
    """Each delivery is a job of the queue (the app's in-process worker here; worker processes on
    PostgreSQL, tests/processes/test_multi_node.py): a failed attempt is retried after the backoff."""
    receiver.answers = [503]
    settings = world.settings.model_copy(update={"webhooks_enabled": True, "webhook_backoff_seconds": 0.2})
    app = create_app(settings)
    with TestClient(app) as client:
        assert app.state.task_runner is not None and app.state.task_runner.running
        sub = subscribe(client, world, receiver.url, ["plan.submitted"])
        client.post(f"{URL}/{sub['id']}/test", headers=world.headers("admin"))
        receiver.wait_for(2)
        for _ in range(100):
            [logged] = deliveries(client, world, sub["id"])
            if logged["status"] != "pending":
                break
            time.sleep(0.02)
    assert [q.headers["x-thidua-event"] for q in receiver.requests] == ["ping", "ping"]
    assert len({q.headers["x-thidua-delivery"] for q in receiver.requests}) == 1  # one event, retried
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("delivered", 2, 200)
    assert not app.state.task_runner.running
    app.state.engine.dispose()
    # Turned off in the settings: the job sends nothing; the delivery waits for the sweep.
    off = create_app(world.settings)
    with TestClient(off) as client:
        client.post(f"{URL}/{sub['id']}/test", headers=world.headers("admin"))
        tasks.wait_idle()
        assert [d["status"] for d in deliveries(client, world, sub["id"])] == ["pending", "delivered"]
    assert len(receiver.requests) == 2
    off.state.engine.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/api/v1/users",
        "http://169.254.169.254/latest/meta-data/",  # a cloud metadata service
        "https://10.0.0.5/hook",
        "http://192.168.1.1/",
        "http://[::1]:9000/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0:5432/",
        "http://localhost:8000/hook",  # a name that resolves to loopback
    ],
)
def test_receivers_inside_the_network_are_refused_by_default(world: World, url: str) -> None:
    app = create_app(world.settings.model_copy(update={"webhook_private_addresses": False}))
    with TestClient(app, raise_server_exceptions=False) as strict:
        body = {"name": "Nội bộ", "url": url, "events": ["plan.submitted"]}
        r = strict.post(URL, json=body, headers=world.headers("admin"))
        problem = assert_problem(r, 422)
        [error] = problem["errors"]
        assert (error["path"], error["type"]) == ("body.url", "private_address")
        assert "mạng nội bộ" in error["message"]
        assert strict.get(URL, headers=world.headers("admin")).json()["total"] == 0
    app.state.engine.dispose()


def test_a_saved_receiver_that_now_points_inside_is_not_sent_to(
    client: TestClient, world: World, catalogue: dict[str, int], receiver: Receiver
) -> None:
    # Saved while allowed (as if its name pointed outside then); the sender checks again at send time.
    sub = subscribe(client, world, receiver.url, ["plan.submitted"])
    submitted_plan(client, world, catalogue)
    strict = world.settings.model_copy(update={"webhook_private_addresses": False})
    assert deliver(world, settings=strict) == 1
    assert receiver.requests == []
    [logged] = deliveries(client, world, sub["id"])
    assert logged["status"] == "failed" and "mạng nội bộ (127.0.0.1)" in logged["last_error"]


def test_the_receiver_is_contacted_at_the_address_that_was_checked(
    client: TestClient, world: World, catalogue: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name answers a public address to the check and an internal one a moment later.
    The request goes to the checked address, still addressed to the name (Host, TLS server name)."""
    sub = subscribe(client, world, "https://hooks.example.org:8443/thidua?nguon=1", ["plan.submitted"])
    submitted_plan(client, world, catalogue)
    lookups: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "hooks.example.org":
            return real_getaddrinfo(host, *args, **kwargs)
        lookups.append(host)
        address = "93.184.216.34" if len(lookups) == 1 else "169.254.169.254"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    seen: list[httpx.Request] = []

    def receive(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    strict = world.settings.model_copy(update={"webhook_private_addresses": False})
    engine = make_engine(world.settings.resolved_database_url)
    with httpx.Client(transport=httpx.MockTransport(receive)) as http:
        assert deliver_due(lambda: Session(engine), strict, client=http) == 1
    engine.dispose()

    [request] = seen
    assert (request.url.host, request.url.port, request.url.path) == ("93.184.216.34", 8443, "/thidua")
    assert request.url.params["nguon"] == "1"
    assert request.headers["host"] == "hooks.example.org:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.org"
    assert lookups == ["hooks.example.org"]
    [logged] = deliveries(client, world, sub["id"])
    assert logged["status"] == "delivered"


def test_the_openapi_document_describes_every_event_and_the_signature(
    client: TestClient, world: World
) -> None:
    document = client.get("/api/v1/openapi.json").json()
    hooks = document["webhooks"]
    assert set(hooks) == set(service.EVENT_LABELS_VI)
    operation = hooks["plan.submitted"]["post"]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert headers == {"X-ThiDua-Event", "X-ThiDua-Delivery", "X-ThiDua-Timestamp", "X-ThiDua-Signature"}
    assert "HMAC-SHA256" in operation["description"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    data = document["components"]["schemas"][body]["properties"]["data"]["$ref"].rsplit("/", 1)[-1]
    assert "plan_id" in document["components"]["schemas"][data]["properties"]
