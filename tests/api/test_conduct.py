"""Staff ratings and flags: the personal records award rules read. Few roles see them; a unit manager
only their own unit's; flags are recorded by the commune."""

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.fixtures.api import audit_actions, made
from tests.helpers import World, assert_problem

RATINGS = "/api/v1/staff-ratings"
FLAGS = "/api/v1/flags"


def _rating(
    client: TestClient,
    world: World,
    staff: str,
    rating: str = "good",
    year: str = "2025-2026",
    login: str = "manager_a",
) -> Any:
    return client.post(
        RATINGS,
        headers=world.headers(login),
        json={"staff_id": world.staff[staff], "school_year": year, "rating": rating},
    )


def test_a_unit_manager_rates_their_staff(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    rating = made(_rating(client, world, "A-02"))
    assert rating["staff_code"] == "A-02" and rating["staff_name"] == "Trần Văn Dũng"
    # The unit comes from the staff member (here the school's subject group).
    assert rating["unit_id"] == world.units["THCS-A-KHTN"]
    assert rating["unit_name"] == "Tổ Khoa học tự nhiên - THCS A"
    assert (rating["rating"], rating["rating_label"]) == ("good", "Hoàn thành tốt nhiệm vụ")
    assert rating["allowed_actions"] == ["update", "delete"] and rating["etag"] == '"1"'
    problem = assert_problem(_rating(client, world, "A-02", "excellent"), 409)
    assert "2025-2026" in problem["detail"]
    assert _rating(client, world, "A-02", "excellent", year="2024-2025").status_code == 201

    url = f"{RATINGS}/{rating['id']}"
    got = client.get(url, headers=h)
    assert got.status_code == 200 and got.headers["etag"] == '"1"'
    assert_problem(client.patch(url, headers=h, json={"rating": "excellent"}), 428)
    edited = client.patch(url, headers={**h, "If-Match": rating["etag"]}, json={"rating": "excellent"})
    assert edited.status_code == 200, edited.text
    assert edited.json()["rating_label"] == "Hoàn thành xuất sắc nhiệm vụ" and edited.headers["etag"] == '"2"'
    assert_problem(client.patch(url, headers={**h, "If-Match": '"1"'}, json={"rating": "good"}), 412)
    assert_problem(
        client.patch(url, headers={**h, "If-Match": '"2"'}, json={"rating": "superb"}), 422, "body.rating"
    )
    assert_problem(client.patch(url, headers={**h, "If-Match": '"2"'}, json={}), 422, "body.rating")
    assert_problem(client.delete(url, headers=h), 428)
    assert_problem(client.delete(url, headers={**h, "If-Match": '"1"'}), 412)
    assert client.delete(url, headers={**h, "If-Match": '"2"'}).status_code == 204
    assert_problem(client.get(url, headers=h), 404)
    assert audit_actions(client, world, "staff_rating", rating["id"]) == ["delete", "update", "create"]


def test_ratings_bad_inputs(client: TestClient, world: World) -> None:
    assert_problem(_rating(client, world, "A-01", "great"), 422, "body.rating")
    assert_problem(_rating(client, world, "A-01", year="2025-2027"), 422, "body.school_year")
    assert_problem(_rating(client, world, "A-01", year="2025"), 422, "body.school_year")
    r = client.post(
        RATINGS,
        headers=world.headers("manager_a"),
        json={"staff_id": 999_999, "school_year": "2025-2026", "rating": "good"},
    )
    assert_problem(r, 422, "body.staff_id")
    r = client.post(
        RATINGS,
        headers=world.headers("manager_a"),
        json={"staff_id": world.staff["A-01"], "school_year": "2025-2026", "rating": "good", "unit_id": 1},
    )
    assert_problem(r, 422, "body.unit_id")
    assert client.get(RATINGS, headers=world.headers("officer")).json()["total"] == 0


def test_who_sees_and_writes_ratings(client: TestClient, world: World) -> None:
    problem = assert_problem(_rating(client, world, "B-01"), 422, "body.staff_id")
    assert "phạm vi" in problem["errors"][0]["message"]
    b = made(_rating(client, world, "B-01", "completed", login="officer"))
    a = made(_rating(client, world, "A-01", "excellent"))
    assert (
        made(_rating(client, world, "B-02", "good", login="manager_b"))["unit_name"] == "Tổ khối 4-5 - TH B"
    )
    assert_problem(client.get(f"{RATINGS}/{b['id']}", headers=world.headers("manager_a")), 404)
    assert_problem(
        client.patch(
            f"{RATINGS}/{b['id']}",
            headers={**world.headers("manager_a"), "If-Match": '"1"'},
            json={"rating": "good"},
        ),
        404,
    )
    for login in ("teacher_a", "teacher_b", "finance", "comms", "inspector", "integration"):
        assert_problem(client.get(RATINGS, headers=world.headers(login)), 403)
        assert_problem(_rating(client, world, "A-02", login=login), 403)
    leader = client.get(f"{RATINGS}/{a['id']}", headers=world.headers("leader"))
    assert leader.status_code == 200 and leader.json()["allowed_actions"] == []
    assert_problem(_rating(client, world, "A-02", login="leader"), 403)

    def staff_codes(login: str = "officer", **params: Any) -> list[str]:
        body = client.get(RATINGS, params=params, headers=world.headers(login)).json()
        assert body["total"] == len(body["items"])
        return [i["staff_code"] for i in body["items"]]

    made(_rating(client, world, "A-01", "good", year="2024-2025"))
    # Newest school year first, then by staff code.
    assert staff_codes() == ["A-01", "B-01", "B-02", "A-01"]
    assert staff_codes("manager_a") == ["A-01", "A-01"]
    assert staff_codes("manager_b") == ["B-01", "B-02"]
    assert staff_codes(unit_id=world.units["TH-B"]) == ["B-01", "B-02"]  # its subject group included
    assert staff_codes(unit_id=world.units["TH-B-K45"]) == ["B-02"]
    assert staff_codes(staff_id=world.staff["A-01"]) == ["A-01", "A-01"]
    assert staff_codes(school_year="2024-2025") == ["A-01"]
    assert staff_codes("manager_a", unit_id=world.units["TH-B"]) == []
    assert_problem(client.get(RATINGS, params={"school_year": "x"}, headers=world.headers("officer")), 422)


def _flag(client: TestClient, world: World, login: str = "officer", **fields: Any) -> Any:
    body = {
        "unit_id": world.units["THCS-A"],
        "staff_id": world.staff["A-01"],
        "kind": "disciplinary",
        "severity": "warning",
        "opened_on": "2026-03-02",
        "note": "Quyết định kỷ luật số 03/QĐ-THCSA",
        **fields,
    }
    return client.post(FLAGS, headers=world.headers(login), json=body)


def test_the_commune_records_and_closes_flags(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    flag = made(_flag(client, world))
    assert flag["subject_name"] == "Nguyễn Thị Hương" and flag["staff_code"] == "A-01"
    assert flag["unit_name"] == "Trường THCS A" and flag["kind_label"] == "Hình thức kỷ luật"
    assert (flag["severity"], flag["severity_label"]) == ("warning", "Cảnh cáo")
    assert flag["is_open"] is True and flag["closed_on"] is None
    assert flag["allowed_actions"] == ["update", "delete"]
    incident = made(
        _flag(client, world, staff_id=None, kind="security_incident", severity=None, note="Lộ danh sách lớp")
    )
    assert incident["subject_name"] == "Trường THCS A" and incident["staff_id"] is None
    assert incident["kind_label"] == "Sự cố an toàn thông tin" and incident["severity_label"] is None

    url = f"{FLAGS}/{flag['id']}"
    problem = assert_problem(
        client.patch(url, headers={**h, "If-Match": flag["etag"]}, json={"closed_on": "2026-03-01"}),
        422,
        "body.closed_on",
    )
    assert "02/03/2026" in problem["detail"]
    future = (date.today() + timedelta(days=3)).isoformat()
    assert_problem(
        client.patch(url, headers={**h, "If-Match": flag["etag"]}, json={"closed_on": future}),
        422,
        "body.closed_on",
    )
    assert_problem(client.patch(url, headers=h, json={"closed_on": "2026-09-01"}), 428)
    closed = client.patch(url, headers={**h, "If-Match": flag["etag"]}, json={"closed_on": "2026-09-01"})
    assert closed.status_code == 200, closed.text
    assert closed.json()["is_open"] is False and closed.json()["closed_on"] == "2026-09-01"
    assert closed.json()["note"] == flag["note"] and closed.json()["severity"] == "warning"
    assert_problem(client.patch(url, headers={**h, "If-Match": flag["etag"]}, json={"note": "x"}), 412)
    severe = client.patch(
        url,
        headers={**h, "If-Match": closed.headers["etag"]},
        json={"severity": "demotion", "note": "Sửa mức"},
    )
    assert severe.json()["severity_label"] == "Hạ bậc lương, giáng chức, cách chức"
    assert severe.json()["is_open"] is False and severe.json()["note"] == "Sửa mức"
    reopened = client.patch(url, headers={**h, "If-Match": severe.headers["etag"]}, json={"closed_on": None})
    assert reopened.json()["is_open"] is True

    incident_url = f"{FLAGS}/{incident['id']}"
    assert_problem(
        client.patch(incident_url, headers={**h, "If-Match": incident["etag"]}, json={"severity": "warning"}),
        422,
        "body.severity",
    )
    assert_problem(client.delete(incident_url, headers=h), 428)
    assert_problem(client.delete(incident_url, headers={**h, "If-Match": '"9"'}), 412)
    assert client.delete(incident_url, headers={**h, "If-Match": incident["etag"]}).status_code == 204
    assert_problem(client.get(incident_url, headers=h), 404)
    assert audit_actions(client, world, "flag", flag["id"]) == ["update", "update", "update", "create"]
    assert audit_actions(client, world, "flag", incident["id"]) == ["delete", "create"]


def test_flags_bad_inputs(client: TestClient, world: World) -> None:
    problem = assert_problem(_flag(client, world, kind="security_incident"), 422, "body.severity")
    assert "an toàn thông tin" in problem["detail"]
    assert_problem(_flag(client, world, staff_id=world.staff["B-01"]), 422, "body.staff_id")
    assert_problem(_flag(client, world, staff_id=999_999), 422, "body.staff_id")
    assert_problem(_flag(client, world, unit_id=999_999), 422, "body.unit_id")
    assert_problem(_flag(client, world, kind="rumour"), 422, "body.kind")
    assert_problem(_flag(client, world, severity="death"), 422, "body.severity")
    future = (date.today() + timedelta(days=1)).isoformat()
    assert_problem(_flag(client, world, opened_on=future), 422, "body.opened_on")
    assert_problem(_flag(client, world, opened_on="02/03/2026"), 422, "body.opened_on")
    assert_problem(_flag(client, world, closed_on="2026-04-01"), 422, "body.closed_on")
    assert_problem(_flag(client, world, note="x" * 4001), 422, "body.note")
    assert client.get(FLAGS, headers=world.headers("officer")).json()["total"] == 0
    # A staff member of the school's subject group belongs to the school.
    assert _flag(client, world, staff_id=world.staff["A-02"]).status_code == 201


def test_who_sees_and_writes_flags(client: TestClient, world: World) -> None:
    a = made(_flag(client, world))
    a_incident = made(_flag(client, world, staff_id=None, kind="security_incident", severity=None))
    b = made(
        _flag(
            client, world, unit_id=world.units["TH-B"], staff_id=world.staff["B-02"], opened_on="2025-12-01"
        )
    )
    for login in (
        "leader",
        "manager_a",
        "manager_b",
        "teacher_a",
        "finance",
        "comms",
        "inspector",
        "integration",
    ):
        assert_problem(_flag(client, world, login=login), 403)
    for login in ("teacher_a", "teacher_b", "finance", "comms", "inspector", "integration"):
        assert_problem(client.get(FLAGS, headers=world.headers(login)), 403)
        assert_problem(client.get(f"{FLAGS}/{a['id']}", headers=world.headers(login)), 403)
    leader = client.get(f"{FLAGS}/{b['id']}", headers=world.headers("leader"))
    assert leader.status_code == 200 and leader.json()["allowed_actions"] == []
    assert_problem(
        client.patch(f"{FLAGS}/{b['id']}", headers={**world.headers("leader"), "If-Match": '"1"'}, json={}),
        403,
    )
    manager = world.headers("manager_a")
    assert client.get(f"{FLAGS}/{a['id']}", headers=manager).json()["allowed_actions"] == []
    assert_problem(client.get(f"{FLAGS}/{b['id']}", headers=manager), 404)

    def ids(login: str = "officer", **params: Any) -> list[int]:
        body = client.get(FLAGS, params=params, headers=world.headers(login)).json()
        assert body["total"] == len(body["items"])
        return [i["id"] for i in body["items"]]

    # Most recently opened first (same day: most recent record first).
    assert ids() == [a_incident["id"], a["id"], b["id"]]
    assert ids("manager_a") == [a_incident["id"], a["id"]]
    assert ids("manager_b") == [b["id"]]
    assert ids(unit_id=world.units["TH-B"]) == [b["id"]]
    assert ids(staff_id=world.staff["A-01"]) == [a["id"]]
    assert ids(kind="security_incident") == [a_incident["id"]]
    officer = world.headers("officer")
    client.patch(
        f"{FLAGS}/{b['id']}", headers={**officer, "If-Match": b["etag"]}, json={"closed_on": "2026-01-05"}
    )
    assert ids(open="true") == [a_incident["id"], a["id"]]
    assert ids(open="false") == [b["id"]]
    assert ids("leader", open="false", kind="disciplinary") == [b["id"]]
    assert_problem(client.get(FLAGS, params={"open": "maybe"}, headers=officer), 422, "query.open")
    assert_problem(client.get(FLAGS, params={"kind": "rumour"}, headers=officer), 422, "query.kind")
