"""The commune plan issued and received in the system (issue 15): the number, date and signer, one
dispatch per school, a receipt the school acknowledges (server date) or the commune officer records
from the document exchange, corrections with a reason, and TC1.1 read from the recorded receipt."""

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.fixtures.assessments import start
from tests.fixtures.plans import ISSUE, URL, commune_plan, create_plan, days_ago, plan_act, record_receipt
from tests.helpers import World, assert_problem
from thidua.audit.models import AuditEvent
from thidua.core.models import today, utcnow
from thidua.db import make_engine
from thidua.plans.models import Plan, PlanDispatch


def _draft(client: TestClient, world: World, movement: int) -> Any:
    body = {"movement_id": movement, "unit_id": world.units["UBND"], "title": "Kế hoạch phát động"}
    made = client.post(URL, headers=world.headers("officer"), json=body)
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "draft" and "issue" in made.json()["allowed_actions"]
    return made


def _issue(client: TestClient, world: World, draft: Any, **body: Any) -> Any:
    return client.post(
        f"{URL}/{draft.json()['id']}/issue",
        headers={**world.headers("officer"), "If-Match": draft.headers["etag"]},
        json={**ISSUE, "issue_date": days_ago(2), **body},
    )


def _dispatches(client: TestClient, world: World, plan_id: int, login: str = "officer") -> list[Any]:
    r = client.get(f"{URL}/{plan_id}/dispatches", headers=world.headers(login))
    assert r.status_code == 200, r.text
    return list(r.json())


def _tc(client: TestClient, world: World, assessment_id: int) -> dict[str, Any]:
    got = client.get(f"/api/v1/self-assessments/{assessment_id}", headers=world.headers("manager_a")).json()
    return {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}


def _audits(world: World, action: str) -> int:
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        n = len(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())
    engine.dispose()
    return n


