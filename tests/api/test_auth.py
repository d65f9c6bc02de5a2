"""Login, throttling, password change, tokens of changed accounts and the "who am I" endpoint, seen
from a client. Forged and malformed tokens: tests/security/test_tokens.py."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from tests.conftest import PASSWORD
from tests.helpers import World, assert_problem
from thidua.auth.models import LoginThrottle, User
from thidua.auth.roles import Role, permissions_of
from thidua.auth.tokens import create_access_token
from thidua.core.models import utcnow
from thidua.main import create_app

API = "/api/v1"
NEW_PASSWORD = "DoiMatKhau2027"


def login(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post(f"{API}/auth/token", data={"username": username, "password": password})


def token_of(client: TestClient, username: str, password: str = PASSWORD) -> str:
    response = login(client, username, password)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 30 * 60
    return str(body["access_token"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def me(client: TestClient, token: str) -> Any:
    return client.get(f"{API}/auth/me", headers=bearer(token))


def assert_unauthorized(response: Any) -> dict[str, Any]:
    body = assert_problem(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    return body


def set_active_raw(client: TestClient, world: World, login_name: str, active: bool) -> Any:
    user_id = world.users[login_name].id
    admin = world.headers("admin")
    etag = client.get(f"{API}/users/{user_id}", headers=admin).headers["etag"]
    action = "activate" if active else "deactivate"
    return client.post(f"{API}/users/{user_id}/{action}", headers={**admin, "If-Match": etag})


# --- login and /auth/me ---------------------------------------------------------------------------


# What each role must and must not be able to do; the full table is auth/roles.py.
@pytest.mark.parametrize(
    ("login_name", "roles", "unit_code", "unit_name", "must", "must_not"),
    [
        (
            "manager_a",
            ["unit_manager"],
            "THCS-A",
            "Trường THCS A",
            # Reviews the individual self-assessments of the school's own staff (V.4.4).
            {"staff:write", "assessments:fill", "assessments:review", "plans:write", "activities:write"},
            {"users:manage", "units:write", "assessments:close_early", "audit:read"},
        ),
        (
            "officer",
            ["commune_officer"],
            "VHXH",
            "Phòng Văn hóa - Xã hội",
            {
                "units:write",
                "staff:write",
                "audit:read",
                "frameworks:write",
                "assessments:review",
                "plans:review",
            },
            {"users:manage", "assessments:fill"},
        ),
        (
            "admin",
            ["admin"],
            "UBND",
            "UBND xã Thử Nghiệm",
            {"users:manage", "units:write", "audit:read", "frameworks:write"},
            {"assessments:fill"},
        ),
        (
            "teacher_a",
            ["staff"],
            "THCS-A",
            "Trường THCS A",
            {"staff:read", "assessments:fill"},
            {"staff:write", "plans:write", "assessments:review", "users:manage"},
        ),
        (
            "integration",
            ["integration"],
            None,
            None,
            {"units:read", "staff:read", "scorecards:read"},
            {"staff:write", "units:write", "users:manage", "assessments:fill", "plans:write"},
        ),
    ],
)
def test_login_returns_bearer_token_for_me(
    client: TestClient,
    world: World,
    login_name: str,
    roles: list[str],
    unit_code: str | None,
    unit_name: str | None,
    must: set[str],
    must_not: set[str],
) -> None:
    # The integration account may not sign in (test below): its /auth/me is read with a token made here.
    made = world.headers(login_name)["Authorization"].removeprefix("Bearer ")
    token = made if login_name == "integration" else token_of(client, login_name)

    response = me(client, token)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == world.users[login_name].id
    assert body["login"] == login_name
    assert body["roles"] == roles
    assert body["unit_id"] == (world.units[unit_code] if unit_code else None)
    assert body["unit_name"] == unit_name
    granted = set(body["permissions"])
    assert must <= granted and not (must_not & granted), granted
    assert granted == {p.value for p in permissions_of(frozenset(Role(r) for r in roles))}
    assert len(body["permissions"]) == len(granted)
    assert "password_hash" not in body


def test_login_name_is_case_insensitive(client: TestClient) -> None:
    token = token_of(client, "  Manager_A ")

    assert me(client, token).json()["login"] == "manager_a"


def test_the_api_only_integration_account_cannot_sign_in_to_the_web_app(client: TestClient) -> None:
    refused = assert_problem(login(client, "integration"), 403)
    assert "khóa API" in refused["detail"]
    assert "access_token" not in refused
    # The right password is no failure: the account is not locked out for it.
    assert login(client, "integration").status_code == 403
    token_of(client, "manager_a")  # people sign in as before


def test_wrong_password_and_unknown_user_look_the_same(client: TestClient) -> None:
    wrong_password = login(client, "manager_a", "saimatkhau123")
    unknown_user = login(client, "khong_ton_tai", PASSWORD)

    wrong_body = assert_unauthorized(wrong_password)
    unknown_body = assert_unauthorized(unknown_user)
    assert wrong_body["detail"] == unknown_body["detail"]
    assert wrong_body["title"] == unknown_body["title"]
    assert wrong_body["type"] == unknown_body["type"]
    assert "access_token" not in wrong_password.text


def test_login_needs_both_form_fields(client: TestClient) -> None:
    response = client.post(f"{API}/auth/token", data={"username": "manager_a"})

    assert_problem(response, 422, "body.password")


# --- throttling ------------------------------------------------------------------------------------


def test_five_failures_lock_the_login_even_for_the_right_password(client: TestClient) -> None:
    for _ in range(5):
        assert_unauthorized(login(client, "manager_a", "saimatkhau123"))

    locked = login(client, "manager_a", PASSWORD)

    assert_problem(locked, 429)
    retry_after = locked.headers["retry-after"]
    assert retry_after.isdigit(), retry_after
    assert 1 <= int(retry_after) <= 301
    assert "access_token" not in locked.text
    # The lock is per login name, whatever its case; other logins keep working.
    assert_problem(login(client, "MANAGER_A", PASSWORD), 429)
    assert token_of(client, "manager_b")


def test_successful_login_resets_the_failure_count(client: TestClient) -> None:
    for _ in range(4):
        assert_unauthorized(login(client, "manager_a", "saimatkhau123"))
    assert token_of(client, "manager_a")

    for _ in range(4):
        assert_unauthorized(login(client, "Manager_A", "saimatkhau123"))

    assert token_of(client, "manager_a")


def test_parallel_failures_are_all_counted(client: TestClient) -> None:
    """Five wrong guesses sent at once lock the login like five sent one by one (no lost counts)."""

    def guess(i: int) -> int:
        return int(login(client, "manager_a", f"saimatkhau{i}").status_code)

    with ThreadPoolExecutor(max_workers=5) as pool:
        statuses = list(pool.map(guess, range(5)))

    assert statuses == [401] * 5
    assert_problem(login(client, "manager_a", PASSWORD), 429)
    assert token_of(client, "manager_b")


def test_the_lock_holds_in_every_server_process_and_ends_after_its_time(
    client: TestClient, world: World
) -> None:
    for _ in range(5):
        assert_unauthorized(login(client, "manager_a", "saimatkhau123"))
    other_process = create_app(world.settings)  # its own engine and pool, like another uvicorn worker

    assert_problem(login(TestClient(other_process), "manager_a", PASSWORD), 429)

    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        lock = session.get(LoginThrottle, "pair:manager_a|testclient")
        assert lock is not None and lock.failures == 5 and lock.locked_until is not None
        lock.locked_until = utcnow() - timedelta(seconds=1)  # as if LOGIN_LOCK_SECONDS had passed
        session.add(lock)
        session.commit()
    assert token_of(TestClient(other_process), "manager_a")
    other_process.state.engine.dispose()


def test_many_failures_from_one_address_lock_it_for_every_login(world: World) -> None:
    """Guessing one password against many logins is throttled too: per client address."""
    settings = world.settings.model_copy(update={"login_max_failures_per_ip": 3})
    app = create_app(settings)
    guesser = TestClient(app, client=("203.0.113.7", 50000))
    for name in ("manager_a", "manager_b", "no_such_login"):
        assert_unauthorized(login(guesser, name, "saimatkhau123"))

    locked = login(guesser, "teacher_a", PASSWORD)

    assert_problem(locked, 429)
    assert 1 <= int(locked.headers["retry-after"]) <= 301
    assert "access_token" not in locked.text
    # Nobody else is locked out: teacher_a from another address, and none of the guessed logins.
    elsewhere = TestClient(app, client=("198.51.100.20", 50000))
    assert token_of(elsewhere, "teacher_a")
    assert token_of(elsewhere, "manager_a")
    app.state.engine.dispose()


def test_a_stranger_cannot_lock_the_real_user_out(world: World) -> None:
    """Failures count per (login, address): five wrong passwords for admin from elsewhere lock only
    that address out of admin, not admin's own address."""
    app = create_app(world.settings)
    stranger = TestClient(app, client=("203.0.113.7", 50000))
    owner = TestClient(app, client=("198.51.100.20", 50000))
    for _ in range(5):
        assert_unauthorized(login(stranger, "admin", "saimatkhau123"))

    assert_problem(login(stranger, "admin", PASSWORD), 429)
    assert token_of(owner, "admin")
    app.state.engine.dispose()


