"""Crash safety: the server process is killed with SIGKILL (no shutdown, no rollback of its own) in the
middle of a large import and in the middle of scorecard freezes, then started again.

What must hold after the restart: nothing of the interrupted batch was stored; the restarted server's
worker runs the job again and imports the file exactly once, and a retry with the same Idempotency-Key
replays that job's answer; every freeze is whole or absent
(the assessment verified, its scorecard snapshot and its audit event together, or none of them); and
the database passes its integrity checks (SQLite's integrity_check and foreign_key_check, and a walk
of every foreign key on both databases).
"""

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from tests.fixtures.process_commune import JOB_THRESHOLD_BYTES, SCHOOLS, Commune, imports_held
from tests.fixtures.process_server import Server, bearer, engine_for, integrity
from thidua.assessments.models import ScorecardSnapshot, SelfAssessment
from thidua.audit.models import AuditEvent
from thidua.imports.models import ImportJob
from thidua.units.models import StaffMember

pytestmark = pytest.mark.processes

# Staff rows in the import: 6 chunks of 1,000 in one transaction; the file (~250 kB) runs as a job.
ROWS = 6_000
PREFIX = "SAP"


def staff_csv(rows: int) -> bytes:
    lines = [f"{PREFIX}-{n:06d},Cán bộ nhập số {n},TH-{n % SCHOOLS:02d}\n" for n in range(rows)]
    return ("code,full_name,unit_code\n" + "".join(lines)).encode()


def _outputs(servers: list[Server]) -> str:
    return "\n".join(f"--- server {s.port}\n{s.output()[-4000:]}" for s in servers)


def imported(engine: Any) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count()).select_from(StaffMember).where(col(StaffMember.code).startswith(PREFIX))
        ).one()


def assert_intact(engine: Any) -> dict[str, Any]:
    found = integrity(engine)
    assert found["orphans"] == {}, found
    if engine.dialect.name == "sqlite":
        assert found["integrity_check"] == ["ok"] and found["foreign_key_check"] == [], found
    return found


@pytest.fixture
def gate(commune: Commune) -> Iterator[Path]:
    with imports_held(commune.folder) as path:
        yield path


def test_a_kill_during_a_large_import_leaves_nothing_and_the_restart_imports_once(
    servers: list[Server], commune: Commune, gate: Path
) -> None:
    server = servers[0]
    officer = {**bearer(commune.officer_id), "Idempotency-Key": "can-bo-cac-truong-2025-10"}
    body = staff_csv(ROWS)
    assert len(body) > JOB_THRESHOLD_BYTES
    url = f"{server.url}/api/v1/imports/staff"
    headers = {**officer, "Content-Type": "text/csv"}
    try:
        r = httpx.post(url, content=body, headers=headers, timeout=60)
    except httpx.TimeoutException:  # seen once under a loaded suite: say what the server was doing
        pytest.fail(f"the upload got no answer in 60 s; the servers printed:\n{_outputs(servers)}")
    assert r.status_code == 202, r.text
    first_job = r.json()["id"]
    job_url = f"{server.url}{r.headers['Location']}"
    # Wait until the job has written its first chunk inside its transaction (the gate holds it
    # there), then pull the plug.
    deadline = time.monotonic() + 60
    while True:
        job = httpx.get(job_url, headers=officer, timeout=10).json()
        assert job["status"] in ("queued", "running"), f"the job ended before the kill: {job}"
        if job["status"] == "running" and job["processed_rows"] > 0:
            break
        assert time.monotonic() < deadline, job
        time.sleep(0.01)
    server.kill()
    rows_at_kill = job["processed_rows"]
    assert 0 < rows_at_kill < ROWS

    # The database as the dead process left it: the job still says running, none of its rows exist.
    engine = engine_for(commune.database_url)
    with Session(engine) as session:
        left = session.get(ImportJob, first_job)
        assert left is not None and left.status == "running"
    assert imported(engine) == 0
    crash_check = assert_intact(engine)

    gate.unlink()  # the re-run goes through
    started = time.perf_counter()
    server.start()
    restart_seconds = time.perf_counter() - started
    # The restarted server's worker finds the job unfinished and runs it again, from the start, once.
    started = time.perf_counter()
    # Waits for the state, not a count of polls: on a loaded CI machine the re-run can take minutes.
    deadline = time.monotonic() + 600
    while True:
        job = httpx.get(job_url, headers=officer, timeout=30).json()
        if job["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert job["status"] == "succeeded" and job["summary"]["created"] == ROWS, job
    rerun_seconds = time.perf_counter() - started
    assert imported(engine) == ROWS
    assert not [p for p in (commune.folder / "imports").iterdir() if p.is_file()]  # its upload is gone

    # The client retries with the same key: the answer of the job that ran is replayed.
    again = httpx.post(url, content=body, headers=headers, timeout=60)
    assert again.status_code == 202 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first_job
    assert imported(engine) == ROWS
    with Session(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.entity_type == "import")).all()
        assert [e.entity_id for e in events] == [first_job]
    final_check = assert_intact(engine)
    engine.dispose()
    print(
        f"\nimport: killed at {rows_at_kill:,} of {ROWS:,} rows; rows left after the crash 0; "
        f"restart {restart_seconds:.1f} s; the job ran again and imported {ROWS:,} once in "
        f"{rerun_seconds:.1f} s; "
        f"integrity after crash {crash_check}, after retry {final_check}"
    )


