"""Client addresses behind (and not behind) a reverse proxy, on the real server command.

uvicorn believes X-Forwarded-For from loopback by default: a guesser on the machine, or behind a proxy
that passes the header through, picked a new address per request and was never throttled, growing the
throttle table by a row per guess. `thidua.cli serve` believes the header only from TRUSTED_PROXIES.
"""

import httpx

from tests.fixtures.process_commune import Commune
from tests.fixtures.process_server import Server


def _guess(server: Server, login: str, forwarded_for: str) -> int:
    response = httpx.post(
        f"{server.url}/api/v1/auth/token",
        data={"username": login, "password": "saimatkhau123"},
        headers={"X-Forwarded-For": forwarded_for},
        timeout=30,
    )
    return response.status_code


def test_a_forged_forwarded_for_does_not_dodge_the_address_throttle(commune: Commune) -> None:
    server = Server(commune.database_url, commune.folder, {"LOGIN_MAX_FAILURES_PER_IP": "3"}).start()
    try:
        # One guess per login, each claiming another address: all come from loopback, the real one.
        statuses = [_guess(server, f"doan_xff_{i}", f"198.51.100.{i}") for i in range(1, 5)]
    finally:
        server.stop()

    assert statuses == [401] * 3 + [429]


def test_forwarded_for_is_believed_from_a_trusted_proxy(commune: Commune) -> None:
    proxy = Server(
        commune.database_url,
        commune.folder,
        {"TRUSTED_PROXIES": "127.0.0.1", "LOGIN_MAX_FAILURES_PER_IP": "3"},
    ).start()
    try:
        statuses = [_guess(proxy, f"doan_proxy_{i}", f"203.0.113.{i}") for i in range(1, 7)]
        # Six different clients behind the proxy, one failure each: nobody is locked.
        assert statuses == [401] * 6
        # One client behind the proxy failing five times is locked, by its own address.
        again = [_guess(proxy, f"doan_again_{i}", "203.0.113.99") for i in range(4)]
        assert again == [401] * 3 + [429]
    finally:
        proxy.stop()
