"""What is due for the signed-in user, in the app and by e-mail (against a local SMTP sink)."""

import socket
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.fixtures.awards import act, nominate_staff, open_round, verified_scorecard
from tests.fixtures.inspections import create_inspection
from tests.fixtures.plans import create_plan, days_ago, plan_act
from tests.fixtures.reports import age_request, request_reports
from tests.helpers import World
from thidua.core import tasks
from thidua.core.models import today
from thidua.db import make_engine
from thidua.reminders.service import send_email_reminders


def test_due_and_overdue_items_for_each_user(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    plan = create_plan(client, world, catalogue["movement"], days_ago(28))  # due in 2 days, still a draft
    overdue = request_reports(client, world, catalogue, unit_ids=[world.units["THCS-A"]])
    age_request(world, overdue.json()["id"], 11)  # due 10 days ahead, 11 days ago: overdue by 1
    # Due in a month: listed all the same, the request is its window (not the last week only).
    request_reports(client, world, catalogue, due_in=30, title="Báo cáo năm học")
    items = client.get("/api/v1/reminders", headers=world.headers("manager_a")).json()
    assert [(i["kind"], i["overdue"], i["days_left"]) for i in items] == [
        ("report", True, -1),
        ("plan", False, 2),
        ("report", False, 30),
    ]
    assert items[1]["link"] == f"/plans/{plan.json()['id']}"
    # School B was sent the commune plan today and has not acknowledged it (5 days to do so), and was
    # asked for the year's report.
    assert [
        (i["kind"], i["title"], i["days_left"])
        for i in client.get("/api/v1/reminders", headers=world.headers("manager_b")).json()
    ] == [
        ("plan", "Xác nhận đã nhận kế hoạch của xã: 12/KH-UBND Kế hoạch phát động", 5),
        ("report", "Nộp báo cáo: Báo cáo năm học", 30),
    ]

    plan_act(client, world, "manager_a", plan, "submit")
    assert [
        i["kind"] for i in client.get("/api/v1/reminders", headers=world.headers("manager_a")).json()
    ] == ["report", "report"]
    review = client.get("/api/v1/reminders", headers=world.headers("officer")).json()
    assert [(i["kind"], i["title"]) for i in review] == [
        ("plan_review", "Xem xét kế hoạch của Trường THCS A")
    ]


def _listed(client: TestClient, world: World, login: str) -> list[tuple[str, str, str | None, str]]:
    items = client.get("/api/v1/reminders", headers=world.headers(login)).json()
    return [(i["kind"], i["title"], i["due_date"], i["link"]) for i in items]


def test_a_plan_sent_late_then_returned_waits_on_the_school(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    plan = create_plan(client, world, catalogue["movement"], days_ago(40))  # 10 days past its deadline
    plan = plan_act(client, world, "manager_a", plan, "submit")
    assert plan.status_code == 200, plan.text
    assert [k for k, *_ in _listed(client, world, "manager_a")] == []
    plan = plan_act(client, world, "officer", plan, "return", {"comment": "Bổ sung chỉ tiêu TC2.1."})
    assert plan.status_code == 200, plan.text
    [(kind, title, due, link)] = _listed(client, world, "manager_a")
    assert (kind, due, link) == ("plan", plan.json()["due_date"], f"/plans/{plan.json()['id']}")
    assert title.startswith("Kế hoạch bị trả lại")
    # School B only has its own acknowledgement of the commune plan to do, nothing of school A's.
    assert [t for _, t, *_ in _listed(client, world, "manager_b")] == [
        "Xác nhận đã nhận kế hoạch của xã: 12/KH-UBND Kế hoạch phát động"
    ]


def test_inspections_nominations_and_decisions_wait_on_their_roles(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    inspection = create_inspection(client, world)
    assert inspection.status_code == 201, inspection.text
    i = inspection.json()
    assert _listed(client, world, "inspector") == [
        ("inspection", f"Ghi kết quả kiểm tra: {i['title']}", "2025-12-15", f"/inspections/{i['id']}")
    ]

    verified_scorecard(world, catalogue, unit="THCS-A", staff="A-01", classification="good")
    rnd = open_round(client, world)
    n = nominate_staff(client, world, rnd["id"], "GK-DV-CN").json()
    assert _listed(client, world, "manager_a") == []  # a draft waits on nobody
    n = act(client, world, "manager_a", n, "submit").json()
    assert _listed(client, world, "manager_a") == [
        (
            "nomination_approval",
            "Phê duyệt đề nghị GK-DV-CN: Nguyễn Thị Hương",
            rnd["closes_on"],
            f"/awards/nominations/{n['id']}",
        )
    ]
    assert _listed(client, world, "manager_b") == []

    commune = nominate_staff(client, world, rnd["id"], "GK-XA-CN", staff="A-02").json()
    commune = act(client, world, "manager_a", commune, "submit")
    assert commune.status_code == 200, commune.text
    assert [(k, t) for k, t, *_ in _listed(client, world, "officer")] == [
        ("nomination_review", "Xem xét đề nghị GK-XA-CN: Trần Văn Dũng")
    ]
    assert [k for k, *_ in _listed(client, world, "leader")] == []  # not reviewed yet

    n = act(client, world, "manager_a", n, "approve", {}).json()
    decision = {
        "round_id": rnd["id"],
        "level": "unit",
        "number": "45/QĐ-THCSA",
        "signed_on": str(today()),
        "signer_name": "Đỗ Văn Hiệu",
        "signer_title": "Hiệu trưởng",
        "nomination_ids": [n["id"]],
    }
    d = client.post("/api/v1/award-decisions", json=decision, headers=world.headers("manager_a")).json()
    assert _listed(client, world, "manager_a") == [
        (
            "decision_sign",
            "Ký, ban hành quyết định số 45/QĐ-THCSA",
            str(today()),
            f"/awards/decisions/{d['id']}",
        )
    ]
    assert _listed(client, world, "leader") == []  # a school's decision is its head's to sign


class _Sink:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_email_reminders_reach_users_with_an_address(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    officer = world.headers("officer")
    url = f"/api/v1/staff/{world.staff['A-01']}"
    r = client.patch(
        url,
        headers={**officer, "If-Match": client.get(url, headers=officer).headers["etag"]},
        json={"user_id": world.users["manager_a"].id, "email": "hieutruong@thcs-a.edu.vn"},
    )
    assert r.status_code == 200, r.text
    create_plan(client, world, catalogue["movement"], days_ago(40))  # overdue plan
    sink, port = _Sink(), _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings = world.settings.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_from": "thidua@thanhthuy.gov.vn"}
        )
        engine = make_engine(settings.resolved_database_url)
        with Session(engine) as session:
            assert send_email_reminders(session, world.settings) == 0  # no SMTP settings: nothing sent
        # The daily e-mails are a periodic task of the job queue (07:00 in Vietnam by default).
        daily = tasks.TASKS["reminders.send"]
        assert daily.cron is not None and daily.cron(settings) == "0 0 * * *"
        assert daily.cron(settings.model_copy(update={"reminders_cron": ""})) is None
        daily.func(tasks.Env(engine, settings, None))
        engine.dispose()
    finally:
        controller.stop()
    [message] = sink.messages
    subject = str(make_header(decode_header(message["Subject"])))
    assert message["To"] == "hieutruong@thcs-a.edu.vn" and subject == "[Thi Đua Số] 1 việc cần làm"
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    due = (today() - timedelta(days=10)).strftime("%d/%m/%Y")
    assert "Nộp kế hoạch: Kế hoạch thực hiện Phong trào" in body and f"hạn {due}, đã quá hạn" in body
