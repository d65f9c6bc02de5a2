"""Several machines on one PostgreSQL database (issue 19): two API processes on two ports, two
`thidua.cli worker` processes running the job queue (procrastinate), and a real S3 API (moto's
standalone server) as the file storage. No process shares memory or disk with another: what one node
accepts, another must be able to serve.

- an import uploaded through node A is run by a worker and read back through node B;
- the worker running a large import is killed with SIGKILL: the other worker takes the job over once
  the dead one's heartbeats stop, and imports the file exactly once (no duplicate rows);
- webhook events with two workers running are each delivered exactly once;
- an evidence file uploaded through A downloads through B;
- a large export asked for on A is built by a worker into the bucket and downloads through B;
- the API rate limit holds across both API processes.

PostgreSQL only (the queue's workers need it); `make test` runs it in its PostgreSQL pass.
"""

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

from tests.fixtures.api import PDF
from tests.fixtures.process_commune import (
    CHUNK_GATE,
    CHUNK_PAUSE_SECONDS,
    JOB_THRESHOLD_BYTES,
    SCHOOLS,
    YEAR,
    Commune,
    imports_held,
    seed,
)
from tests.fixtures.process_server import (
    Server,
    Worker,
    bearer,
    engine_for,
    free_port,
    fresh_database,
    integrity,
)
from thidua.auth.models import User, UserRole
from thidua.generated.models import GeneratedFile
from thidua.imports.models import ImportJob
from thidua.imports.service import JOB_LOCK_SPACE
from thidua.units.models import StaffMember
from thidua.webhooks.models import WebhookDelivery

pytestmark = [
    pytest.mark.processes,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
        reason="the job queue's workers need PostgreSQL (run with TEST_DATABASE_URL)",
    ),
]

BUCKET = "thidua-nodes"
RATE_LIMIT = 40  # requests per minute per user, counted in the database by every API process
S3_ENV = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@dataclass
class Receiver:
    """A webhook receiver on 127.0.0.1 that records every request."""

    url: str = ""
    bodies: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Cluster:
    commune: Commune
    engine: Engine
    a: Server
    b: Server
    workers: list[Worker]
    receiver: Receiver
    admin: dict[str, str]
    s3: Any


