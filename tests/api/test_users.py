"""User accounts managed by the admin: creation rules, If-Match updates, sessions, lists and audit."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSWORD
from tests.fixtures.units import NEW_PASSWORD, create_user, user_body
from tests.helpers import World, assert_problem

API = "/api/v1"
USERS = f"{API}/users"
ALL_LOGINS = [
    "admin",
    "comms",
    "finance",
    "inspector",
    "integration",
    "leader",
    "manager_a",
    "manager_b",
    "officer",
    "teacher_a",
    "teacher_b",
]


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(f"{API}/auth/token", data={"username": username, "password": password})


def token_of(client: TestClient, username: str, password: str = PASSWORD) -> str:
    response = login(client, username, password)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def listed(client: TestClient, world: World, **params: Any) -> dict[str, Any]:
    response = client.get(USERS, params={"limit": 200, **params}, headers=world.headers("admin"))
    assert response.status_code == 200, response.text
    return dict(response.json())


def logins_of(page: dict[str, Any]) -> list[str]:
    return [item["login"] for item in page["items"]]


def total_users(client: TestClient, world: World) -> int:
    return int(listed(client, world, include_inactive=True)["total"])


def etag_of(client: TestClient, world: World, user_id: int) -> str:
    response = client.get(f"{USERS}/{user_id}", headers=world.headers("admin"))
    assert response.status_code == 200, response.text
    return response.headers["etag"]


def patch_user(client: TestClient, world: World, user_id: int, body: dict[str, Any]) -> Any:
    headers = {**world.headers("admin"), "If-Match": etag_of(client, world, user_id)}
    return client.patch(f"{USERS}/{user_id}", json=body, headers=headers)


def set_active(client: TestClient, world: World, user_id: int, active: bool, actor: str = "admin") -> Any:
    headers = {**world.headers(actor), "If-Match": etag_of(client, world, user_id)}
    return client.post(f"{USERS}/{user_id}/{'activate' if active else 'deactivate'}", headers=headers)


def uid(world: World, login_name: str) -> int:
    user_id = world.users[login_name].id
    assert user_id is not None
    return user_id


# --- creation --------------------------------------------------------------------------------------


def test_admin_creates_user_who_can_log_in(client: TestClient, world: World) -> None:
    before = total_users(client, world)

    response = create_user(client, world)

    assert response.status_code == 201, response.text
    assert response.headers["etag"] == '"1"'
    created = response.json()
    assert created["login"] == "gv.moi"
    assert created["full_name"] == "Nguyễn Văn Mới"
    assert created["roles"] == ["staff"]
    assert created["unit_id"] == world.units["THCS-A"]
    assert created["unit_name"] == "Trường THCS A"
    assert created["is_active"] is True
    assert created["version"] == 1
    assert created["allowed_actions"] == ["update", "deactivate"]
    assert "password" not in response.text and NEW_PASSWORD not in response.text
    assert total_users(client, world) == before + 1
    fetched = client.get(f"{USERS}/{created['id']}", headers=world.headers("admin"))
    assert fetched.headers["etag"] == '"1"'
    assert fetched.json()["login"] == "gv.moi"

    me = client.get(f"{API}/auth/me", headers=bearer(token_of(client, "gv.moi", NEW_PASSWORD)))

    assert me.status_code == 200, me.text
    assert me.json()["id"] == created["id"]
    assert me.json()["roles"] == ["staff"]
    assert me.json()["unit_name"] == "Trường THCS A"


def test_new_login_is_stored_trimmed_and_lower_case(client: TestClient, world: World) -> None:
    response = client.post(
        USERS,
        json=user_body(world, login="  GV.Moi ", roles=["inspector"], unit_id=None),
        headers=world.headers("admin"),
    )

    assert response.status_code == 201, response.text
    assert response.json()["login"] == "gv.moi"
    assert response.json()["unit_id"] is None
    assert token_of(client, "GV.MOI", NEW_PASSWORD)


def test_roles_are_deduplicated_and_sorted(client: TestClient, world: World) -> None:
    response = create_user(client, world, roles=["staff", "inspector", "staff"])

    assert response.status_code == 201, response.text
    assert response.json()["roles"] == ["inspector", "staff"]


@pytest.mark.parametrize("actor", ["officer", "leader", "manager_a", "teacher_a", "integration"])
def test_only_admin_manages_users(client: TestClient, world: World, actor: str) -> None:
    before = total_users(client, world)
    headers = world.headers(actor)
    target = uid(world, "teacher_a")

    assert_problem(client.get(USERS, headers=headers), 403)
    assert_problem(client.post(USERS, json=user_body(world), headers=headers), 403)
    assert_problem(client.get(f"{USERS}/{target}", headers=headers), 403)
    assert_problem(
        client.patch(f"{USERS}/{target}", json={"roles": ["admin"]}, headers={**headers, "If-Match": '"1"'}),
        403,
    )
    assert_problem(client.post(f"{USERS}/{target}/deactivate", headers={**headers, "If-Match": '"1"'}), 403)

    assert total_users(client, world) == before
    assert client.get(f"{USERS}/{target}", headers=world.headers("admin")).json()["roles"] == ["staff"]
    assert login(client, "gv.moi", NEW_PASSWORD).status_code == 401


def test_user_endpoints_need_a_token(client: TestClient, world: World) -> None:
    response = client.get(USERS)

    assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert_problem(client.post(USERS, json=user_body(world)), 401)


@pytest.mark.parametrize(
    ("overrides", "status", "path"),
    [
        ({"login": "manager_a"}, 409, "body.login"),
        ({"login": "Manager_A"}, 409, "body.login"),
        ({"roles": ["superuser"]}, 422, "body.roles.0"),
        ({"roles": []}, 422, "body.roles"),
        ({"roles": ["unit_manager"], "unit_id": None}, 422, "body.unit_id"),
        ({"roles": ["staff"], "unit_id": None}, 422, "body.unit_id"),
        ({"unit_id": 987654}, 422, "body.unit_id"),
        ({"unit_id": 10**20}, 422, "body.unit_id"),
        ({"password": "ngan1"}, 422, "body.password"),
        ({"password": "chicochuthoi"}, 422, "body.password"),
        ({"password": "123456789"}, 422, "body.password"),
        ({"login": "gv.moi1", "password": "GV.Moi1"}, 422, "body.password"),
        ({"password": "a1" * 65}, 422, "body.password"),
        ({"full_name": "x" * 121}, 422, "body.full_name"),
        ({"full_name": "   "}, 422, "body.full_name"),
        ({"login": "ab"}, 422, "body.login"),
        ({"login": "gv moi"}, 422, "body.login"),
        ({"login": "gv@moi"}, 422, "body.login"),
        ({"login": "giáo.viên"}, 422, "body.login"),
        ({"is_admin": True}, 422, "body.is_admin"),
        ({"roles": "admin"}, 422, "body.roles"),
        ({"unit_id": "truong-a"}, 422, "body.unit_id"),
        ({"login": 12345}, 422, "body.login"),
        ({"full_name": None}, 422, "body.full_name"),
        ({"password": None}, 422, "body.password"),
    ],
)
def test_invalid_user_is_refused_and_nothing_stored(
    client: TestClient, world: World, overrides: dict[str, Any], status: int, path: str
) -> None:
    before = total_users(client, world)

    response = create_user(client, world, **overrides)

    assert_problem(response, status, path)
    assert total_users(client, world) == before
    assert "gv.moi" not in logins_of(listed(client, world, include_inactive=True))


@pytest.mark.parametrize("missing", ["login", "full_name", "password", "roles"])
def test_required_fields(client: TestClient, world: World, missing: str) -> None:
    body = user_body(world)
    del body[missing]

    response = client.post(USERS, json=body, headers=world.headers("admin"))

    assert_problem(response, 422, f"body.{missing}")
    assert "gv.moi" not in logins_of(listed(client, world, include_inactive=True))


def test_body_that_is_not_json_is_422(client: TestClient, world: World) -> None:
    response = client.post(
        USERS, content=b"{not json", headers={**world.headers("admin"), "Content-Type": "application/json"}
    )

    assert_problem(response, 422)


def test_integration_account_needs_no_unit(client: TestClient, world: World) -> None:
    response = create_user(client, world, roles=["integration"], unit_id=None)

    assert response.status_code == 201, response.text
    assert response.json()["unit_name"] is None


# --- reading and updating --------------------------------------------------------------------------


def test_unknown_user_is_404(client: TestClient, world: World) -> None:
    admin = world.headers("admin")

    assert_problem(client.get(f"{USERS}/987654", headers=admin), 404)
    assert_problem(client.patch(f"{USERS}/987654", json={}, headers={**admin, "If-Match": '"1"'}), 404)
    assert_problem(client.get(f"{USERS}/3000000000", headers=admin), 422, "path.user_id")
    assert_problem(client.get(f"{USERS}/abc", headers=admin), 422, "path.user_id")


def test_update_needs_the_current_etag(client: TestClient, world: World) -> None:
    user_id = uid(world, "teacher_a")
    admin = world.headers("admin")
    etag = etag_of(client, world, user_id)
    assert etag == '"1"'

    no_precondition = client.patch(f"{USERS}/{user_id}", json={"full_name": "Tên Mới"}, headers=admin)
    stale = client.patch(
        f"{USERS}/{user_id}", json={"full_name": "Tên Mới"}, headers={**admin, "If-Match": '"7"'}
    )

    assert_problem(no_precondition, 428)
    assert_problem(stale, 412)
    assert client.get(f"{USERS}/{user_id}", headers=admin).json()["full_name"] == "Teacher_A"

    ok = client.patch(
        f"{USERS}/{user_id}", json={"full_name": "Tên Mới"}, headers={**admin, "If-Match": etag}
    )

    assert ok.status_code == 200, ok.text
    assert ok.json()["full_name"] == "Tên Mới"
    assert ok.json()["roles"] == ["staff"]  # fields not sent stay as they were
    assert ok.json()["unit_id"] == world.units["THCS-A"]
    new_etag = ok.headers["etag"]
    assert new_etag != etag
    assert new_etag == f'"{ok.json()["version"]}"'
    assert etag_of(client, world, user_id) == new_etag
    # The ETag the first writer used is now stale: a second writer cannot overwrite blindly.
    lost_update = client.patch(
        f"{USERS}/{user_id}", json={"full_name": "Ghi Đè"}, headers={**admin, "If-Match": etag}
    )
    assert_problem(lost_update, 412)
    assert client.get(f"{USERS}/{user_id}", headers=admin).json()["full_name"] == "Tên Mới"


def test_role_change_takes_effect_on_the_next_request(client: TestClient, world: World) -> None:
    teacher = world.headers("teacher_a")  # issued before the change
    assert_problem(client.get(USERS, headers=teacher), 403)

    promoted = patch_user(client, world, uid(world, "teacher_a"), {"roles": ["admin", "staff"]})

    assert promoted.status_code == 200, promoted.text
    assert promoted.json()["roles"] == ["admin", "staff"]
    me = client.get(f"{API}/auth/me", headers=teacher).json()
    assert me["roles"] == ["admin", "staff"]
    assert "users:manage" in me["permissions"]
    assert client.get(USERS, headers=teacher).status_code == 200

    demoted = patch_user(client, world, uid(world, "teacher_a"), {"roles": ["staff"]})

    assert demoted.status_code == 200, demoted.text
    assert client.get(f"{API}/auth/me", headers=teacher).json()["roles"] == ["staff"]
    assert_problem(client.get(USERS, headers=teacher), 403)


def test_unit_change_is_checked_against_the_roles(client: TestClient, world: World) -> None:
    user_id = uid(world, "manager_a")

    assert_problem(patch_user(client, world, user_id, {"unit_id": None}), 422, "body.unit_id")
    moved = patch_user(client, world, user_id, {"unit_id": world.units["TH-B"]})

    assert moved.status_code == 200, moved.text
    assert moved.json()["unit_name"] == "Trường Tiểu học B"
    me = client.get(f"{API}/auth/me", headers=world.headers("manager_a")).json()
    assert me["unit_id"] == world.units["TH-B"]


def test_password_reset_by_admin_ends_the_users_sessions(client: TestClient, world: World) -> None:
    user_id = uid(world, "teacher_a")
    token = token_of(client, "teacher_a")

    response = patch_user(client, world, user_id, {"password": NEW_PASSWORD})

    assert response.status_code == 200, response.text
    assert NEW_PASSWORD not in response.text
    assert_problem(client.get(f"{API}/auth/me", headers=bearer(token)), 401)
    assert_problem(client.get(f"{API}/auth/me", headers=world.headers("teacher_a")), 401)
    assert_problem(login(client, "teacher_a", PASSWORD), 401)
    new_token = token_of(client, "teacher_a", NEW_PASSWORD)
    assert client.get(f"{API}/auth/me", headers=bearer(new_token)).status_code == 200


def test_update_without_password_keeps_sessions(client: TestClient, world: World) -> None:
    token = token_of(client, "teacher_a")

    response = patch_user(client, world, uid(world, "teacher_a"), {"full_name": "Nguyễn Thị Hương"})

    assert response.status_code == 200, response.text
    assert client.get(f"{API}/auth/me", headers=bearer(token)).json()["full_name"] == "Nguyễn Thị Hương"


def test_admin_cannot_remove_their_own_admin_role(client: TestClient, world: World) -> None:
    admin_id = uid(world, "admin")

    response = patch_user(client, world, admin_id, {"roles": ["commune_leader"]})

    assert_problem(response, 409, "body.roles")
    assert client.get(f"{USERS}/{admin_id}", headers=world.headers("admin")).json()["roles"] == ["admin"]
    assert client.get(USERS, headers=world.headers("admin")).status_code == 200
    # Adding a role while keeping admin is fine.
    more = patch_user(client, world, admin_id, {"roles": ["admin", "commune_leader"]})
    assert more.status_code == 200, more.text
    assert more.json()["roles"] == ["admin", "commune_leader"]


def test_password_reset_still_works_after_the_users_unit_closed(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    office = world.units["VHXH"]  # no staff and no sub-units, only the officer and inspector accounts
    etag = client.get(f"{API}/units/{office}", headers=admin).headers["etag"]
    closed = client.post(f"{API}/units/{office}/deactivate", headers={**admin, "If-Match": etag})
    assert closed.status_code == 200, closed.text

    reset = patch_user(client, world, uid(world, "officer"), {"password": NEW_PASSWORD})

    assert reset.status_code == 200, reset.text
    assert token_of(client, "officer", NEW_PASSWORD)
    # Moving someone into the closed unit is still refused.
    moved = patch_user(client, world, uid(world, "leader"), {"unit_id": office})
    assert_problem(moved, 422, "body.unit_id")
    assert (
        client.get(f"{USERS}/{uid(world, 'leader')}", headers=admin).json()["unit_id"] == world.units["UBND"]
    )


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"password": "ngan1"}, "body.password"),
        ({"password": "teacher_a"}, "body.password"),
        ({"roles": ["superuser"]}, "body.roles.0"),
        ({"roles": []}, "body.roles"),
        ({"roles": None}, "body.roles"),
        ({"roles": ["unit_manager"], "unit_id": None}, "body.unit_id"),
        ({"unit_id": 987654}, "body.unit_id"),
        ({"full_name": "x" * 121}, "body.full_name"),
        ({"full_name": None}, "body.full_name"),
        ({"login": "doi.ten"}, "body.login"),
        ({"is_active": False}, "body.is_active"),
        ({"unit_id": "abc"}, "body.unit_id"),
    ],
)
def test_failed_update_changes_nothing(
    client: TestClient, world: World, body: dict[str, Any], path: str
) -> None:
    user_id = uid(world, "teacher_a")
    token = token_of(client, "teacher_a")
    before = client.get(f"{USERS}/{user_id}", headers=world.headers("admin")).json()

    response = patch_user(client, world, user_id, body)

    assert_problem(response, 422, path)
    after = client.get(f"{USERS}/{user_id}", headers=world.headers("admin")).json()
    assert after == before
    assert client.get(f"{API}/auth/me", headers=bearer(token)).status_code == 200
    assert token_of(client, "teacher_a", PASSWORD)


# --- activation --------------------------------------------------------------------------------------


def test_admin_cannot_deactivate_themselves(client: TestClient, world: World) -> None:
    response = set_active(client, world, uid(world, "admin"), False)

    assert_problem(response, 409)
    assert client.get(f"{USERS}/{uid(world, 'admin')}", headers=world.headers("admin")).json()["is_active"]
    assert token_of(client, "admin")


def test_deactivation_needs_the_current_etag(client: TestClient, world: World) -> None:
    user_id = uid(world, "teacher_a")
    admin = world.headers("admin")

    assert_problem(client.post(f"{USERS}/{user_id}/deactivate", headers=admin), 428)
    assert_problem(client.post(f"{USERS}/{user_id}/deactivate", headers={**admin, "If-Match": '"9"'}), 412)

    assert client.get(f"{USERS}/{user_id}", headers=admin).json()["is_active"] is True
    assert token_of(client, "teacher_a")


def test_deactivate_then_activate(client: TestClient, world: World) -> None:
    user_id = uid(world, "teacher_b")
    old_token = token_of(client, "teacher_b")

    off = set_active(client, world, user_id, False)

    assert off.status_code == 200, off.text
    assert off.json()["is_active"] is False
    assert off.json()["allowed_actions"] == ["update", "activate"]
    assert "teacher_b" not in logins_of(listed(client, world))
    assert "teacher_b" in logins_of(listed(client, world, include_inactive=True))
    assert_problem(login(client, "teacher_b"), 401)

    on = set_active(client, world, user_id, True)

    assert on.status_code == 200, on.text
    assert on.json()["is_active"] is True
    assert on.json()["allowed_actions"] == ["update", "deactivate"]
    assert on.headers["etag"] != off.headers["etag"]
    assert "teacher_b" in logins_of(listed(client, world))
    new_token = token_of(client, "teacher_b")
    assert client.get(f"{API}/auth/me", headers=bearer(new_token)).status_code == 200
    # Sessions ended by the deactivation stay ended.
    assert_problem(client.get(f"{API}/auth/me", headers=bearer(old_token)), 401)


# --- lists ---------------------------------------------------------------------------------------------


def test_list_shows_active_users_in_login_order(client: TestClient, world: World) -> None:
    page = listed(client, world)

    assert logins_of(page) == ALL_LOGINS
    assert page["total"] == len(ALL_LOGINS)
    teacher = next(item for item in page["items"] if item["login"] == "teacher_a")
    assert teacher["roles"] == ["staff"]
    assert teacher["unit_name"] == "Trường THCS A"
    assert "password_hash" not in json.dumps(page)


def test_list_filters(client: TestClient, world: World) -> None:
    created = create_user(client, world, full_name="Phạm Thị Hoa", login="hoa.pt")
    assert created.status_code == 201, created.text
    assert set_active(client, world, uid(world, "teacher_b"), False).status_code == 200

    assert logins_of(listed(client, world, role="unit_manager")) == ["manager_a", "manager_b"]
    assert logins_of(listed(client, world, role="staff")) == ["hoa.pt", "teacher_a"]
    assert logins_of(listed(client, world, role="staff", include_inactive=True)) == [
        "hoa.pt",
        "teacher_a",
        "teacher_b",
    ]
    assert logins_of(listed(client, world, unit_id=world.units["THCS-A"])) == [
        "hoa.pt",
        "manager_a",
        "teacher_a",
    ]
    assert logins_of(listed(client, world, q="MANAGER")) == ["manager_a", "manager_b"]
    assert logins_of(listed(client, world, q="thị hoa")) == ["hoa.pt"]  # full name
    assert logins_of(listed(client, world, q="teacher", include_inactive=True)) == ["teacher_a", "teacher_b"]
    assert logins_of(listed(client, world, q="teacher")) == ["teacher_a"]
    assert logins_of(listed(client, world, q="không-có-ai")) == []
    # SQL wildcards in the search text are plain characters.
    assert logins_of(listed(client, world, q="_")) == ["manager_a", "manager_b", "teacher_a"]
    assert logins_of(listed(client, world, q="%")) == []
    filtered = listed(client, world, role="unit_manager", q="_b")
    assert logins_of(filtered) == ["manager_b"]
    assert filtered["total"] == 1


def test_search_folds_vietnamese_capitals(client: TestClient, world: World) -> None:
    created = create_user(client, world, full_name="Phạm Minh Đức")
    assert created.status_code == 201, created.text

    assert logins_of(listed(client, world, q="đức")) == ["gv.moi"]
    assert logins_of(listed(client, world, q="ĐỨC")) == ["gv.moi"]


def test_pagination_is_stable_and_complete(client: TestClient, world: World) -> None:
    seen: list[str] = []
    for offset in (0, 4, 8):
        page = listed(client, world, limit=4, offset=offset)
        assert page["total"] == 11
        assert page["limit"] == 4
        assert page["offset"] == offset
        assert listed(client, world, limit=4, offset=offset) == page
        seen += logins_of(page)

    assert seen == ALL_LOGINS
    assert listed(client, world, limit=4, offset=12)["items"] == []
    assert listed(client, world, limit=4, offset=12)["total"] == 11


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"role": "superuser"}, "query.role"),
        ({"limit": 0}, "query.limit"),
        ({"limit": 201}, "query.limit"),
        ({"offset": -1}, "query.offset"),
        ({"unit_id": "abc"}, "query.unit_id"),
        ({"unit_id": 10**20}, "query.unit_id"),
        ({"include_inactive": "maybe"}, "query.include_inactive"),
        ({"q": "x" * 101}, "query.q"),
    ],
)
def test_list_rejects_bad_parameters(
    client: TestClient, world: World, params: dict[str, Any], path: str
) -> None:
    assert_problem(client.get(USERS, params=params, headers=world.headers("admin")), 422, path)


# --- audit -------------------------------------------------------------------------------------------


def test_user_changes_are_audited_without_secrets(client: TestClient, world: World) -> None:
    admin = world.headers("admin")
    created = client.post(USERS, json=user_body(world), headers=admin)
    assert created.status_code == 201, created.text
    user_id = created.json()["id"]
    updated = patch_user(
        client,
        world,
        user_id,
        {"full_name": "Nguyễn Văn Cũ", "roles": ["unit_manager"], "password": "MatKhau2028"},
    )
    assert updated.status_code == 200, updated.text
    assert set_active(client, world, user_id, False).status_code == 200
    token = token_of(client, "teacher_a")
    changed = client.post(
        f"{API}/auth/password",
        json={"current_password": PASSWORD, "new_password": "TuDoiMatKhau2029"},
        headers=bearer(token),
    )
    assert changed.status_code == 204

    response = client.get(f"{API}/audit-events", params={"entity_type": "user_account"}, headers=admin)

    assert response.status_code == 200, response.text
    events = response.json()["items"]
    mine = [e for e in events if e["entity_id"] == user_id]
    assert sorted(e["action"] for e in mine) == ["create", "deactivate", "set_roles", "set_roles", "update"]
    assert all(e["actor_login"] == "admin" and e["actor_user_id"] == uid(world, "admin") for e in mine)
    create = next(e for e in mine if e["action"] == "create")
    assert create["before"] is None
    assert create["after"]["login"] == "gv.moi"
    update = next(e for e in mine if e["action"] == "update")
    assert update["before"]["full_name"] == "Nguyễn Văn Mới"
    assert update["after"]["full_name"] == "Nguyễn Văn Cũ"
    role_changes = [(e["before"], e["after"]) for e in mine if e["action"] == "set_roles"]
    assert (None, {"roles": ["staff"]}) in role_changes
    assert ({"roles": ["staff"]}, {"roles": ["unit_manager"]}) in role_changes
    own_change = [e for e in events if e["entity_id"] == uid(world, "teacher_a")]
    assert [e["action"] for e in own_change] == ["change_password"]
    assert own_change[0]["actor_login"] == "teacher_a"

    text = json.dumps(events, ensure_ascii=False)
    for secret in (
        "password_hash",
        "token_version",
        "$argon2",
        NEW_PASSWORD,
        "MatKhau2028",
        "TuDoiMatKhau2029",
    ):
        assert secret not in text


def test_audit_filter_by_entity(client: TestClient, world: World) -> None:
    patch_user(client, world, uid(world, "teacher_a"), {"full_name": "A"})
    patch_user(client, world, uid(world, "teacher_b"), {"full_name": "B"})

    response = client.get(
        f"{API}/audit-events",
        params={"entity_type": "user_account", "entity_id": uid(world, "teacher_b")},
        headers=world.headers("admin"),
    )

    assert response.status_code == 200, response.text
    assert [(e["action"], e["after"]["full_name"]) for e in response.json()["items"]] == [("update", "B")]
    assert_problem(client.get(f"{API}/audit-events", headers=world.headers("teacher_a")), 403)


def test_the_audit_log_reads_in_words(client: TestClient, world: World) -> None:
    """Issue 18.4: who did what to which object, in Vietnamese, not "award_type #5" or "system"."""
    patch_user(client, world, uid(world, "teacher_b"), {"full_name": "Lê Thị Bình"})
    response = client.get(
        f"{API}/audit-events",
        params={"entity_type": "user_account", "entity_id": uid(world, "teacher_b")},
        headers=world.headers("admin"),
    )
    event = response.json()["items"][0]
    admin_name = client.get(f"{API}/auth/me", headers=world.headers("admin")).json()["full_name"]
    assert (event["actor_name"], event["action_label"], event["entity_label"], event["entity_name"]) == (
        admin_name,
        "Cập nhật",
        "Người dùng",
        "Lê Thị Bình",
    )