def test_issue_sends_the_plan_to_every_school_and_the_school_acknowledges(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    draft = _draft(client, world, catalogue["movement"])
    assert_problem(_issue(client, world, draft, number="mười hai"), 422, "body.number")
    assert_problem(
        _issue(client, world, draft, issue_date=str(today() + timedelta(days=1))), 422, "body.issue_date"
    )
    assert_problem(_issue(client, world, draft, signer_name=""), 422, "body.signer_name")
    assert _dispatches(client, world, draft.json()["id"]) == []  # nothing was sent by the refusals
    issued = _issue(client, world, draft)
    assert issued.status_code == 200, issued.text
    plan = issued.json()
    assert (plan["status"], plan["number"], plan["signer_name"]) == ("issued", "12/KH-UBND", "Nguyễn Văn Hòa")
    # The commune keeps the plan's budget lines too (Phòng Kinh tế, or the officer who issues it).
    assert plan["issued_at"]
    assert plan["allowed_actions"] == ["correct", "record_receipt", "attach_scan", "edit_budget"]

    sent = _dispatches(client, world, plan["id"])
    assert sorted(d["unit_name"] for d in sent) == ["Trường THCS A", "Trường Tiểu học B"]
    assert all(d["channel"] == "app" and d["received_on"] is None and not d["ack_overdue"] for d in sent)
    # A school sees only its own dispatch, and may acknowledge: the date is the server's.
    mine = _dispatches(client, world, plan["id"], "manager_a")
    assert [d["unit_id"] for d in mine] == [world.units["THCS-A"]]
    as_school = client.get(f"{URL}/{plan['id']}", headers=world.headers("manager_a")).json()
    assert as_school["allowed_actions"] == ["acknowledge"]
    assert_problem(client.post(f"{URL}/{plan['id']}/acknowledge", headers=world.headers("teacher_a")), 403)
    acked = client.post(f"{URL}/{plan['id']}/acknowledge", headers=world.headers("manager_a"))
    assert acked.status_code == 200, acked.text
    assert acked.json()[0]["received_on"] == today().isoformat()
    assert acked.json()[0]["received_source"] == "app"
    assert _audits(world, "acknowledge") == 1
    # Acknowledged once; a second time (or a typed date) is refused, the date stays.
    assert_problem(client.post(f"{URL}/{plan['id']}/acknowledge", headers=world.headers("manager_a")), 409)
    typed = record_receipt(client, world, plan["id"], "THCS-A", days_ago(3), login="manager_a")
    assert_problem(typed, 403)
    assert _dispatches(client, world, plan["id"], "manager_a")[0]["received_on"] == today().isoformat()

    # The school's plan takes its 30-day deadline from the recorded receipt.
    body = {"movement_id": catalogue["movement"], "title": "Kế hoạch thực hiện"}
    school_plan = client.post(URL, headers=world.headers("manager_a"), json=body)
    assert school_plan.status_code == 201, school_plan.text
    got = school_plan.json()
    assert (got["received_date"], got["received_source"]) == (today().isoformat(), "app")
    assert got["due_date"] == (today() + timedelta(days=30)).isoformat()
    patch = client.patch(
        f"{URL}/{got['id']}",
        headers={**world.headers("manager_a"), "If-Match": school_plan.headers["etag"]},
        json={"received_date": days_ago(20)},
    )
    assert_problem(patch, 422, "body.received_date")

    # The other school has not acknowledged: B without a receipt, then after 5 days it is late.
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:
        for d in session.exec(select(PlanDispatch)):
            d.sent_at = utcnow() - timedelta(days=6)
            session.add(d)
        session.commit()
    engine.dispose()
    rows = client.get(
        f"{URL}/tracking", params={"movement_id": catalogue["movement"]}, headers=world.headers("officer")
    ).json()
    row = {r["unit_code"]: r for r in rows}
    assert (row["THCS-A"]["received_date"], row["THCS-A"]["ack_overdue"]) == (today().isoformat(), False)
    assert (row["TH-B"]["received_date"], row["TH-B"]["ack_overdue"]) == (None, True)
    assert row["TH-B"]["sent_at"] and row["THCS-A"]["progress_percent"] is None
    reminders = client.get("/api/v1/reminders", headers=world.headers("officer")).json()
    assert [r["title"] for r in reminders if "chưa xác nhận" in r["title"]] == [
        "Trường Tiểu học B chưa xác nhận đã nhận kế hoạch 12/KH-UBND"
    ]
    mine_b = client.get("/api/v1/reminders", headers=world.headers("manager_b")).json()
    assert [r["overdue"] for r in mine_b if r["title"].startswith("Xác nhận đã nhận")] == [True]


def test_issued_plan_changes_only_by_a_recorded_correction(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    draft = _draft(client, world, catalogue["movement"])
    issued = _issue(client, world, draft)
    url = f"{URL}/{issued.json()['id']}"
    headers = {**world.headers("officer"), "If-Match": issued.headers["etag"]}
    assert_problem(
        client.patch(url, headers=headers, json={"number": "13/KH-UBND"}), 422, "body.correction_reason"
    )
    assert client.get(url, headers=world.headers("officer")).json()["number"] == "12/KH-UBND"
    fixed = client.patch(
        url, headers=headers, json={"signer_name": "Trần Thị Mai", "correction_reason": "Sai tên người ký"}
    )
    assert fixed.status_code == 200, fixed.text
    assert fixed.json()["signer_name"] == "Trần Thị Mai" and fixed.json()["status"] == "issued"
    versions = client.get(f"{url}/versions", headers=world.headers("officer")).json()
    assert [(v["event"], v["comment"]) for v in versions] == [
        ("issue", None),
        ("correct", "Sai tên người ký"),
    ]
    headers = {**world.headers("manager_a"), "If-Match": fixed.headers["etag"]}
    assert_problem(client.patch(url, headers=headers, json={"title": "x", "correction_reason": "y"}), 403)


def test_tc11_reads_the_recorded_receipt_and_corrections_are_checked(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    issued = commune_plan(client, world, catalogue["movement"], issued_days_ago=40)
    # Received 35 days ago (số đến 215): submitted today, day 35 of 30 → late, TC1.1 = 0, gate fails.
    plan = create_plan(client, world, catalogue["movement"], days_ago(35))
    assert plan.json()["received_source"] == "exchange"
    plan = plan_act(client, world, "manager_a", plan, "submit")
    assert plan.json()["deadline_status"] == "submitted_late"
    assert _tc(client, world, a["id"])["TC1.1"] == ("0", "0.00")

    # A correction needs the reason; a date before the issue, in the future or after the submission
    # is refused and nothing changes.
    correct = {"incoming_number": "215"}
    assert_problem(
        record_receipt(client, world, issued["id"], "THCS-A", days_ago(25), **correct), 422, "body.reason"
    )
    reason = {"reason": "Nhập nhầm ngày đến"}
    for day, kind in ((days_ago(41), "before_issue"), (str(today() + timedelta(days=1)), "in_future")):
        bad = assert_problem(record_receipt(client, world, issued["id"], "THCS-A", day, **reason), 422)
        assert bad["errors"][0]["path"] == "body.received_on" and bad["errors"][0]["type"] == kind
    engine = make_engine(world.settings.resolved_database_url)
    with Session(engine) as session:  # the school submitted 10 days ago
        row = session.exec(select(Plan).where(Plan.id == plan.json()["id"])).one()
        row.first_submitted_at = utcnow() - timedelta(days=10)
        session.add(row)
        session.commit()
    engine.dispose()
    after = assert_problem(record_receipt(client, world, issued["id"], "THCS-A", days_ago(5), **reason), 422)
    assert after["errors"][0]["type"] == "after_submission"
    assert_problem(
        record_receipt(client, world, issued["id"], "THCS-A", days_ago(25), login="manager_a", **reason), 403
    )
    assert _audits(world, "correct_receipt") == 0

    # Corrected by the commune officer to 35 days ago + 10 → received 35, submitted 10 days ago:
    # day 25 of 30 → on time, TC1.1 = 1 (8 points).
    fixed = record_receipt(client, world, issued["id"], "THCS-A", days_ago(35), **reason)
    assert fixed.status_code == 200, fixed.text
    a_row = next(d for d in fixed.json() if d["unit_id"] == world.units["THCS-A"])
    assert (a_row["received_on"], a_row["correction_reason"]) == (days_ago(35), "Nhập nhầm ngày đến")
    got = client.get(f"{URL}/{plan.json()['id']}", headers=world.headers("manager_a")).json()
    assert got["due_date"] == days_ago(5) and got["deadline_status"] == "on_time"
    assert _tc(client, world, a["id"])["TC1.1"] == ("1", "8.00")
    assert _audits(world, "correct_receipt") == 2  # the dispatch and the school's plan


def test_the_signed_scan_of_the_commune_plan_is_attached_and_read_by_the_schools(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    """Point 1: the officer attaches the signed and sealed copy; every school downloads it; nobody else
    may attach one, a file that is not a PDF or an image is refused by its content, and each
    replacement is audited."""
    from tests.fixtures.api import PDF

    plan = commune_plan(client, world, catalogue["movement"])
    url = f"{URL}/{plan['id']}/scan"
    assert plan["scan_filename"] is None and "attach_scan" in plan["allowed_actions"]
    assert_problem(client.get(url, headers=world.headers("manager_a")), 404)
    scan = ("Kế hoạch 12-KH-UBND (bản ký).pdf", PDF, "application/pdf")
    assert_problem(client.post(url, headers=world.headers("manager_a"), files={"file": scan}), 403)
    fake = client.post(
        url,
        headers=world.headers("officer"),
        files={"file": ("ke-hoach.pdf", b"not a pdf", "application/pdf")},
    )
    assert_problem(fake, 422)
    attached = client.post(url, headers=world.headers("officer"), files={"file": scan})
    assert attached.status_code == 200, attached.text
    assert attached.json()["scan_filename"].endswith(".pdf")
    for login in ("manager_a", "manager_b", "teacher_a"):
        got = client.get(url, headers=world.headers(login))
        assert got.status_code == 200 and got.content == PDF
        assert got.headers["content-type"] == "application/pdf"
    assert _audits(world, "attach_scan") == 1
