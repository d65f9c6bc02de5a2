"""Staff members and the unit scoping layer: a school never sees another school's people."""

from fastapi.testclient import TestClient

from tests.fixtures.units import create_staff
from tests.helpers import World, assert_problem


def _codes(client: TestClient, world: World, login: str, query: str = "") -> list[str]:
    r = client.get(f"/api/v1/staff{query}", headers=world.headers(login))
    assert r.status_code == 200, r.text
    return [s["code"] for s in r.json()["items"]]


def test_school_a_manager_sees_only_school_a_staff(client: TestClient, world: World) -> None:
    # Includes the subject group under the school, excludes school B entirely.
    assert _codes(client, world, "manager_a") == ["A-01", "A-02"]
    assert _codes(client, world, "teacher_a") == ["A-01", "A-02"]
    assert _codes(client, world, "manager_b") == ["B-01", "B-02"]
    assert _codes(client, world, "manager_a", f"?unit_id={world.units['TH-B']}") == []
    assert _codes(client, world, "manager_a", "?q=Lan") == []
    for code in ("B-01", "B-02"):
        assert_problem(
            client.get(f"/api/v1/staff/{world.staff[code]}", headers=world.headers("manager_a")), 404
        )
        assert_problem(
            client.get(f"/api/v1/staff/{world.staff[code]}", headers=world.headers("teacher_a")), 404
        )


