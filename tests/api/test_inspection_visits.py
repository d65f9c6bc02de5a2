"""An inspection carries out visits of the yearly inspection plan (issue 17, point 2: "A yearly inspection
plan (schedule per school, team, content) ..."): the plan then shows which visits were done, by which
inspection, with its findings at the school and the minutes; a visit of a draft plan, of another year, of
another inspection, or of an ad hoc inspection is refused naming the visit, and nothing changes."""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.api import with_etag
from tests.fixtures.inspections import URL, add_finding, create_inspection, plan_body
from tests.helpers import World, assert_problem

PLANS = "/api/v1/inspection-plans"
ISSUE = {
    "number": "15/KH-UBND",
    "signed_on": "2025-09-20",
    "signer_name": "Phạm Thị Phó",
    "signer_title": "Phó Chủ tịch",
}


def _plan(client: TestClient, world: World, issued: bool = True, **overrides: Any) -> dict[str, Any]:
    officer = world.headers("officer")
    r = client.post(PLANS, headers=officer, json=plan_body(world, **overrides))
    assert r.status_code == 201, r.text
    plan = with_etag(r)
    if issued:
        r = client.post(
            f"{PLANS}/{plan['id']}/issue", headers={**officer, "If-Match": plan["etag"]}, json=ISSUE
        )
        assert r.status_code == 200, r.text
        plan = with_etag(r)
    return plan


def _visits(client: TestClient, world: World, plan_id: int, login: str = "officer") -> dict[str, Any]:
    plan = client.get(f"{PLANS}/{plan_id}", headers=world.headers(login)).json()
    return {item["unit_name"]: item["inspection"] for item in plan["items"]}


def test_the_plan_shows_which_visits_were_done_with_findings_and_minutes(
    client: TestClient, world: World
) -> None:
    plan = _plan(client, world)
    visit_a, visit_b = (item["id"] for item in plan["items"])
    assert _visits(client, world, plan["id"]) == {"Trường THCS A": None, "Trường Tiểu học B": None}

    # The inspection of the first visit: the visit's school joins the inspected units by itself.
    r = create_inspection(client, world, unit_ids=[world.units["THCS-A"]], plan_item_ids=[visit_a])
    assert r.status_code == 201, r.text
    inspection = r.json()
    assert [(v["plan_item_id"], v["unit_name"], v["scheduled_on"]) for v in inspection["visits"]] == [
        (visit_a, "Trường THCS A", "2025-12-15")
    ]
    add_finding(client, world, inspection["id"], shortcomings="Chưa có kho học liệu số", mandatory=True)
    add_finding(client, world, inspection["id"], strengths="Hồ sơ đầy đủ", status="done")

    done = _visits(client, world, plan["id"])
    assert done["Trường Tiểu học B"] is None
    a = done["Trường THCS A"]
    assert (a["inspection_id"], a["status"], a["findings"], a["open_findings"]) == (
        inspection["id"],
        "open",
        2,
        1,
    )
    minutes = client.get(a["minutes_url"], headers=world.headers("officer"))
    assert minutes.status_code == 200 and minutes.content[:2] == b"PK"  # the DOCX minutes of that school

    # The school reads its own visit and the inspection that made it; the other school's visit is not its.
    mine = _visits(client, world, plan["id"], "manager_a")
    assert list(mine) == ["Trường THCS A"] and mine["Trường THCS A"]["inspection_id"] == inspection["id"]

    # The second visit is made by the same inspection later (PATCH): TH-B joins the inspected units.
    current = client.get(f"{URL}/{inspection['id']}", headers=world.headers("officer"))
    r = client.patch(
        f"{URL}/{inspection['id']}",
        headers={**world.headers("officer"), "If-Match": current.headers["etag"]},
        json={"plan_item_ids": [visit_a, visit_b]},
    )
    assert r.status_code == 200, r.text
    assert {u["code"] for u in r.json()["units"]} == {"THCS-A", "TH-B"}
    assert {name: v["inspection_id"] for name, v in _visits(client, world, plan["id"]).items()} == {
        "Trường THCS A": inspection["id"],
        "Trường Tiểu học B": inspection["id"],
    }
    # Dropping a school from the inspection drops its planned visit too.
    r = client.patch(
        f"{URL}/{inspection['id']}",
        headers={**world.headers("officer"), "If-Match": r.headers["etag"]},
        json={"unit_ids": [world.units["THCS-A"]]},
    )
    assert r.status_code == 200, r.text
    assert [v["plan_item_id"] for v in r.json()["visits"]] == [visit_a]
    assert _visits(client, world, plan["id"])["Trường Tiểu học B"] is None


def test_a_visit_the_inspection_cannot_make_is_refused_naming_it(client: TestClient, world: World) -> None:
    draft = _plan(client, world, issued=False)
    draft_visit = draft["items"][0]["id"]
    r = create_inspection(client, world, plan_item_ids=[draft_visit])
    assert_problem(r, 422, "body.plan_item_ids.0")
    assert "chưa ban hành" in str(r.json()["errors"])

    other_year = _plan(client, world, school_year="2026-2027")
    r = create_inspection(client, world, plan_item_ids=[other_year["items"][0]["id"]])
    assert_problem(r, 422, "body.plan_item_ids.0")
    assert "2026-2027" in str(r.json()["errors"])

    assert_problem(create_inspection(client, world, plan_item_ids=[999_999]), 422, "body.plan_item_ids.0")
    assert_problem(
        create_inspection(client, world, kind="ad_hoc", plan_item_ids=[other_year["items"][0]["id"]]),
        422,
        "body.plan_item_ids",
    )
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 0  # nothing was stored

    # A visit is made by one inspection at most.
    visit = other_year["items"][0]["id"]
    first = create_inspection(client, world, school_year="2026-2027", plan_item_ids=[visit])
    assert first.status_code == 201, first.text
    r = create_inspection(client, world, title="Lần hai", school_year="2026-2027", plan_item_ids=[visit])
    assert_problem(r, 422, "body.plan_item_ids.0")
    assert str(first.json()["id"]) in str(r.json()["errors"])
    assert client.get(URL, headers=world.headers("officer")).json()["total"] == 1