def _moto(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    """moto's S3 server, started (it boots while the database is prepared)."""
    port = free_port()
    with (folder / "moto.log").open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return process, f"http://127.0.0.1:{port}"


def _wait_for(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text(errors="replace")) from None
            time.sleep(0.2)


def _receiver() -> tuple[ThreadingHTTPServer, Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.bodies.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    return server, state


def _admin(engine: Engine) -> int:
    with Session(engine) as session:
        user = User(login="quantri", full_name="Quản trị", password_hash="-")
        session.add(user)
        session.flush()
        assert user.id is not None
        session.add(UserRole(user_id=user.id, role="admin"))
        session.commit()
        return user.id


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("nodes")
    moto, endpoint = _moto(folder)
    http, receiver = _receiver()
    processes: list[Server | Worker] = []
    try:
        with fresh_database(folder, "nodes") as url:
            commune = Commune(database_url=url, folder=folder)
            seed(commune)
            engine = engine_for(url)
            admin = bearer(_admin(engine))
            common = {
                **S3_ENV,
                "AWS_ENDPOINT_URL": endpoint,
                "STORAGE_URL": f"s3://{BUCKET}/xa-thanh-thuy",
                "JOB_QUEUE": "procrastinate",
                "IMPORT_ASYNC_THRESHOLD_BYTES": str(JOB_THRESHOLD_BYTES),
                "IMPORT_CHUNK_PAUSE_SECONDS": str(CHUNK_PAUSE_SECONDS),
                "IMPORT_CHUNK_GATE": str(folder / CHUNK_GATE),
                "WEBHOOKS_ENABLED": "true",
                "WEBHOOK_PRIVATE_ADDRESSES": "true",  # the receiver listens on loopback
                "RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT),
                "QUEUE_HEARTBEAT_SECONDS": "1",
                "QUEUE_STALLED_SECONDS": "4",
            }
            # Each node its own VAR_DIR: nothing is shared but the database and the bucket.
            nodes = [folder / name for name in ("node-a", "node-b", "worker-1", "worker-2")]
            for node in nodes:
                node.mkdir()
            a, b = (Server(url, nodes[i], common) for i in range(2))
            workers = [Worker(url, nodes[2 + i], f"thidua-worker-{i + 1}", common) for i in range(2)]
            processes = [a, b, *workers]
            for worker in workers:
                worker.spawn()
            a.spawn()
            b.spawn()
            _wait_for(moto, endpoint, folder / "moto.log")
            s3 = boto3.client(
                "s3",
                endpoint_url=endpoint,
                aws_access_key_id="test",
                aws_secret_access_key="test",
                region_name="us-east-1",
            )
            s3.create_bucket(Bucket=BUCKET)
            a.wait_ready()
            b.wait_ready()
            yield Cluster(commune, engine, a, b, workers, receiver, admin, s3)
            assert integrity(engine)["orphans"] == {}
            engine.dispose()
            for process in processes:
                process.stop()
    finally:
        for process in processes:
            process.stop()
        http.shutdown()
        moto.terminate()
        moto.wait(timeout=10)


def staff_csv(prefix: str, rows: int) -> bytes:
    lines = [f"{prefix}-{n:06d},Cán bộ {prefix} số {n},TH-{n % SCHOOLS:02d}\n" for n in range(rows)]
    return ("code,full_name,unit_code\n" + "".join(lines)).encode()


def post_import(server: Server, officer: dict[str, str], body: bytes) -> int:
    r = httpx.post(
        f"{server.url}/api/v1/imports/staff",
        content=body,
        headers={**officer, "Content-Type": "text/csv"},
        timeout=60,
    )
    assert r.status_code == 202, r.text
    return int(r.json()["id"])


def job_row(engine: Engine, job_id: int) -> ImportJob:
    with Session(engine) as session:
        job = session.get(ImportJob, job_id)
        assert job is not None
        return job


def wait_job(engine: Engine, job_id: int, seconds: float = 60) -> ImportJob:
    """The job row, read in the database (the API's rate limit is for people, not for this loop)."""
    deadline = time.monotonic() + seconds
    while (job := job_row(engine, job_id)).status not in ("succeeded", "failed"):
        assert time.monotonic() < deadline, f"job {job_id} is still {job.status}"
        time.sleep(0.1)
    return job


def imported(engine: Engine, prefix: str) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count()).select_from(StaffMember).where(col(StaffMember.code).startswith(prefix))
        ).one()


def test_an_import_uploaded_on_node_a_is_run_by_a_worker_and_read_on_node_b(cluster: Cluster) -> None:
    officer = bearer(cluster.commune.officer_id)
    started = time.perf_counter()
    job_id = post_import(cluster.a, officer, staff_csv("NODE", 3_000))
    # The upload went into the bucket, not onto node A's disk: a worker elsewhere can read it.
    assert not list((cluster.a.var_dir / "imports").glob("*"))
    assert wait_job(cluster.engine, job_id).status == "succeeded"
    seconds = time.perf_counter() - started
    read = httpx.get(f"{cluster.b.url}/api/v1/imports/{job_id}", headers=officer, timeout=10).json()
    assert (read["status"], read["summary"]["created"], read["progress_percent"]) == ("succeeded", 3_000, 100)
    assert imported(cluster.engine, "NODE") == 3_000
    assert cluster.s3.list_objects_v2(Bucket=BUCKET, Prefix="xa-thanh-thuy/imports/").get("KeyCount") == 0
    print(f"\nmulti-node: 3,000 rows uploaded on A, run by a worker, read on B in {seconds:.1f} s")


def holder(engine: Engine, job_id: int) -> str | None:
    """The application name of the session whose transaction holds the job's advisory lock."""
    with engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :space AND l.objid = :job "
                "AND l.objsubid = 2"
            ),
            {"space": JOB_LOCK_SPACE, "job": job_id},
        ).scalar()
    return str(found) if found is not None else None


