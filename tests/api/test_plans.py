"""Implementation plans: the 30-day deadline, the review workflow with versions, budget lines kept by
the finance office, and the computed indicators TC1.1 and TC1.2."""

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.fixtures.assessments import start
from tests.fixtures.plans import URL, create_plan, days_ago, plan_act, plan_content
from tests.helpers import World, assert_problem
from thidua.core.models import today


def test_plan_workflow_with_versions(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    plan = create_plan(client, world, catalogue["movement"], days_ago(10))
    assert plan.status_code == 201, plan.text
    body = plan.json()
    assert body["status"] == "draft" and body["due_date"] == (today() + timedelta(days=20)).isoformat()
    assert (body["deadline_status"], body["days_left"]) == ("pending", 20)
    assert body["allowed_actions"] == ["update", "submit", "edit_budget"]
    assert_problem(create_plan(client, world, catalogue["movement"], days_ago(10)), 409)

    plan = plan_act(client, world, "manager_a", plan, "submit")
    assert plan.json()["status"] == "submitted" and plan.json()["deadline_status"] == "on_time"
    patch = client.patch(
        f"{URL}/{plan.json()['id']}",
        headers={**world.headers("manager_a"), "If-Match": plan.headers["etag"]},
        json={"title": "Sửa sau khi nộp"},
    )
    assert_problem(patch, 409)
    assert plan.json()["allowed_actions"] == ["edit_budget"]
    assert_problem(plan_act(client, world, "officer", plan, "return", {}), 422, "body.comment")
    plan = plan_act(client, world, "officer", plan, "return", {"comment": "Bổ sung chỉ tiêu TC4.1"})
    assert plan.json()["status"] == "returned" and plan.json()["return_comment"] == "Bổ sung chỉ tiêu TC4.1"

    content = plan_content(world)
    content["targets"].append({"indicator_code": "TC4.1", "school_year": "2025-2026", "target_value": "100"})
    plan = client.patch(
        f"{URL}/{plan.json()['id']}",
        headers={**world.headers("manager_a"), "If-Match": plan.headers["etag"]},
        json={"content": content},
    )
    assert plan.status_code == 200, plan.text
    plan = plan_act(client, world, "manager_a", plan, "submit")
    plan = plan_act(client, world, "officer", plan, "approve")
    assert plan.json()["status"] == "approved" and plan.json()["approved_at"]
    versions = client.get(f"{URL}/{plan.json()['id']}/versions", headers=world.headers("manager_a")).json()
    assert [(v["number"], v["event"]) for v in versions] == [
        (1, "submit"),
        (2, "return"),
        (3, "submit"),
        (4, "approve"),
    ]
    assert len(versions[0]["snapshot"]["content"]["targets"]) == 1
    assert len(versions[2]["snapshot"]["content"]["targets"]) == 2

    for login in ("manager_b", "teacher_b"):
        assert_problem(client.get(f"{URL}/{plan.json()['id']}", headers=world.headers(login)), 404)
    assert_problem(
        client.patch(
            f"{URL}/{plan.json()['id']}",
            headers={**world.headers("manager_b"), "If-Match": plan.headers["etag"]},
            json={"title": "x"},
        ),
        404,
    )


def test_finance_keeps_budget_lines_but_not_objectives(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    plan = create_plan(client, world, catalogue["movement"], days_ago(3))
    url = f"{URL}/{plan.json()['id']}"
    finance = {**world.headers("finance"), "If-Match": plan.headers["etag"]}
    lines = {
        "budget_lines": [
            {"source": "state_budget", "amount_vnd": 15_000_000, "description": "Mua máy chiếu"},
            {"source": "socialisation", "amount_vnd": 5_000_000, "description": "Tài trợ"},
        ]
    }
    assert_problem(
        client.put(
            f"{url}/budget-lines",
            headers=finance,
            json={"budget_lines": [{"source": "state_budget", "amount_vnd": -1, "description": "Âm"}]},
        ),
        422,
        "body.budget_lines.0.amount_vnd",
    )
    assert_problem(
        client.put(
            f"{url}/budget-lines",
            headers=finance,
            json={"budget_lines": [{"source": "lottery", "amount_vnd": 1, "description": "Sai nguồn"}]},
        ),
        422,
        "body.budget_lines.0.source",
    )
    r = client.put(f"{url}/budget-lines", headers=finance, json=lines)
    assert r.status_code == 200, r.text
    assert r.json()["budget_total_vnd"] == 20_000_000
    assert_problem(
        client.patch(
            url,
            headers={**world.headers("finance"), "If-Match": r.headers["etag"]},
            json={"content": {"objectives": "Đổi mục tiêu"}},
        ),
        403,
    )
    assert (
        client.get(url, headers=world.headers("manager_a")).json()["content"]["objectives"].startswith("100%")
    )
    assert_problem(client.put(f"{url}/budget-lines", headers=finance, json=lines), 412)


def test_bad_plans_are_refused_with_the_field_named(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    task = {"title": "Ngược ngày", "start_date": "2025-10-10", "due_date": "2025-10-01"}
    assert_problem(
        create_plan(client, world, catalogue["movement"], days_ago(1), tasks=[task]),
        422,
        "body.content.tasks.0.due_date",
    )
    task = {
        "title": "Người trường khác",
        "owner_staff_id": world.staff["B-01"],
        "start_date": "2025-10-01",
        "due_date": "2025-10-10",
    }
    assert_problem(
        create_plan(client, world, catalogue["movement"], days_ago(1), tasks=[task]),
        422,
        "body.content.tasks.0.owner_staff_id",
    )
    targets = [{"indicator_code": "TC9.9", "school_year": "2025-2026", "target_value": "1"}]
    assert_problem(
        create_plan(client, world, catalogue["movement"], days_ago(1), targets=targets),
        422,
        "body.content.targets.0.indicator_code",
    )
    task = {
        "title": "Tiến độ sai",
        "start_date": "2025-10-01",
        "due_date": "2025-10-10",
        "progress_percent": 140,
    }
    assert_problem(
        create_plan(client, world, catalogue["movement"], days_ago(1), tasks=[task]),
        422,
        "body.content.tasks.0.progress_percent",
    )
    typed = {"movement_id": catalogue["movement"], "title": "Tự nhập ngày nhận", "received_date": days_ago(1)}
    assert_problem(
        client.post(URL, headers=world.headers("manager_a"), json=typed), 422, "body.received_date"
    )
    assert_problem(create_plan(client, world, catalogue["movement"], days_ago(1), login="teacher_a"), 403)
    assert client.get(URL, headers=world.headers("officer"), params={"kind": "unit"}).json()["total"] == 0


def test_deadline_status_at_the_boundary_days(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    # Received 30 days ago: due today, so submitting today is on time. Received 31 days ago: late.
    on_time = create_plan(client, world, catalogue["movement"], days_ago(30))
    assert (on_time.json()["deadline_status"], on_time.json()["days_left"]) == ("due_soon", 0)
    assert plan_act(client, world, "manager_a", on_time, "submit").json()["deadline_status"] == "on_time"
    late = create_plan(
        client, world, catalogue["movement"], days_ago(31), login="manager_b", tasks=[], targets=[]
    )
    assert (late.json()["deadline_status"], late.json()["days_left"]) == ("overdue", -1)
    assert plan_act(client, world, "manager_b", late, "submit").json()["deadline_status"] == "submitted_late"

    rows = client.get(
        f"{URL}/tracking?movement_id={catalogue['movement']}", headers=world.headers("officer")
    ).json()
    assert [(r["unit_code"], r["deadline_status"]) for r in rows] == [
        ("TH-B", "submitted_late"),
        ("THCS-A", "on_time"),
    ]
    assert_problem(
        client.get(f"{URL}/tracking?movement_id={catalogue['movement']}", headers=world.headers("manager_a")),
        403,
    )


def test_plans_feed_tc11_and_tc12(client: TestClient, world: World, catalogue: dict[str, int]) -> None:
    a = start(client, world, catalogue)
    entries = {e["indicator_code"]: e for e in a["entries"]}
    assert (entries["TC1.1"]["self_value"], entries["TC1.2"]["self_value"]) == ("0", None)
    plan = create_plan(client, world, catalogue["movement"], days_ago(12))
    plan_act(client, world, "manager_a", plan, "submit")
    got = client.get(f"/api/v1/self-assessments/{a['id']}", headers=world.headers("manager_a")).json()
    entries = {e["indicator_code"]: (e["self_value"], e["self_points"]) for e in got["entries"]}
    # Submitted on day 12 of 30 → TC1.1 = 1 (8 points, the gate passes). Of the two tasks due in
    # 2025-2026, one was done before its due date → TC1.2 = 50 % of 7 = 3.50.
    assert entries["TC1.1"] == ("1", "8.00") and entries["TC1.2"] == ("50.00", "3.50")
    assert "TC1.1" not in got["score"]["failed_gates"]