def freeze_state(engine: Any, ids: list[int]) -> dict[int, tuple[str, bool, int, int]]:
    """Per assessment: (status, verified_at set, scorecard snapshots, verify audit events)."""
    with Session(engine) as session:
        status = {
            a.id: (a.status, a.verified_at is not None)
            for a in session.exec(select(SelfAssessment).where(col(SelfAssessment.id).in_(ids)))
        }
        snapshots = dict(
            session.exec(
                select(ScorecardSnapshot.assessment_id, func.count())
                .where(col(ScorecardSnapshot.assessment_id).in_(ids))
                .group_by(col(ScorecardSnapshot.assessment_id))
            ).all()
        )
        events = dict(
            session.exec(
                select(AuditEvent.entity_id, func.count())
                .where(AuditEvent.entity_type == "self_assessment", AuditEvent.action == "verify")
                .where(col(AuditEvent.entity_id).in_(ids))
                .group_by(col(AuditEvent.entity_id))
            ).all()
        )
    return {i: (*status[i], snapshots.get(i, 0), events.get(i, 0)) for i in ids}


WHOLE = ("verified", True, 1, 1)
NONE = ("submitted", False, 0, 0)


def test_a_kill_during_scorecard_freezes_leaves_each_whole_or_absent(
    servers: list[Server], commune: Commune
) -> None:
    server = servers[0]
    officer = bearer(commune.officer_id)
    ids = commune.submitted_ids
    clients = [httpx.Client(base_url=server.url, headers=officer, timeout=60) for _ in ids]
    for c in clients:
        c.get("/api/v1/health").raise_for_status()
    go, first_answer = threading.Barrier(len(ids)), threading.Event()
    answers: dict[int, int | None] = {}

    def verify(c: httpx.Client, assessment_id: int) -> None:
        go.wait()
        try:
            r = c.post(f"/api/v1/self-assessments/{assessment_id}/verify", headers={"If-Match": '"1"'})
            answers[assessment_id] = r.status_code
        except httpx.HTTPError:
            answers[assessment_id] = None  # the process died under this request
        first_answer.set()

    threads = [threading.Thread(target=verify, args=pair) for pair in zip(clients, ids, strict=True)]
    for t in threads:
        t.start()
    assert first_answer.wait(60)
    server.kill()
    server.spawn()  # the restart boots while the crash state is checked (it touches no assessment)
    for t in threads:
        t.join(60)
    for c in clients:
        c.close()
    in_flight = [i for i in ids if answers[i] is None]
    assert all(answers[i] in (200, None) for i in ids), answers
    assert in_flight, "every freeze finished before the kill: nothing was interrupted"

    engine = engine_for(commune.database_url)
    state = freeze_state(engine, ids)
    partial = {i: s for i, s in state.items() if s not in (WHOLE, NONE)}
    assert partial == {}, partial
    assert all(state[i] == WHOLE for i in ids if answers[i] == 200)  # an answered freeze was stored
    frozen_at_kill = sum(s == WHOLE for s in state.values())
    crash_check = assert_intact(engine)

    server.wait_ready()
    # After the restart the officer verifies what was not stored; a stored freeze is not redone.
    with httpx.Client(base_url=server.url, headers=officer, timeout=60) as http:
        for i in ids:
            current = http.get(f"/api/v1/self-assessments/{i}")
            r = http.post(
                f"/api/v1/self-assessments/{i}/verify", headers={"If-Match": current.headers["etag"]}
            )
            assert r.status_code == (409 if state[i] == WHOLE else 200), r.text
            assert r.status_code == 200 or r.headers["content-type"].startswith("application/problem+json")
    assert set(freeze_state(engine, ids).values()) == {WHOLE}
    final_check = assert_intact(engine)
    engine.dispose()
    print(
        f"\nfreeze: {len(ids)} concurrent verifications, killed after the first answer: "
        f"{len(in_flight)} in flight, {frozen_at_kill} stored whole, {len(ids) - frozen_at_kill} absent, "
        f"0 partial; integrity after crash {crash_check}, after retry {final_check}"
    )