def test_other_school_staff_is_404_like_a_missing_one(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    other = client.get(f"/api/v1/staff/{world.staff['B-01']}", headers=h).json()
    missing = client.get("/api/v1/staff/987654", headers=h).json()
    assert other["status"] == missing["status"] == 404
    url = f"/api/v1/staff/{world.staff['B-01']}"
    assert_problem(client.patch(url, headers={**h, "If-Match": '"1"'}, json={"position": "Hiệu trưởng"}), 404)
    assert_problem(client.post(f"{url}/deactivate", headers={**h, "If-Match": '"1"'}), 404)
    b = client.get(url, headers=world.headers("officer")).json()
    assert b["position"] == "Giáo viên" and b["is_active"] is True


def test_commune_roles_see_all_staff(client: TestClient, world: World) -> None:
    for login in ("officer", "admin", "leader", "inspector", "integration"):
        assert _codes(client, world, login) == ["A-01", "A-02", "B-01", "B-02"], login


def test_roles_without_staff_access_get_403(client: TestClient, world: World) -> None:
    for login in ("finance", "comms"):
        assert_problem(client.get("/api/v1/staff", headers=world.headers(login)), 403)


def test_manager_adds_staff_only_to_own_school(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    r = create_staff(client, world, unit_id=world.units["THCS-A-KHTN"], email="thao@example.vn")
    assert r.status_code == 201, r.text
    assert r.json()["unit_name"] == "Tổ Khoa học tự nhiên - THCS A"
    assert r.json()["allowed_actions"] == ["update", "deactivate"]
    r = client.post(
        "/api/v1/staff",
        headers=h,
        json={"code": "B-09", "full_name": "Ngô Văn Long", "unit_id": world.units["TH-B"]},
    )
    assert_problem(r, 422, "body.unit_id")
    # Moving own staff into another school is refused too.
    url = f"/api/v1/staff/{world.staff['A-01']}"
    assert_problem(
        client.patch(url, headers={**h, "If-Match": '"1"'}, json={"unit_id": world.units["TH-B"]}),
        422,
        "body.unit_id",
    )
    assert _codes(client, world, "manager_b") == ["B-01", "B-02"]


def test_teacher_reads_colleagues_but_cannot_change_them(client: TestClient, world: World) -> None:
    h = world.headers("teacher_a")
    member = client.get(f"/api/v1/staff/{world.staff['A-01']}", headers=h)
    assert member.status_code == 200 and member.json()["allowed_actions"] == []
    assert_problem(
        client.patch(
            f"/api/v1/staff/{world.staff['A-01']}",
            headers={**h, "If-Match": '"1"'},
            json={"position": "Hiệu trưởng"},
        ),
        403,
    )
    assert_problem(
        client.post(
            "/api/v1/staff",
            headers=h,
            json={"code": "A-9", "full_name": "X", "unit_id": world.units["THCS-A"]},
        ),
        403,
    )


def test_staff_bad_input(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    before = client.get("/api/v1/staff?include_inactive=true", headers=h).json()["total"]
    unit = world.units["THCS-A"]
    cases = [
        ({"full_name": "Thiếu mã", "unit_id": unit}, 422, "body.code"),
        ({"code": "N1", "unit_id": unit}, 422, "body.full_name"),
        ({"code": "N1", "full_name": "Thiếu đơn vị"}, 422, "body.unit_id"),
        ({"code": "N1", "full_name": "Đơn vị lạ", "unit_id": 999999}, 422, "body.unit_id"),
        ({"code": "N1", "full_name": "x" * 121, "unit_id": unit}, 422, "body.full_name"),
        (
            {"code": "N1", "full_name": "Email sai", "unit_id": unit, "email": "không-phải-email"},
            422,
            "body.email",
        ),
        ({"code": "N1", "full_name": "Số sai", "unit_id": unit, "phone": "abc"}, 422, "body.phone"),
        ({"code": "N1", "full_name": "Kiểu sai", "unit_id": [1]}, 422, "body.unit_id"),
        (
            {"code": "N1", "full_name": "Tài khoản lạ", "unit_id": unit, "user_id": 999999},
            422,
            "body.user_id",
        ),
        ({"code": "a-01", "full_name": "Trùng mã", "unit_id": unit}, 409, "body.code"),
    ]
    for body, status, path in cases:
        assert_problem(client.post("/api/v1/staff", headers=h, json=body), status, path)
    assert client.get("/api/v1/staff?include_inactive=true", headers=h).json()["total"] == before


def test_staff_user_link_is_unique(client: TestClient, world: World) -> None:
    h = world.headers("officer")
    user_id = world.users["teacher_a"].id
    url = f"/api/v1/staff/{world.staff['A-02']}"
    r = client.patch(url, headers={**h, "If-Match": '"1"'}, json={"user_id": user_id})
    assert r.status_code == 200 and r.json()["user_id"] == user_id
    r = client.patch(
        f"/api/v1/staff/{world.staff['A-01']}", headers={**h, "If-Match": '"1"'}, json={"user_id": user_id}
    )
    assert_problem(r, 409, "body.user_id")


def test_staff_concurrent_edit_and_deactivation(client: TestClient, world: World) -> None:
    h = world.headers("manager_a")
    url = f"/api/v1/staff/{world.staff['A-02']}"
    etag = client.get(url, headers=h).headers["etag"]
    assert_problem(client.patch(url, headers=h, json={"position": "Tổ trưởng"}), 428)
    ok = client.patch(url, headers={**h, "If-Match": etag}, json={"position": "Tổ trưởng chuyên môn"})
    assert ok.status_code == 200
    assert_problem(client.patch(url, headers={**h, "If-Match": etag}, json={"position": "Giáo viên"}), 412)
    gone = client.post(f"{url}/deactivate", headers={**h, "If-Match": ok.headers["etag"]})
    assert gone.status_code == 200 and gone.json()["is_active"] is False
    assert _codes(client, world, "manager_a") == ["A-01"]
    assert _codes(client, world, "manager_a", "?include_inactive=true") == ["A-01", "A-02"]
    back = client.post(f"{url}/activate", headers={**h, "If-Match": gone.headers["etag"]})
    assert back.status_code == 200 and back.json()["position"] == "Tổ trưởng chuyên môn"
    actions = [
        e["action"]
        for e in client.get(
            f"/api/v1/audit-events?entity_type=staff_member&entity_id={world.staff['A-02']}",
            headers=world.headers("officer"),
        ).json()["items"]
    ]
    assert actions == ["activate", "deactivate", "update"]


def test_audit_events_are_for_admin_and_officer_only(client: TestClient, world: World) -> None:
    for login in ("manager_a", "teacher_a", "leader", "finance", "comms", "inspector", "integration"):
        assert_problem(client.get("/api/v1/audit-events", headers=world.headers(login)), 403)
    for login in ("admin", "officer"):
        assert client.get("/api/v1/audit-events", headers=world.headers(login)).status_code == 200
