"""An approved plan stays alive (issue 15 item 3): the school's manager records task progress, the
overdue tasks are computed, and TC1.2 follows the progress."""

from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.assessments import start
from tests.fixtures.plans import URL, create_plan, days_ago, plan_act, plan_content
from tests.helpers import World, assert_problem


def _progress(
    client: TestClient, world: World, plan: Any, index: int, body: Any, login: str = "manager_a"
) -> Any:
    return client.put(
        f"{URL}/{plan.json()['id']}/tasks/{index}/progress",
        headers={**world.headers(login), "If-Match": plan.headers["etag"]},
        json=body,
    )


def _tc12(client: TestClient, world: World, assessment_id: int) -> Any:
    got = client.get(f"/api/v1/self-assessments/{assessment_id}", headers=world.headers("manager_a")).json()
    return next((e["self_value"], e["self_points"]) for e in got["entries"] if e["indicator_code"] == "TC1.2")


def test_progress_after_approval_feeds_tc12(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    plan = create_plan(
        client, world, catalogue["movement"], days_ago(12), solutions="Tập huấn theo cụm trường"
    )
    assert plan.json()["content"]["solutions"] == "Tập huấn theo cụm trường"  # "giải pháp"
    done = {"status": "done", "progress_percent": 100, "done_date": "2026-02-20", "result_note": "Xong"}
    assert_problem(_progress(client, world, plan, 1, done), 409)  # a draft is edited, not progressed
    plan = plan_act(client, world, "manager_a", plan, "submit")
    plan = plan_act(client, world, "officer", plan, "approve")
    plan = client.get(f"{URL}/{plan.json()['id']}", headers=world.headers("manager_a"))
    assert plan.json()["allowed_actions"] == ["update_progress", "adjust", "edit_budget"]
    # Two tasks due in 2025-2026 (20/10/2025 done on 15/10, 01/03/2026 in progress, now past due):
    # one of two done by its due date → 50 % of 7 points.
    assert plan.json()["overdue_tasks"] == [1]
    assert _tc12(client, world, a["id"]) == ("50.00", "3.50")

    # Bad input changes nothing: no done date, a future or pre-start date, a link that is not one,
    # a task that does not exist, another school's manager, a teacher.
    bad = [
        ({**done, "done_date": None}, "body.done_date"),
        ({**done, "done_date": "2099-01-01"}, "body.done_date"),
        ({**done, "done_date": "2025-09-01"}, "body.done_date"),
        ({**done, "evidence_links": ["ổ đĩa chung"]}, "body.evidence_links.0"),
        ({**done, "progress_percent": 101}, "body.progress_percent"),
    ]
    for body, path in bad:
        assert_problem(_progress(client, world, plan, 1, body), 422, path)
    assert_problem(_progress(client, world, plan, 7, done), 404)
    assert_problem(_progress(client, world, plan, 1, done, login="manager_b"), 404)
    assert_problem(_progress(client, world, plan, 1, done, login="teacher_a"), 403)
    assert _tc12(client, world, a["id"]) == ("50.00", "3.50")

    link = "https://drive.example.vn/hoc-lieu-so"
    plan = _progress(client, world, plan, 1, {**done, "evidence_links": [link]})
    assert plan.status_code == 200, plan.text
    task = plan.json()["content"]["tasks"][1]
    assert (task["status"], task["progress_percent"], task["evidence_links"]) == ("done", 100, [link])
    assert plan.json()["overdue_tasks"] == [] and plan.json()["status"] == "approved"
    # Both done by their due dates → 100 % → 7 points.
    assert _tc12(client, world, a["id"]) == ("100.00", "7.00")
    # Done on 10/03/2026, after its due date 01/03: late, overdue again, back to 1 of 2.
    plan = _progress(client, world, plan, 1, {**done, "done_date": "2026-03-10"})
    assert plan.json()["overdue_tasks"] == [1]
    assert _tc12(client, world, a["id"]) == ("50.00", "3.50")
    # The commune sees the progress in its tracking table: (100 + 100) / 2.
    rows = client.get(
        f"{URL}/tracking", params={"movement_id": catalogue["movement"]}, headers=world.headers("officer")
    ).json()
    assert next(r for r in rows if r["unit_code"] == "THCS-A")["progress_percent"] == "100.00"


def _adjust(
    client: TestClient, world: World, plan: Any, action: str, body: Any = None, login: str = "manager_a"
) -> Any:
    return client.post(
        f"{URL}/{plan.json()['id']}/{action}",
        headers={**world.headers(login), "If-Match": plan.headers["etag"]},
        json=body,
    )


def test_an_adjustment_is_reviewed_while_the_approved_version_stays_in_force(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = start(client, world, catalogue)
    plan = create_plan(client, world, catalogue["movement"], days_ago(12))
    plan = plan_act(client, world, "manager_a", plan, "submit")
    plan = plan_act(client, world, "officer", plan, "approve")
    plan = client.get(f"{URL}/{plan.json()['id']}", headers=world.headers("manager_a"))
    content = plan_content(world)
    # The adjustment moves the second task's due date to 30/06/2026 and adds a third task.
    content["tasks"][1]["due_date"] = "2026-06-30"
    content["tasks"].append(
        {"title": "Ngày hội chuyển đổi số", "start_date": "2026-04-01", "due_date": "2026-04-30"}
    )
    assert_problem(_adjust(client, world, plan, "adjustments", {"content": content}), 422, "body.reason")
    bad = plan_content(world, tasks=[{"title": "x", "start_date": "2026-04-01", "due_date": "2026-03-01"}])
    assert_problem(
        _adjust(client, world, plan, "adjustments", {"reason": "Đổi hạn", "content": bad}),
        422,
        "body.content.tasks.0.due_date",
    )
    plan = _adjust(client, world, plan, "adjustments", {"reason": "Lùi hạn kho học liệu", "content": content})
    assert plan.status_code == 200, plan.text
    body = plan.json()
    # Still the approved version in force: 2 tasks, TC1.2 unchanged (1 of 2 → 50 % → 3.50).
    assert body["status"] == "approved" and len(body["content"]["tasks"]) == 2
    assert body["pending_adjustment"]["reason"] == "Lùi hạn kho học liệu"
    assert len(body["pending_adjustment"]["content"]["tasks"]) == 3
    assert "adjust" not in body["allowed_actions"]
    assert_problem(_adjust(client, world, plan, "adjustments", {"reason": "lần 2", "content": content}), 409)
    assert _tc12(client, world, a["id"]) == ("50.00", "3.50")
    assert_problem(_adjust(client, world, plan, "adjustments/approve"), 403)  # the school cannot approve

    plan = client.get(f"{URL}/{body['id']}", headers=world.headers("officer"))
    assert {"approve_adjustment", "return_adjustment"} <= set(plan.json()["allowed_actions"])
    assert_problem(
        _adjust(client, world, plan, "adjustments/return", {}, login="officer"), 422, "body.comment"
    )
    plan = _adjust(client, world, plan, "adjustments/return", {"comment": "Nêu rõ kinh phí"}, login="officer")
    assert plan.json()["pending_adjustment"] is None and len(plan.json()["content"]["tasks"]) == 2
    plan = client.get(f"{URL}/{body['id']}", headers=world.headers("manager_a"))
    plan = _adjust(client, world, plan, "adjustments", {"reason": "Lùi hạn, có kinh phí", "content": content})
    plan = client.get(f"{URL}/{body['id']}", headers=world.headers("officer"))
    plan = _adjust(client, world, plan, "adjustments/approve", login="officer")
    assert plan.status_code == 200, plan.text
    assert plan.json()["pending_adjustment"] is None and len(plan.json()["content"]["tasks"]) == 3
    # In force now: due in 2025-2026 and by today are all three; only the first was done on time
    # → 1 of 3 → 33.33 % of 7 points = 2.33.
    assert _tc12(client, world, a["id"]) == ("33.33", "2.33")
    versions = client.get(f"{URL}/{body['id']}/versions", headers=world.headers("manager_a")).json()
    assert [(v["event"], v["comment"]) for v in versions] == [
        ("submit", None),
        ("approve", None),
        ("adjust_submit", "Lùi hạn kho học liệu"),
        ("adjust_return", "Nêu rõ kinh phí"),
        ("adjust_submit", "Lùi hạn, có kinh phí"),
        ("adjust_approve", None),
    ]
    assert len(versions[1]["snapshot"]["content"]["tasks"]) == 2  # the history shows both versions
    assert len(versions[5]["snapshot"]["content"]["tasks"]) == 3
