"""Concurrent edits across two server processes: 20 clients send the same If-Match at the same moment.

Two uvicorn processes on two ports share one database (the SQLite file in WAL mode, or PostgreSQL);
half the clients talk to each. Per round exactly one update wins; the 19 others get 412 in the problem
shape (whether the If-Match check or the version check in the UPDATE caught them); the stored value
is the winner's and the version moved by exactly one, so no update was lost or applied twice.
"""

import os
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.fixtures.process_commune import YEAR, Commune
from tests.fixtures.process_server import Server, bearer

pytestmark = pytest.mark.processes

CLIENTS = 20
ROUNDS = 2
DATABASE = "PostgreSQL" if os.environ.get("TEST_DATABASE_URL", "").startswith("postgres") else "SQLite WAL"


Send = Callable[[httpx.Client, int], httpx.Response]


def race(servers: list[Server], headers: dict[str, str], send: Send) -> list[httpx.Response]:
    """CLIENTS threads, each with its own connection to one of the servers, fire together."""
    clients = [httpx.Client(base_url=servers[n % 2].url, headers=headers, timeout=60) for n in range(CLIENTS)]
    for c in clients:
        c.get("/api/v1/health").raise_for_status()  # connected before the start line
    start = threading.Barrier(CLIENTS)
    answers: list[Any] = [None] * CLIENTS

    def client(n: int) -> None:
        start.wait()
        try:
            answers[n] = send(clients[n], n)
        except httpx.HTTPError as exc:  # reported below as a failure, not lost in the thread
            answers[n] = exc

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    for c in clients:
        c.close()
    assert all(isinstance(a, httpx.Response) for a in answers), answers
    return answers


def one_winner(answers: list[httpx.Response], late: list[int]) -> int:
    """The index of the single 200; every other answer is a 412 problem. Appends to `late` how many
    losers passed the If-Match check and were stopped by the version check in the UPDATE itself."""
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [200] + [412] * (CLIENTS - 1), [(r.status_code, r.text[:200]) for r in answers]
    for r in answers:
        if r.status_code == 412:
            assert r.headers["content-type"].startswith("application/problem+json")
            body = r.json()
            assert body["status"] == 412 and body["title"] and body["detail"]
    late.append(sum("cùng lúc" in r.json()["detail"] for r in answers if r.status_code == 412))
    return next(n for n, r in enumerate(answers) if r.status_code == 200)


def figures(started: float, late: list[int]) -> str:
    return (
        f"{CLIENTS} clients with one If-Match x {ROUNDS} rounds on 2 processes ({DATABASE}): per round "
        f"1 x 200 and {CLIENTS - 1} x 412 (of which stopped by the UPDATE's version check: {late}), "
        f"stored = the winner's, no 5xx; {time.perf_counter() - started:.1f} s"
    )


def clean_logs(servers: list[Server], since: list[int]) -> None:
    for server, start in zip(servers, since, strict=True):
        log = server.output(start)
        assert "database is locked" not in log and "Traceback" not in log, log


def test_twenty_clients_edit_one_self_assessment_entry(servers: list[Server], commune: Commune) -> None:
    since = [s.log_size() for s in servers]
    manager = bearer(commune.manager_id)
    url = "/api/v1/self-assessments"
    with httpx.Client(base_url=servers[0].url, headers=manager, timeout=30) as http:
        r = http.post(url, json={"framework_id": commune.unit_framework_id, "school_year": YEAR})
        assert r.status_code == 201, r.text
        a = r.json()
        entry = {"entries": [{"indicator_code": "TC2.1", "value": "10"}]}
        r = http.put(f"{url}/{a['id']}/entries", json=entry, headers={"If-Match": r.headers["etag"]})
        assert r.status_code == 200, r.text
    etag = r.headers["etag"]
    started, late = time.perf_counter(), []
    # Round 1 changes the stored TC2.1 entry; round 2 adds TC3.3, an entry that does not exist yet.
    for code, first_value in (("TC2.1", 50), ("TC3.3", 0)):

        def send(
            http: httpx.Client, n: int, code: str = code, first: int = first_value, tag: str = etag
        ) -> Any:
            body = {"entries": [{"indicator_code": code, "value": str(first + n), "note": f"máy khách {n}"}]}
            return http.put(f"{url}/{a['id']}/entries", json=body, headers={"If-Match": tag})

        answers = race(servers, manager, send)
        winner = one_winner(answers, late)
        assert int(answers[winner].headers["etag"].strip('"')) == int(etag.strip('"')) + 1
        etag = answers[winner].headers["etag"]
        stored = httpx.get(f"{servers[1].url}{url}/{a['id']}", headers=manager, timeout=30)
        assert stored.headers["etag"] == etag
        entries = {e["indicator_code"]: e for e in stored.json()["entries"]}
        assert Decimal(entries[code]["self_value"]) == first_value + winner
        assert entries[code]["note"] == f"máy khách {winner}"
    # One audit event per successful write: the set-up's and one per round.
    officer = bearer(commune.officer_id)
    events = httpx.get(
        f"{servers[0].url}/api/v1/audit-events",
        params={"entity_type": "self_assessment", "entity_id": a["id"]},
        headers=officer,
        timeout=30,
    ).json()
    assert sorted(e["action"] for e in events["items"]) == ["create"] + ["update_entries"] * (1 + ROUNDS)
    clean_logs(servers, since)
    print(f"\nself-assessment entry: {figures(started, late)}")


def test_twenty_clients_edit_one_plan(servers: list[Server], commune: Commune) -> None:
    since = [s.log_size() for s in servers]
    manager = bearer(commune.manager_id)
    with httpx.Client(base_url=servers[1].url, headers=manager, timeout=30) as http:
        r = http.post(
            "/api/v1/plans",
            json={
                "movement_id": commune.movement_id,
                "title": "Kế hoạch thực hiện Phong trào",
                "content": {"objectives": "100% giáo viên được bồi dưỡng kỹ năng số"},
            },
        )
        assert r.status_code == 201, r.text
    plan, etag = r.json(), r.headers["etag"]
    started, late = time.perf_counter(), []
    for round_ in range(ROUNDS):

        def send(http: httpx.Client, n: int, round_: int = round_, tag: str = etag) -> Any:
            title = f"Kế hoạch vòng {round_} của máy khách {n}"
            return http.patch(f"/api/v1/plans/{plan['id']}", json={"title": title}, headers={"If-Match": tag})

        answers = race(servers, manager, send)
        winner = one_winner(answers, late)
        etag = answers[winner].headers["etag"]
        stored = httpx.get(f"{servers[0].url}/api/v1/plans/{plan['id']}", headers=manager, timeout=30)
        assert stored.headers["etag"] == etag == f'"{2 + round_}"'
        assert stored.json()["title"] == f"Kế hoạch vòng {round_} của máy khách {winner}"
    clean_logs(servers, since)
    print(f"\nplan: {figures(started, late)}")
