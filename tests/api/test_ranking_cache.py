"""Rankings are cached per server process and must never show a number older than the data.

Every commit that writes score data bumps `score_generation`, whichever process or connection made
it; a ranking computed at an older generation is recomputed. A write that bypasses the tracking (an
engine built with `track_scores=False`) shows that the cache is really used.
"""

import threading
import time
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text, update
from sqlmodel import Session

from tests.fixtures.assessments import submitted
from tests.helpers import World
from thidua.assessments.models import AssessmentEntry
from thidua.db import make_engine
from thidua.scoring import generation


def _ranking(client: TestClient, world: World, framework_id: int) -> list[tuple[str, int, str]]:
    url = f"/api/v1/scorecards?framework_id={framework_id}&school_year=2025-2026"
    r = client.get(url, headers=world.headers("officer"))
    assert r.status_code == 200, r.text
    return [(x["unit_name"], x["rank"], x["verified_total"]) for x in r.json()["items"]]


def _set_tc52(engine: Any, assessment_id: int, value: str) -> None:
    """TC5.2 (information-security incidents, lower is better, 6 points at 0) written straight to
    the database, as another server process or an import would."""
    with Session(engine) as session:
        indicator = session.execute(
            text("SELECT id FROM indicator WHERE code = 'TC5.2' ORDER BY id")
        ).scalar()
        session.execute(
            update(AssessmentEntry)
            .where(AssessmentEntry.assessment_id == assessment_id, AssessmentEntry.indicator_id == indicator)
            .values(verified_value=value)
        )
        session.commit()


def _generation(engine: Any) -> int:
    with Session(engine) as session:
        return generation.current(session)


def test_a_write_from_another_process_shows_at_once_and_untracked_writes_prove_the_cache(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    a = submitted(client, world, catalogue, "manager_a")
    submitted(client, world, catalogue, "manager_b")
    unit = catalogue["unit"]
    assert _ranking(client, world, unit) == [("Trường THCS A", 1, "36.60"), ("Trường Tiểu học B", 1, "36.60")]

    url = world.settings.resolved_database_url
    untracked = make_engine(url, track_scores=False)
    other_process = make_engine(url)
    try:
        # Not tracked: the ranking is served from the cache, so it still shows the old number.
        _set_tc52(untracked, a["id"], "1")
        assert _ranking(client, world, unit)[0] == ("Trường THCS A", 1, "36.60")

        # Tracked (any other engine, as in a second worker): the next read recomputes.
        before = _generation(other_process)
        _set_tc52(other_process, a["id"], "1")
        assert _generation(other_process) == before + 1
        assert _ranking(client, world, unit) == [
            ("Trường Tiểu học B", 1, "36.60"),
            ("Trường THCS A", 2, "30.60"),
        ]
    finally:
        untracked.dispose()
        other_process.dispose()


def test_bookkeeping_writes_and_reads_leave_the_generation_alone(
    client: TestClient, world: World, catalogue: dict[str, int]
) -> None:
    engine = make_engine(world.settings.resolved_database_url)
    try:
        before = _generation(engine)
        r = client.get("/api/v1/audit-events", headers=world.headers("admin"))
        assert r.status_code == 200
        client.get(
            f"/api/v1/scorecards?framework_id={catalogue['unit']}&school_year=2025-2026",
            headers=world.headers("officer"),
        )
        # A failed login writes only the throttle table; a framework read writes nothing.
        client.post("/api/v1/auth/login", json={"login": "officer", "password": "sai-mat-khau-1"})
        assert _generation(engine) == before
        # A score write through the API moves it.
        submitted(client, world, catalogue, "manager_a")
        assert _generation(engine) > before
    finally:
        engine.dispose()


def test_which_statements_count_as_score_data() -> None:
    assert generation._touches_scores("UPDATE assessment_entry SET verified_value=? WHERE id = ?")
    assert generation._touches_scores('INSERT INTO "attendance" (activity_id, staff_id) VALUES (?, ?)')
    assert generation._touches_scores("delete from plan where id = 1")
    assert not generation._touches_scores("INSERT INTO audit_event (action) VALUES (?)")
    assert not generation._touches_scores("UPDATE login_throttle SET failures = 1")
    assert not generation._touches_scores("SELECT * FROM assessment_entry")


def test_concurrent_requests_for_one_ranking_compute_it_once() -> None:
    cache = generation.ResultCache(size=2)
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        time.sleep(0.05)
        return "ranking"

    threads = [threading.Thread(target=cache.get, args=("key", compute)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    cache.get("b", lambda: "b")
    cache.get("c", lambda: "c")  # the oldest key is dropped
    assert cache.get("key", compute) == "ranking" and len(calls) == 2