def test_the_slower_per_login_backoff_spares_addresses_without_recent_failures(world: World) -> None:
    """Guesses on one login spread over many addresses (each under the per-pair limit) put the login in
    backoff: addresses that failed on it are refused even with the right password; an address that
    did not fail still signs in, and a wrong password from it counts like any other."""
    settings = world.settings.model_copy(update={"login_max_failures_per_login": 6})
    app = create_app(settings)
    guessers = [TestClient(app, client=(f"203.0.113.{i}", 50000)) for i in range(1, 4)]
    for guesser in guessers:
        for _ in range(2):
            assert_unauthorized(login(guesser, "admin", "saimatkhau123"))

    refused = login(guessers[0], "admin", PASSWORD)
    assert_problem(refused, 429)
    assert 1 <= int(refused.headers["retry-after"]) <= 301
    owner = TestClient(app, client=("198.51.100.20", 50000))
    assert token_of(owner, "admin")
    newcomer = TestClient(app, client=("198.51.100.21", 50000))
    assert_unauthorized(login(newcomer, "admin", "saimatkhau123"))
    assert_problem(login(newcomer, "admin", PASSWORD), 429)
    # Other logins are not in backoff.
    assert token_of(guessers[0], "manager_a")
    app.state.engine.dispose()


def test_unlock_command_clears_a_login_from_every_address(world: World, monkeypatch: Any) -> None:
    from thidua import cli

    app = create_app(world.settings)
    clients = [TestClient(app, client=(f"203.0.113.{i}", 50000)) for i in (1, 2)]
    for c in clients:
        for _ in range(5):
            assert_unauthorized(login(c, "manager_a", "saimatkhau123"))
        assert_unauthorized(login(c, "manager_b", "saimatkhau123"))
        assert_problem(login(c, "manager_a", PASSWORD), 429)
    monkeypatch.setenv("DATABASE_URL", world.settings.resolved_database_url)
    monkeypatch.setenv("SECRET_KEY", world.settings.resolved_secret_key)

    assert cli.main(["unlock", "Manager_A"]) == 0

    for c in clients:
        assert token_of(c, "manager_a")
    with Session(app.state.engine) as session:
        # manager_b's counts are untouched.
        b = session.get(LoginThrottle, "login:manager_b")
        assert b is not None and b.failures == 2
    app.state.engine.dispose()


