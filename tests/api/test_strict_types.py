"""JSON is taken as written: a number is not a date and 0/1 or "yes" are not booleans (pydantic's lax
mode would store 0 as 1970-01-01 and 1 as true; the fuzzer found it). Nothing is stored."""

from fastapi.testclient import TestClient

from tests.helpers import World, assert_problem


def test_numbers_are_not_dates_and_not_booleans(client: TestClient, world: World) -> None:
    officer = world.headers("officer")
    flag = {
        "staff_id": world.staff["A-01"],
        "kind": "disciplinary",
        "severity": "reprimand",
        "opened_on": 0,
        "summary": "Khiển trách",
    }
    body = assert_problem(client.post("/api/v1/flags", json=flag, headers=officer), 422, "body.opened_on")
    assert "YYYY-MM-DD" in str(body["errors"])
    plan = {"title": "Kế hoạch", "school_year": "2025-2026", "issue_date": 1_756_000_000}
    assert_problem(
        client.post("/api/v1/plans", json=plan, headers=world.headers("manager_a")), 422, "body.issue_date"
    )
    achievement = {
        "award_type_code": "GK-XA-CN",
        "staff_id": world.staff["A-01"],
        "school_year": "2025-2026",
        "decision_number": "12/QĐ-UBND",
        "decision_date": "2025-09-05",
        "themed": 1,
    }
    assert_problem(client.post("/api/v1/achievements", json=achievement, headers=officer), 422, "body.themed")
    assert client.get("/api/v1/flags", headers=officer).json()["total"] == 0
    assert client.get("/api/v1/achievements", headers=officer).json()["total"] == 0
