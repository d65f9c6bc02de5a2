"""Research support (seed V.4.2): a head of school records the time, money and expertise the school
gives to an initiative or research work; totals per school, and in the consolidated report."""

from io import BytesIO
from typing import Any

from docx import Document
from fastapi.testclient import TestClient

from tests.fixtures.api import audit_actions, made
from tests.fixtures.initiatives import author_shares, create_initiative
from tests.fixtures.reports import URL as REPORTS
from tests.fixtures.reports import request_reports
from tests.fixtures.steering import SUPPORTS, support
from tests.helpers import World, assert_problem


def _initiative(client: TestClient, world: World, login: str = "manager_a", **fields: Any) -> dict[str, Any]:
    return made(create_initiative(client, world, login, **fields))


def test_a_head_records_support_and_the_totals_add_up(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    first = _initiative(client, world)
    second = _initiative(client, world, kind="research", title="Đề tài nghiên cứu học liệu số")
    one = made(support(client, world, first["id"]))
    assert one["unit_id"] == world.units["THCS-A"] and one["unit_name"] == "Trường THCS A"
    assert one["hours"] == "12.50" and one["money"] == 3_000_000 and one["school_year"] == "2025-2026"
    assert one["allowed_actions"] == ["update", "delete"]
    made(support(client, world, first["id"], hours="7.5", money=500_000, expertise=""))
    made(
        support(
            client, world, second["id"], hours="0", money=0, expertise="Mời chuyên gia Sở góp ý", ends_on=None
        )
    )
    b_initiative = _initiative(
        client, world, "manager_b", authors=author_shares(world, ("B-01", "100")), title="Sáng kiến của B"
    )
    made(support(client, world, b_initiative["id"], login="manager_b", hours="4", money=1_000_000))

    # School A: 3 supports for 2 initiatives, 12,5 + 7,5 + 0 = 20 hours, 3.500.000 đ, 2 with expertise.
    totals = client.get(f"{SUPPORTS}/totals", headers=h).json()
    assert totals["items"] == [
        {
            "unit_id": world.units["THCS-A"],
            "unit_code": "THCS-A",
            "unit_name": "Trường THCS A",
            "supports": 3,
            "initiatives": 2,
            "hours": "20.00",
            "money": 3_500_000,
            "with_expertise": 2,
        }
    ]
    everyone = client.get(f"{SUPPORTS}/totals", headers=world.headers("officer")).json()
    assert [(t["unit_code"], t["money"]) for t in everyone["items"]] == [
        ("TH-B", 1_000_000),
        ("THCS-A", 3_500_000),
    ]
    assert everyone["money"] == 4_500_000 and everyone["hours"] == "24.00"
    one_school = client.get(
        f"{SUPPORTS}/totals?unit_id={world.units['TH-B']}", headers=world.headers("finance")
    )
    assert [t["hours"] for t in one_school.json()["items"]] == ["4.00"]

    listed = client.get(f"{SUPPORTS}?initiative_id={first['id']}", headers=h).json()
    assert listed["total"] == 2
    assert client.get(SUPPORTS, headers=world.headers("manager_b")).json()["total"] == 1

    edited = client.patch(
        f"{SUPPORTS}/{one['id']}", headers={**h, "If-Match": one["etag"]}, json={"money": 2_000_000}
    )
    assert edited.status_code == 200 and edited.json()["money"] == 2_000_000
    assert_problem(
        client.patch(f"{SUPPORTS}/{one['id']}", headers={**h, "If-Match": one["etag"]}, json={}), 412
    )
    assert_problem(client.delete(f"{SUPPORTS}/{one['id']}", headers=h), 428)
    now = {**h, "If-Match": edited.headers["etag"]}
    assert client.delete(f"{SUPPORTS}/{one['id']}", headers=now).status_code == 204
    assert audit_actions(client, world, "research_support", one["id"]) == ["delete", "update", "create"]


def test_bad_inputs_and_other_schools(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    mine = _initiative(client, world)
    theirs = _initiative(client, world, "manager_b", authors=author_shares(world, ("B-01", "100")))

    assert_problem(support(client, world, mine["id"], money=-1), 422, "body.money")
    assert_problem(support(client, world, mine["id"], hours="-2"), 422, "body.hours")
    assert_problem(
        support(client, world, mine["id"], starts_on="2026-04-01", ends_on="2026-03-01"), 422, "body.ends_on"
    )
    assert_problem(support(client, world, mine["id"], hours="0", money=0, expertise=""), 422, "body.hours")
    assert_problem(support(client, world, mine["id"], starts_on=20251001), 422, "body.starts_on")
    assert_problem(support(client, world, theirs["id"]), 404)  # another school's initiative
    assert_problem(support(client, world, mine["id"], login="teacher_a"), 403)
    assert_problem(support(client, world, mine["id"], login="leader"), 403)
    assert client.get(SUPPORTS, headers=h).json()["total"] == 0

    one = made(support(client, world, mine["id"]))
    assert_problem(
        client.patch(
            f"{SUPPORTS}/{one['id']}", headers={**h, "If-Match": one["etag"]}, json={"ends_on": "2025-09-01"}
        ),
        422,
        "body.ends_on",
    )
    assert client.get(f"{SUPPORTS}/{one['id']}", headers=h).json()["ends_on"] == "2026-03-31"
    assert_problem(client.get(f"{SUPPORTS}/{one['id']}", headers=world.headers("manager_b")), 404)
    assert_problem(
        client.delete(
            f"{SUPPORTS}/{one['id']}", headers={**world.headers("manager_b"), "If-Match": one["etag"]}
        ),
        404,
    )
    # The teacher sees the school's support; the commune leader reads it too.
    assert (
        client.get(f"{SUPPORTS}/{one['id']}", headers=world.headers("teacher_a")).json()["allowed_actions"]
        == []
    )
    assert client.get(f"{SUPPORTS}/{one['id']}", headers=world.headers("leader")).status_code == 200


def test_the_consolidated_report_counts_the_support(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    made(support(client, world, _initiative(client, world)["id"], hours="10", money=2_500_000))
    request_id = request_reports(client, world, catalogue).json()["id"]
    data = client.get(f"{REPORTS}/{request_id}/consolidated", headers=world.headers("officer")).json()
    rows = {r["unit_code"]: r["figures"]["research_support"] for r in data["rows"]}
    assert rows["THCS-A"] == {"supports": 1, "initiatives": 1, "hours": "10.00", "money": 2_500_000}
    assert rows["TH-B"] == {"supports": 0, "initiatives": 0, "hours": "0.00", "money": 0}
    t = data["totals"]
    assert (t["research_supports"], t["research_support_hours"], t["research_support_money"]) == (
        1,
        "10.00",
        2_500_000,
    )
    docx = client.get(
        f"{REPORTS}/{request_id}/consolidated.docx?number=15&signer=Trần Văn Thành",
        headers=world.headers("officer"),
    )
    texts = [p.text for p in Document(BytesIO(docx.content)).paragraphs]
    assert (
        "2. Hỗ trợ nghiên cứu khoa học, sáng kiến của giáo viên: 1 lượt hỗ trợ, 10 giờ, kinh phí "
        "2.500.000 đồng." in texts
    ) and "3. Số liệu của các đơn vị:" in texts