def test_the_province_admin_command_makes_an_account_that_can_sign_in(
    client: TestClient, world: World, monkeypatch: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """Logins are lower case (the sign-in lowers what is typed): a login given in capitals is stored
    lower case, as the API stores it, or its owner could never sign in."""
    from thidua import cli

    monkeypatch.setenv("DATABASE_URL", world.settings.resolved_database_url)
    monkeypatch.setenv("SECRET_KEY", world.settings.resolved_secret_key)
    monkeypatch.setenv("THIDUA_PASSWORD", PASSWORD)
    for bad in ("a b", "x", "Sở.GD"):
        assert cli.main(["province-admin", bad]) == 2
        assert "Tên đăng nhập" in capsys.readouterr().err
    assert cli.main(["province-admin", "SoGD.Admin", "--name", "Nguyễn Văn Tỉnh"]) == 0
    assert cli.main(["province-admin", "sogd.admin"]) == 1  # the same login, whatever its case
    assert "đã có tài khoản này" in capsys.readouterr().err
    with Session(client.app.state.engine) as session:
        logins = session.exec(select(User.login).where(User.login.startswith("sogd"))).all()  # type: ignore[attr-defined]
    assert logins == ["sogd.admin"]
    token = token_of(client, "SoGD.Admin")
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200, me.text
    assert me.json()["roles"] == [Role.province_admin.value]
    assert me.json()["full_name"] == "Nguyễn Văn Tỉnh"


def test_old_throttle_rows_are_expired(client: TestClient, world: World) -> None:
    """Every failure deletes counts whose window and lock are over: guesses from ever new addresses
    cannot grow the table without bound."""
    for i in range(3):
        guesser = TestClient(client.app, client=(f"203.0.113.{i}", 50000))
        assert_unauthorized(login(guesser, f"khong_co_{i}", "saimatkhau123"))
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        rows = session.exec(select(LoginThrottle)).all()
        assert len(rows) == 9  # (login, address), login and address for each guess
        for row in rows:
            row.window_started_at = utcnow() - timedelta(seconds=world.settings.login_window_seconds + 1)
            session.add(row)
        session.commit()

    assert_unauthorized(login(client, "manager_a", "saimatkhau123"))

    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        keys = sorted(row.key for row in session.exec(select(LoginThrottle)).all())
    assert keys == ["ip:testclient", "login:manager_a", "pair:manager_a|testclient"]


# --- deactivation and password change ------------------------------------------------------------


def test_deactivated_user_is_signed_out_at_once_and_cannot_log_in(client: TestClient, world: World) -> None:
    token = token_of(client, "teacher_a")
    assert me(client, token).status_code == 200

    response = set_active_raw(client, world, "teacher_a", active=False)

    assert response.status_code == 200, response.text
    assert response.json()["is_active"] is False
    assert_unauthorized(me(client, token))
    assert_unauthorized(me(client, world.headers("teacher_a")["Authorization"].removeprefix("Bearer ")))
    refused = assert_unauthorized(login(client, "teacher_a", PASSWORD))
    wrong = assert_unauthorized(login(client, "manager_b", "saimatkhau123"))
    assert refused["detail"] == wrong["detail"]


def test_inactive_user_token_is_refused_even_with_the_current_token_version(
    client: TestClient, world: World
) -> None:
    """Defence in depth: an inactive account is refused even if its token version still matches."""
    user_id = world.users["teacher_a"].id
    assert set_active_raw(client, world, "teacher_a", active=False).status_code == 200
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        user = session.get(User, user_id)
        assert user is not None and user.id is not None
        token = create_access_token(world.settings.resolved_secret_key, user.id, user.token_version, 30)

    assert_unauthorized(me(client, token))


def test_password_change_ends_old_sessions(client: TestClient) -> None:
    token = token_of(client, "manager_a")

    response = client.post(
        f"{API}/auth/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(token),
    )

    assert response.status_code == 204, response.text
    assert response.content == b""
    assert_unauthorized(me(client, token))
    assert_unauthorized(login(client, "manager_a", PASSWORD))
    new_token = token_of(client, "manager_a", NEW_PASSWORD)
    assert me(client, new_token).json()["login"] == "manager_a"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"current_password": "saimatkhau123", "new_password": NEW_PASSWORD}, "body.current_password"),
        ({"current_password": PASSWORD, "new_password": "ngan1"}, "body.new_password"),
        ({"current_password": PASSWORD, "new_password": "chicochuthoi"}, "body.new_password"),
        ({"current_password": PASSWORD, "new_password": "1234567890"}, "body.new_password"),
        ({"current_password": PASSWORD, "new_password": "Manager_A"}, "body.new_password"),
        ({"current_password": PASSWORD, "new_password": "a1" * 65}, "body.new_password"),
        ({"current_password": PASSWORD}, "body.new_password"),
        ({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "x": 1}, "body.x"),
    ],
)
def test_failed_password_change_changes_nothing(client: TestClient, body: dict[str, Any], path: str) -> None:
    token = token_of(client, "manager_a")

    response = client.post(f"{API}/auth/password", json=body, headers=bearer(token))

    assert_problem(response, 422, path)
    assert me(client, token).status_code == 200
    assert_unauthorized(login(client, "manager_a", NEW_PASSWORD))
    assert token_of(client, "manager_a", PASSWORD)