def test_a_worker_killed_mid_import_is_replaced_and_the_file_is_imported_once(cluster: Cluster) -> None:
    rows = 6_000
    officer = bearer(cluster.commune.officer_id)
    with imports_held(cluster.commune.folder):  # the job holds after each chunk until the kill
        job_id = post_import(cluster.b, officer, staff_csv("KILL", rows))
        rows_at_kill, victim, survivor = _kill_the_worker_inside(cluster, job_id)
    killed_at = time.perf_counter()
    assert 0 < rows_at_kill < rows
    assert imported(cluster.engine, "KILL") == 0  # the dead transaction stored nothing

    finished = wait_job(cluster.engine, job_id, seconds=90)
    takeover = time.perf_counter() - killed_at
    assert finished.status == "succeeded", finished.error
    assert finished.summary is not None and finished.summary["created"] == rows
    assert holder(cluster.engine, job_id) is None
    assert imported(cluster.engine, "KILL") == rows  # exactly once: no duplicate row
    with cluster.engine.connect() as conn:
        duplicates = conn.execute(
            text("SELECT count(*) FROM (SELECT code FROM staff_member GROUP BY code HAVING count(*) > 1) d")
        ).scalar()
    assert duplicates == 0
    # procrastinate finishes its own row a moment after the job's transaction commits: waited for.
    runs = _queue_rows_once_settled(cluster.engine, job_id)
    assert runs == [] or [r.status for r in runs] == ["succeeded"], runs  # deleted once succeeded
    assert survivor.process is not None and survivor.process.poll() is None
    victim.spawn()  # back to two workers for the next tests
    print(
        f"\nmulti-node: worker killed at {rows_at_kill:,} of {rows:,} rows; the other worker finished the "
        f"job {takeover:.1f} s later; {rows:,} rows stored once"
    )


def _kill_the_worker_inside(cluster: Cluster, job_id: int) -> tuple[int, Worker, Worker]:
    """SIGKILL for the worker running the job once it is inside the job's transaction with rows
    written (the gate holds it there); returns the rows written, the victim and the survivor."""
    deadline = time.monotonic() + 60
    while True:
        job = job_row(cluster.engine, job_id)
        assert job.status in ("queued", "running"), f"the job ended before the kill: {job}"
        name = holder(cluster.engine, job_id)
        if job.status == "running" and job.processed_rows > 0 and name:
            break
        assert time.monotonic() < deadline, job
        time.sleep(0.01)
    [victim] = [w for w in cluster.workers if w.name == name]
    survivor = next(w for w in cluster.workers if w is not victim)
    victim.kill()
    return job.processed_rows, victim, survivor


def _queue_rows_once_settled(engine: Engine, job_id: int, seconds: float = 30) -> list[Any]:
    """procrastinate's rows for the import job, once none of them is waiting or running."""
    deadline = time.monotonic() + seconds
    while True:
        with engine.connect() as conn:
            runs = conn.execute(
                text("SELECT status, attempts FROM procrastinate_jobs WHERE args->>'job_id' = :job"),
                {"job": str(job_id)},
            ).all()
        if all(r.status not in ("todo", "doing") for r in runs) or time.monotonic() > deadline:
            return list(runs)
        time.sleep(0.1)


def test_each_webhook_event_is_delivered_once_with_two_workers(cluster: Cluster) -> None:
    events = 12
    r = httpx.post(
        f"{cluster.a.url}/api/v1/webhooks",
        json={"name": "Cổng dữ liệu Sở", "url": cluster.receiver.url, "events": ["plan.submitted"]},
        headers=cluster.admin,
        timeout=10,
    )
    assert r.status_code == 201, r.text
    sub_id = r.json()["id"]
    for n in range(events):  # each "Gửi thử" is one event, sent through either node
        node = cluster.a if n % 2 else cluster.b
        sent = httpx.post(f"{node.url}/api/v1/webhooks/{sub_id}/test", headers=cluster.admin, timeout=10)
        assert sent.status_code in (200, 201, 202), sent.text
    deadline = time.monotonic() + 30
    while True:
        with Session(cluster.engine) as session:
            pending = session.exec(
                select(func.count()).select_from(WebhookDelivery).where(WebhookDelivery.status != "delivered")
            ).one()
        if pending == 0:
            break
        assert time.monotonic() < deadline, f"{pending} deliveries not delivered"
        time.sleep(0.1)
    time.sleep(2)  # a second send would come now, from the other worker
    ids = [body["id"] for body in cluster.receiver.bodies]
    assert len(ids) == events and len(set(ids)) == events, ids
    with Session(cluster.engine) as session:
        attempts = session.exec(select(WebhookDelivery.attempts)).all()
    assert attempts == [1] * events


