"""Login, tokens, throttling, password change and the "who am I" endpoint, seen from a client."""

import base64
import hashlib
import hmac
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jose import jwt
from sqlmodel import Session

from tests.conftest import PASSWORD
from tests.helpers import World, assert_problem
from thidua.auth.models import User
from thidua.auth.roles import Role, permissions_of
from thidua.auth.tokens import create_access_token
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


# --- hand-made JWTs -------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segment(obj: dict[str, Any]) -> str:
    return b64url(json.dumps(obj, separators=(",", ":")).encode())


def claims_for(world: World, login_name: str, **overrides: Any) -> dict[str, Any]:
    """Claims exactly like the app's own tokens; an override of None removes the claim."""
    user = world.users[login_name]
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": str(user.id),
        "tv": user.token_version,
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "typ": "access",
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def hmac_token(
    secret: str, header: dict[str, Any], claims: dict[str, Any], digest: Any = hashlib.sha256
) -> str:
    signing_input = f"{segment(header)}.{segment(claims)}"
    signature = hmac.new(secret.encode(), signing_input.encode(), digest).digest()
    return f"{signing_input}.{b64url(signature)}"


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
            {"staff:write", "assessments:fill", "plans:write", "activities:write"},
            {"users:manage", "units:write", "assessments:review", "audit:read"},
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
    token = token_of(client, login_name)

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


# --- tokens ----------------------------------------------------------------------------------------


def test_missing_token_is_401_with_challenge(client: TestClient) -> None:
    assert_unauthorized(client.get(f"{API}/auth/me"))
    assert_unauthorized(client.get(f"{API}/auth/me", headers={"Authorization": "Basic YWRtaW46eA=="}))


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9.e30."])
def test_garbage_token_is_401(client: TestClient, token: str) -> None:
    assert_unauthorized(me(client, token))


def test_hand_made_token_with_the_real_key_is_accepted(client: TestClient, world: World) -> None:
    """Control for the forged-token tests below: the builder itself makes valid tokens."""
    token = hmac_token(
        world.settings.resolved_secret_key, {"alg": "HS256", "typ": "JWT"}, claims_for(world, "officer")
    )

    response = me(client, token)

    assert response.status_code == 200, response.text
    assert response.json()["login"] == "officer"


def test_alg_none_token_is_401(client: TestClient, world: World) -> None:
    claims = claims_for(world, "admin")
    for alg in ("none", "None", "NONE"):
        token = f"{segment({'alg': alg, 'typ': 'JWT'})}.{segment(claims)}."
        assert_unauthorized(me(client, token))


def test_token_signed_with_another_key_is_401(client: TestClient, world: World) -> None:
    token = jwt.encode(claims_for(world, "admin"), "another-secret-" + "x" * 40, algorithm="HS256")

    assert_unauthorized(me(client, token))


def test_token_with_another_algorithm_is_401_even_with_the_real_key(client: TestClient, world: World) -> None:
    secret = world.settings.resolved_secret_key
    claims = claims_for(world, "admin")
    hs512 = jwt.encode(claims, secret, algorithm="HS512")
    hs384 = jwt.encode(claims, secret, algorithm="HS384")
    # Algorithm confusion: an RS256 header with an HMAC signature made from the shared secret.
    rs256 = hmac_token(secret, {"alg": "RS256", "typ": "JWT"}, claims)
    hs512_sha256 = hmac_token(secret, {"alg": "HS512", "typ": "JWT"}, claims)

    for token in (hs512, hs384, rs256, hs512_sha256):
        assert_unauthorized(me(client, token))


@pytest.mark.parametrize(
    ("case", "overrides"),
    [
        ("expired", {"exp": int(time.time()) - 60, "iat": int(time.time()) - 3600, "nbf": None}),
        ("no sub", {"sub": None}),
        ("no exp", {"exp": None}),
        ("no iat", {"iat": None}),
        ("not yet valid", {"nbf": int(time.time()) + 3600}),
        ("wrong type", {"typ": "refresh"}),
        ("no token version", {"tv": None}),
        ("old token version", {"tv": 0}),
        ("unknown user", {"sub": "987654"}),
        ("sub not a number", {"sub": "admin"}),
    ],
)
def test_token_with_bad_claims_is_401(
    client: TestClient, world: World, case: str, overrides: dict[str, Any]
) -> None:
    token = jwt.encode(claims_for(world, "admin", **overrides), world.settings.resolved_secret_key)

    assert_unauthorized(me(client, token))


def test_tampered_claims_are_401(client: TestClient, world: World) -> None:
    token = token_of(client, "teacher_a")
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert me(client, token).status_code == 200
    claims["sub"] = str(world.users["admin"].id)

    forged = f"{header}.{segment(claims)}.{signature}"

    assert_unauthorized(me(client, forged))
    assert_unauthorized(client.get(f"{API}/users", headers=bearer(forged)))


def test_oversized_token_is_401_not_500(client: TestClient, world: World) -> None:
    secret = world.settings.resolved_secret_key
    padded = hmac_token(secret, {"alg": "HS256", "typ": "JWT"}, claims_for(world, "admin", pad="x" * 3000))
    assert len(padded) > 2048

    assert_unauthorized(me(client, padded))
    assert_unauthorized(me(client, "a" * 5000))


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


# --- logs ------------------------------------------------------------------------------------------


def test_no_password_or_token_in_logs(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    wrong_password = "SaiMatKhau-987654"
    app = create_app(world.settings)  # built after DEBUG is on, so start-up logging is captured too

    with TestClient(app, raise_server_exceptions=False) as client:
        assert_unauthorized(login(client, "manager_a", wrong_password))
        assert_unauthorized(login(client, "nobody_here", wrong_password))
        token = token_of(client, "manager_a")
        assert me(client, token).status_code == 200
        assert_unauthorized(me(client, token + "x"))
        changed = client.post(
            f"{API}/auth/password",
            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            headers=bearer(token),
        )
        assert changed.status_code == 204
    app.state.engine.dispose()

    assert caplog.records  # the requests themselves are logged
    logged = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    for secret in (PASSWORD, wrong_password, NEW_PASSWORD, token, world.settings.resolved_secret_key):
        assert secret not in logged
