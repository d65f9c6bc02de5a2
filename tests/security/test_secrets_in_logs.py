"""No password, token, API key, webhook secret or SECRET_KEY ever reaches the logs.

The app runs under a real uvicorn server (its access and error logs included) at uvicorn's most
verbose level (trace), with SQL echo on, and every log record of every logger is captured while
clients log in, fail to log in, use tokens and API keys, create and reset accounts and change their
own password.
"""

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn

from tests.conftest import PASSWORD
from tests.helpers import World
from thidua.config import Settings
from thidua.main import create_app

TRACE = 5  # uvicorn's level below DEBUG


@contextmanager
def served(settings: Settings) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in this process so its log records are caught."""
    app = create_app(settings)
    uvicorn_loggers = [logging.getLogger(f"uvicorn{part}") for part in ("", ".error", ".access", ".asgi")]
    levels = [logger.level for logger in uvicorn_loggers]
    # log_config=None: uvicorn keeps Python's default propagation, so the test's handler sees its records.
    config = uvicorn.Config(app, log_config=None, log_level="trace", access_log=True, lifespan="on")
    server = uvicorn.Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()
        app.state.engine.dispose()
        for logger, level in zip(uvicorn_loggers, levels, strict=True):  # uvicorn set them to trace
            logger.setLevel(level)


def test_no_secret_reaches_the_logs(world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(TRACE)
    settings = world.settings.model_copy(update={"sql_echo": True})
    wrong_password, created_password = "SaiMatKhau-987654", "Mat-khau-Tao-Moi-2026"
    reset_password, own_new_password = "Mat-khau-Dat-Lai-2026", "Mat-khau-Tu-Doi-2026"
    secrets: dict[str, str] = {
        "the password": PASSWORD,
        "a wrong password": wrong_password,
        "a new account's password": created_password,
        "a reset password": reset_password,
        "a changed password": own_new_password,
        "SECRET_KEY": world.settings.resolved_secret_key,
    }

    with served(settings) as base, httpx.Client(base_url=base + "/api/v1", timeout=30) as http:

        def log_in(login: str, password: str) -> httpx.Response:
            return http.post("/auth/token", data={"username": login, "password": password})

        def bearer(token: str) -> dict[str, str]:
            return {"Authorization": f"Bearer {token}"}

        assert log_in("manager_a", wrong_password).status_code == 401
        assert log_in("nobody_here", wrong_password).status_code == 401
        admin = log_in("admin", PASSWORD).json()["access_token"]
        manager = log_in("manager_a", PASSWORD).json()["access_token"]
        secrets |= {"the administrator's token": admin, "the manager's token": manager}
        assert http.get("/auth/me", headers=bearer(manager)).status_code == 200
        assert http.get("/auth/me", headers=bearer(manager + "x")).status_code == 401

        key = http.post(
            "/api-keys",
            json={
                "name": "Phần mềm nhân sự",
                "service_account_id": world.users["integration"].id,
                "scopes": ["staff:read"],
            },
            headers=bearer(admin),
        )
        assert key.status_code == 201, key.text
        secrets["an API key"] = key.json()["secret"]
        assert http.get("/staff", headers={"X-API-Key": secrets["an API key"]}).status_code == 200
        assert http.get("/staff", headers=bearer(secrets["an API key"])).status_code == 200
        assert http.get("/staff", headers={"X-API-Key": secrets["an API key"] + "x"}).status_code == 401

        hook = http.post(
            "/webhooks",
            json={"name": "Cổng dữ liệu", "url": "https://example.org/hook", "events": ["plan.submitted"]},
            headers=bearer(admin),
        )
        assert hook.status_code == 201, hook.text
        secrets["a webhook secret"] = hook.json()["secret"]

        new_user = {
            "login": "giaovien.moi",
            "full_name": "Nguyễn Văn Mới",
            "password": created_password,
            "roles": ["staff"],
            "unit_id": world.units["THCS-A"],
        }
        assert http.post("/users", json=new_user, headers=bearer(admin)).status_code == 201
        teacher = f"/users/{world.users['teacher_a'].id}"
        etag = http.get(teacher, headers=bearer(admin)).headers["etag"]
        reset = http.patch(
            teacher, json={"password": reset_password}, headers={**bearer(admin), "If-Match": etag}
        )
        assert reset.status_code == 200, reset.text
        changed = http.post(
            "/auth/password",
            json={"current_password": PASSWORD, "new_password": own_new_password},
            headers=bearer(manager),
        )
        assert changed.status_code == 204, changed.text
        again = log_in("manager_a", own_new_password).json()["access_token"]
        secrets["a token after the change"] = again
        assert http.get("/auth/me", headers=bearer(again)).status_code == 200

    # The capture works: requests, SQL and uvicorn's own records are all there.
    names = {r.name for r in caplog.records}
    assert {"uvicorn.access", "uvicorn.error", "sqlalchemy.engine.Engine"} <= names, names
    assert any(
        "POST /api/v1/auth/token" in r.getMessage() for r in caplog.records if r.name == "uvicorn.access"
    )
    # The formatted text (tracebacks included) and each record's raw arguments.
    logged = caplog.text + "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records)
    leaked = [what for what, value in secrets.items() if value in logged]
    assert not leaked, f"in the logs: {leaked}"
    # Nor password hashes: SQL echo prints statements without their values.
    assert "$argon2" not in logged