def test_an_evidence_file_uploaded_on_a_downloads_on_b(cluster: Cluster) -> None:
    manager = bearer(cluster.commune.manager_id)
    r = httpx.post(
        f"{cluster.a.url}/api/v1/self-assessments",
        json={"framework_id": cluster.commune.unit_framework_id, "school_year": YEAR},
        headers=manager,
        timeout=10,
    )
    assert r.status_code == 201, r.text
    content = PDF + b"%" + os.urandom(200_000).hex().encode()
    up = httpx.post(
        f"{cluster.a.url}/api/v1/self-assessments/{r.json()['id']}/evidence/files",
        data={"indicator_code": "TC5.1"},
        files={"file": ("Kế hoạch chuyển đổi số.pdf", content, "application/pdf")},
        headers=manager,
        timeout=30,
    )
    assert up.status_code == 201, up.text
    sha = hashlib.sha256(content).hexdigest()
    assert not (cluster.a.var_dir / "evidence").exists()  # in the bucket, not on A's disk
    got = httpx.get(f"{cluster.b.url}{up.json()['download_url']}", headers=manager, timeout=30)
    assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == sha


def test_an_export_asked_on_a_is_built_by_a_worker_and_downloads_on_b(cluster: Cluster) -> None:
    officer = bearer(cluster.commune.officer_id)
    r = httpx.post(
        f"{cluster.a.url}/api/v1/scorecards/export",
        json={"framework_id": cluster.commune.unit_framework_id, "school_year": YEAR},
        headers=officer,
        timeout=10,
    )
    assert r.status_code == 202, r.text
    file_id = r.json()["id"]
    deadline = time.monotonic() + 60
    while True:  # read in the database: the API's rate limit is for people, not for this loop
        with Session(cluster.engine) as session:
            row = session.get(GeneratedFile, file_id)
            assert row is not None
            status = row.status
        if status in ("succeeded", "failed"):
            break
        assert time.monotonic() < deadline, f"generated file {file_id} is still {status}"
        time.sleep(0.1)
    done = httpx.get(f"{cluster.b.url}{r.headers['location']}", headers=officer, timeout=10).json()
    assert (done["status"], done["progress_percent"]) == ("succeeded", 100), done
    got = httpx.get(f"{cluster.b.url}{done['download_url']}", headers=officer, timeout=30)
    assert got.status_code == 200 and got.content[:2] == b"PK"
    assert len(got.content) == done["size_bytes"]
    # Built by a worker into the bucket: neither API node has it on its disk.
    stored = cluster.s3.get_object(Bucket=BUCKET, Key=f"xa-thanh-thuy/generated/{file_id}")["Body"].read()
    assert stored == got.content
    assert not (cluster.a.var_dir / "generated").exists() and not (cluster.b.var_dir / "generated").exists()
    # Only its requester reads it, on either node.
    manager = bearer(cluster.commune.manager_id)
    assert httpx.get(f"{cluster.a.url}{done['download_url']}", headers=manager, timeout=10).status_code == 404


def test_the_rate_limit_holds_across_both_api_processes(cluster: Cluster) -> None:
    manager = bearer(cluster.commune.manager_id)
    # The limit counts per minute: a run that crosses a minute's boundary is run again at once (the
    # next one starts at the beginning of a minute), instead of waiting for a new minute every time.
    for _attempt in range(2):
        minute = int(time.time() // 60)
        answers = []
        with httpx.Client(timeout=10) as c:
            for n in range(RATE_LIMIT + 2):
                node = cluster.a if n % 2 else cluster.b
                answers.append(c.get(f"{node.url}/api/v1/reminders", headers=manager).status_code)
            refused = [c.get(f"{n.url}/api/v1/reminders", headers=manager) for n in (cluster.a, cluster.b)]
        if int(time.time() // 60) == minute:
            break
    else:
        pytest.fail("two runs in a row crossed a minute's boundary")
    # Requests of earlier tests by this user in this minute count too: the limit is reached once,
    # whichever node answers, and every later request is refused by both.
    first = answers.index(429)
    assert set(answers[:first]) == {200} and set(answers[first:]) == {429}, answers
    assert first <= RATE_LIMIT and len(answers) - first >= 2
    assert [x.status_code for x in refused] == [429, 429]
    assert all(int(x.headers["retry-after"]) >= 1 for x in refused)