def test_password_change_needs_a_token(client: TestClient) -> None:
    response = client.post(
        f"{API}/auth/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )

    assert_unauthorized(response)
    assert token_of(client, "manager_a", PASSWORD)


# The password rules (auth/passwords.py): a weak password, and the words its reason must contain.
WEAK_PASSWORDS: list[tuple[str, Callable[[str], str], str]] = [
    ("shorter than 8", lambda login: "ngan1", "ít nhất 8 ký tự"),
    ("longer than 128", lambda login: "a1" * 65, "không được quá 128 ký tự"),
    ("letters only", lambda login: "chicochuthoi", "cả chữ và số"),
    ("digits only", lambda login: "1234567890", "cả chữ và số"),
    ("the login itself", lambda login: login.upper(), "không được chứa tên đăng nhập"),
    ("the login and a year", lambda login: login.title() + "2027", "không được chứa tên đăng nhập"),
    ("a common password", lambda login: "Matkhau123", "quá phổ biến"),
    ("the published demo password", lambda login: "thidua2026", "quá phổ biến"),
]


def test_every_password_rule_answers_422_at_the_field_with_its_reason(
    client: TestClient, world: World
) -> None:
    """On the three ways a password is set: an account created or reset by the administrator, and a
    user changing their own."""
    admin = world.headers("admin")
    teacher_id = world.users["teacher_a"].id
    token = token_of(client, "manager_a")
    wrong = []

    for case, password_for, reason in WEAK_PASSWORDS:
        create = {
            "login": "giaovien.moi",
            "full_name": "Nguyễn Văn Mới",
            "password": password_for("giaovien.moi"),
            "roles": ["staff"],
            "unit_id": world.units["THCS-A"],
        }
        etag = client.get(f"{API}/users/{teacher_id}", headers=admin).headers["etag"]
        attempts = {
            "create": (client.post(f"{API}/users", json=create, headers=admin), "body.password"),
            "reset": (
                client.patch(
                    f"{API}/users/{teacher_id}",
                    json={"password": password_for("teacher_a")},
                    headers={**admin, "If-Match": etag},
                ),
                "body.password",
            ),
            "change": (
                client.post(
                    f"{API}/auth/password",
                    json={"current_password": PASSWORD, "new_password": password_for("manager_a")},
                    headers=bearer(token),
                ),
                "body.new_password",
            ),
        }
        for where, (response, path) in attempts.items():
            body = assert_problem(response, 422, path)
            messages = [e["message"] for e in body["errors"] if e["path"] == path]
            if not any(reason in m.lower() for m in messages):
                wrong.append(f"{case} on {where}: {messages}")

    assert not wrong, wrong
    # Nothing was set: the accounts keep their password, the new login does not exist.
    assert me(client, token).status_code == 200
    assert token_of(client, "teacher_a") and token_of(client, "manager_a")
    assert_unauthorized(login(client, "giaovien.moi", "Matkhau123"))
    strong = "Mat-khau-Manh-2026!"
    changed = client.post(
        f"{API}/auth/password",
        json={"current_password": PASSWORD, "new_password": strong},
        headers=bearer(token),
    )
    assert changed.status_code == 204, changed.text
