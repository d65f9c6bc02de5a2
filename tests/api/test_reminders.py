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

from tests.fixtures.plans import create_plan, days_ago, plan_act
from tests.fixtures.reports import age_request, request_reports
from tests.helpers import World
from thidua.core.models import today
from thidua.db import make_engine
from thidua.reminders.service import send_email_reminders


def test_due_and_overdue_items_for_each_user(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    plan = create_plan(client, world, catalogue["movement"], days_ago(28))  # due in 2 days, still a draft
    overdue = request_reports(client, world, catalogue, unit_ids=[world.units["THCS-A"]])
    age_request(world, overdue.json()["id"], 11)  # due 10 days ahead, 11 days ago: overdue by 1
    request_reports(client, world, catalogue, due_in=30, title="Báo cáo năm học")  # not due soon: no reminder
    items = client.get("/api/v1/reminders", headers=world.headers("manager_a")).json()
    assert [(i["kind"], i["overdue"], i["days_left"]) for i in items] == [
        ("report", True, -1),
        ("plan", False, 2),
    ]
    assert items[1]["link"] == f"/plans/{plan.json()['id']}"
    # School B was sent the commune plan today and has not acknowledged it: 5 days to do so.
    assert [
        (i["kind"], i["title"], i["days_left"])
        for i in client.get("/api/v1/reminders", headers=world.headers("manager_b")).json()
    ] == [("plan", "Xác nhận đã nhận kế hoạch của xã: 12/KH-UBND Kế hoạch phát động", 5)]

    plan_act(client, world, "manager_a", plan, "submit")
    assert [
        i["kind"] for i in client.get("/api/v1/reminders", headers=world.headers("manager_a")).json()
    ] == ["report"]
    review = client.get("/api/v1/reminders", headers=world.headers("officer")).json()
    assert [(i["kind"], i["title"]) for i in review] == [
        ("plan_review", "Xem xét kế hoạch của Trường THCS A")
    ]


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
            assert send_email_reminders(session, settings) == 1
        engine.dispose()
    finally:
        controller.stop()
    [message] = sink.messages
    subject = str(make_header(decode_header(message["Subject"])))
    assert message["To"] == "hieutruong@thcs-a.edu.vn" and subject == "[Thi Đua Số] 1 việc cần làm"
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    due = (today() - timedelta(days=10)).strftime("%d/%m/%Y")
    assert "Nộp kế hoạch: Kế hoạch thực hiện Phong trào" in body and f"hạn {due}, đã quá hạn" in body
