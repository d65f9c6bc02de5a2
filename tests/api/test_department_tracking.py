"""The Department's view of the communes' implementation plans (issue 20): the Sở GDĐT's officer reads
the plan tracking of the commune it picks (named by the commune's movement), with that commune's
schools and their plans' states; a commune's users stay behind the wall (another commune's movement
is 404, exactly like a missing one) and a teacher never reads the tracking."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.fixtures.plans import URL, commune_plan, plan_act, plan_content, submitted_plan
from tests.fixtures.province import make_province
from tests.helpers import World, assert_problem
from thidua.demo.catalogue import MOVEMENT


@pytest.fixture
def province(client: TestClient, world: World, catalogue: dict[str, int]) -> dict[str, int]:
    """Commune A (the fixture commune, movement from `catalogue`) and commune B ("UBND-2", school
    TH-C) with its own movement; returns both movements."""
    make_province(client, world)
    r = client.post("/api/v1/movements", headers=world.headers("officer_2"), json=MOVEMENT)
    assert r.status_code == 201, r.text
    return {"a": catalogue["movement"], "b": r.json()["id"]}


def _tracking(client: TestClient, world: World, login: str, movement: int) -> Any:
    return client.get(f"{URL}/tracking", headers=world.headers(login), params={"movement_id": movement})


def _rows(client: TestClient, world: World, login: str, movement: int) -> list[tuple[str, str | None]]:
    r = _tracking(client, world, login, movement)
    assert r.status_code == 200, r.text
    return [(row["unit_code"], row["status"]) for row in r.json()]


def _commune_b_plan_submitted(client: TestClient, world: World, movement: int) -> None:
    """Commune B issues its plan, TH-C acknowledges it and submits its own implementation plan."""
    issued = commune_plan(client, world, movement, 20, officer_login="officer_2", commune="UBND-2")
    ack = client.post(f"{URL}/{issued['id']}/acknowledge", headers=world.headers("manager_c"))
    assert ack.status_code == 200, ack.text
    plan = client.post(
        URL,
        headers=world.headers("manager_c"),
        json={
            "movement_id": movement,
            "number": "03/KH-THC",
            "title": "Kế hoạch thực hiện Phong trào",
            "content": plan_content(world, tasks=[], targets=[]),
        },
    )
    assert plan.status_code == 201, plan.text
    submitted = plan_act(client, world, "manager_c", plan, "submit")
    assert submitted.status_code == 200, submitted.text


def test_the_department_reads_each_communes_plan_tracking(
    client: TestClient, world: World, catalogue: dict[str, int], province: dict[str, int]
) -> None:
    # Commune A: THCS-A's plan approved, TH-B has none. Commune B: TH-C's plan submitted.
    plan = submitted_plan(client, world, catalogue)
    assert plan_act(client, world, "officer", plan, "approve").status_code == 200
    _commune_b_plan_submitted(client, world, province["b"])

    # The movements say whose they are, so the Department picks a commune's movement.
    movements = client.get("/api/v1/movements", headers=world.headers("department")).json()["items"]
    assert {m["id"]: m["commune_id"] for m in movements} == {
        province["a"]: world.units["UBND"],
        province["b"]: world.units["UBND-2"],
    }

    # ... or lists only the picked commune's; a commune's user naming another commune gets none.
    for login, commune, expected in (
        ("department", "UBND-2", [province["b"]]),
        ("department", "UBND", [province["a"]]),
        ("officer", "UBND-2", []),
        ("officer", "UBND", [province["a"]]),
    ):
        r = client.get(
            "/api/v1/movements", headers=world.headers(login), params={"commune_id": world.units[commune]}
        )
        assert [m["id"] for m in r.json()["items"]] == expected, (login, commune)

    assert _rows(client, world, "department", province["a"]) == [("TH-B", None), ("THCS-A", "approved")]
    assert _rows(client, world, "department", province["b"]) == [("TH-C", "submitted")]
    row = _tracking(client, world, "department", province["b"]).json()[0]
    assert row["unit_id"] == world.units["TH-C"] and row["received_date"] is not None
    assert row["submitted_at"] is not None and row["approved_at"] is None
    # The commune's own officers read the same tables as before, each only its own commune's.
    assert _rows(client, world, "officer", province["a"]) == _rows(client, world, "department", province["a"])
    assert _rows(client, world, "officer_2", province["b"]) == [("TH-C", "submitted")]
    assert_problem(_tracking(client, world, "department", 999_999), 404)


def test_a_commune_reads_no_other_communes_tracking(
    client: TestClient, world: World, province: dict[str, int]
) -> None:
    # Another commune's movement answers exactly like a missing one.
    assert_problem(_tracking(client, world, "officer", province["b"]), 404)
    assert_problem(_tracking(client, world, "officer", 999_999), 404)
    assert_problem(_tracking(client, world, "officer_2", province["a"]), 404)
    assert_problem(_tracking(client, world, "admin_2", province["a"]), 404)
    # Schools' people never read the tracking table, their commune's or another's.
    for login, movement in (("teacher_a", "a"), ("teacher_c", "b"), ("teacher_a", "b"), ("manager_a", "a")):
        assert_problem(_tracking(client, world, login, province[movement]), 403)
