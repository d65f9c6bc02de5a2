"""A bounded soak: the real server on loopback under a steady mixed workload (make soak).

1. Migrates a fresh SQLite database in a temporary folder (or the database SOAK_DATABASE_URL names: use
   a scratch one, the soak writes to it) and loads the demo commune.
2. Starts ``uvicorn thidua.main:app`` on 127.0.0.1 (SOAK_WORKERS processes, default 1) with the
   production settings (rate limits and login throttling on), and signs in over /auth/token as the
   commune officer, the leader, a school principal, a teacher and the integration account.
3. For SOAK_MINUTES (default 10) starts SOAK_RATE operations a second (default 20) at a steady pace,
   whatever the server's speed (an open loop), cycling through a fixed mix:
   - reads (14 of 20): the officer's lists, plan tracking, ranking, heatmap and audit trail; the
     leader's ranking and one scorecard; the principal's self-assessment, plan and reminders; the
     teacher's profile and initiatives; the integration account's units;
   - writes (3 of 20): the principal's self-assessment entries and plan, each read for its ETag and
     updated with If-Match (one edit of a resource at a time, so every 412 is a real error);
   - imports (1 of 20): alternately the officer's staff CSV and the principal's indicator values,
     each with its own Idempotency-Key;
   - exports (2 of 20): staff CSV, scorecard XLSX, indicator values XLSX.
4. Prints per minute the requests, errors (a status other than the expected one, or no answer) and
   the p50/p95 latency; per operation the same for the whole run; and the server's memory (RSS) at the
   start and the end. At the end the self-assessment and the plan must hold what the last successful
   edit wrote (no update lost). Exits 1 when there was any error or the server logged a traceback.

Traffic goes to 127.0.0.1 only; the run stops by itself. SOAK_MINUTES may be fractional (0.5).
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="thidua-soak-"))
os.environ["VAR_DIR"] = str(TMP / "var")
os.environ["FRONTEND_DIST"] = str(TMP / "none")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

import httpx  # noqa: E402
from serving import free_port, stop_server, wait_healthy  # noqa: E402

from thidua.cli import migrate  # noqa: E402
from thidua.config import Settings  # noqa: E402
from thidua.demo.data import DEMO_PASSWORD, school_staff  # noqa: E402
from thidua.demo.loader import load_demo  # noqa: E402

MINUTES = float(os.environ.get("SOAK_MINUTES", "10"))
RATE = float(os.environ.get("SOAK_RATE", "20"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "1"))
DATABASE_URL = os.environ.get("SOAK_DATABASE_URL") or f"sqlite:///{TMP / 'soak.db'}"
YEAR, IMPORT_YEAR = "2025-2026", "2026-2027"
SCHOOL = "THCS-TT"
API = "/api/v1"
IMPORTED_STAFF = [m for m in school_staff() if m.unit_code.startswith(SCHOOL + "-")][:3]


@dataclass
class Sample:
    started: float  # seconds since the load began
    operation: str
    seconds: float
    error: str | None


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    t0: float = 0.0

    async def call(
        self,
        http: httpx.AsyncClient,
        operation: str,
        method: str,
        url: str,
        expect: int = 200,
        check: Callable[[httpx.Response], str | None] | None = None,
        **kwargs: object,
    ) -> httpx.Response | None:
        """One request, timed; an unexpected status (or what `check` finds wrong) is an error."""
        started = time.monotonic()
        error = None
        response = None
        try:
            response = await http.request(method, url, **kwargs)  # type: ignore[arg-type]
            if response.status_code != expect:
                error = f"{operation}: {method} {url} answered {response.status_code}: {response.text[:300]}"
            elif check and (problem := check(response)):
                error = f"{operation}: {method} {url}: {problem}"
        except httpx.HTTPError as exc:
            error = f"{operation}: {method} {url} failed: {exc!r}"
        self.samples.append(Sample(started - self.t0, operation, time.monotonic() - started, error))
        if error:
            self.errors.append(error)
            return None
        return response


def rss_mib(pid: int) -> float:
    """Resident memory of the server: the process and, with several workers, its children."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "VAR_DIR": str(TMP / "var"),
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ENVIRONMENT": "production",
        "FRONTEND_DIST": str(TMP / "none"),
        # Tokens outlive the run; everything else stays as in production.
        "ACCESS_TOKEN_MINUTES": str(max(30, int(MINUTES) + 10)),
    }
    command = [sys.executable, "-m", "uvicorn", "thidua.main:app", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--no-access-log", "--log-level", "warning", "--timeout-graceful-shutdown", "5"]
    if WORKERS > 1:
        command += ["--workers", str(WORKERS)]
    with log.open("wb") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


# ---------------------------------------------------------------- the workload


@dataclass
class Commune:
    """Who signs in, and the objects the workload reads and edits."""

    clients: dict[str, httpx.AsyncClient]
    unit_framework: int = 0
    movement: int = 0
    scorecard: int = 0
    assessment: int = 0
    plan: int = 0
    edits: int = 0
    imports: int = 0
    # What the last successful edit wrote, checked against the stored resource at the end.
    last_note: str | None = None
    last_objectives: str | None = None
    locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))


async def sign_in(base: str) -> dict[str, httpx.AsyncClient]:
    clients = {}
    limits = httpx.Limits(max_connections=20, max_keepalive_connections=20)
    for login in ("vhxh", "chutich", "hieutruong.thcs", "giaovien.thcs", "tichhop"):
        http = httpx.AsyncClient(base_url=base + API, timeout=30, limits=limits)
        r = await http.post("/auth/token", data={"username": login, "password": DEMO_PASSWORD})
        r.raise_for_status()
        http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
        clients[login] = http
    return clients


async def prepare(clients: dict[str, httpx.AsyncClient]) -> Commune:
    """The principal's own self-assessment and implementation plan, made through the API."""
    c = Commune(clients)
    officer, manager, leader = clients["vhxh"], clients["hieutruong.thcs"], clients["chutich"]
    frameworks = (await officer.get("/frameworks", params={"limit": 50})).json()["items"]
    unit = next(f for f in frameworks if f["code"] == "BDC-CSGD" and f["status"] == "active")
    c.unit_framework, c.movement = unit["id"], unit["movement_id"]
    verified = (await leader.get("/self-assessments", params={"status": "verified", "limit": 1})).json()
    c.scorecard = verified["items"][0]["id"]
    r = await manager.post("/self-assessments", json={"framework_id": c.unit_framework, "school_year": YEAR})
    r.raise_for_status()
    c.assessment = r.json()["id"]
    r = await manager.post(
        "/plans",
        json={"movement_id": c.movement, "title": "Kế hoạch thực hiện Phong trào năm học 2025-2026"},
    )
    r.raise_for_status()
    c.plan = r.json()["id"]
    return c


async def edit_entries(run: Run, c: Commune) -> None:
    http = c.clients["hieutruong.thcs"]
    async with c.locks["assessment"]:
        r = await run.call(http, "write: entries", "GET", f"/self-assessments/{c.assessment}")
        if r is None:
            return
        c.edits += 1
        body = {
            "entries": [
                {"indicator_code": "TC2.1", "value": str(c.edits % 101), "note": f"Lần cập nhật {c.edits}"},
                {"indicator_code": "TC2.3", "value": str(c.edits % 40)},
            ]
        }
        done = await run.call(
            http,
            "write: entries",
            "PUT",
            f"/self-assessments/{c.assessment}/entries",
            json=body,
            headers={"If-Match": r.headers["etag"]},
        )
        if done is not None:
            c.last_note = body["entries"][0]["note"]


async def edit_plan(run: Run, c: Commune) -> None:
    http = c.clients["hieutruong.thcs"]
    async with c.locks["plan"]:
        r = await run.call(http, "write: plan", "GET", f"/plans/{c.plan}")
        if r is None:
            return
        c.edits += 1
        body = {"content": {"objectives": f"100% giáo viên có kỹ năng số cơ bản (bản {c.edits})"}}
        done = await run.call(
            http,
            "write: plan",
            "PATCH",
            f"/plans/{c.plan}",
            json=body,
            headers={"If-Match": r.headers["etag"]},
        )
        if done is not None:
            c.last_objectives = body["content"]["objectives"]


async def small_import(run: Run, c: Commune) -> None:
    c.imports += 1
    n = c.imports
    if n % 2:
        # Three of the school's demo staff as they are, with a new phone number each time.
        rows = "".join(
            f"{m.code},{m.full_name},{m.unit_code},{m.position},09{n % 100:02d}{i:06d}\n"
            for i, m in enumerate(IMPORTED_STAFF)
        )
        body = "code,full_name,unit_code,position,phone\n" + rows
        operation, http, kind = "import: staff", c.clients["vhxh"], "staff"
    else:
        body = "unit_code,indicator_code,school_year,value\n" + "".join(
            f"{SCHOOL},{code},{IMPORT_YEAR},{value}\n"
            for code, value in (("TC2.1", n % 101), ("TC2.3", n % 30), ("TC3.3", n % 7), ("TC5.2", n % 9))
        )
        operation, http, kind = "import: values", c.clients["hieutruong.thcs"], "assessment_entries"
    await run.call(
        http,
        operation,
        "POST",
        f"/imports/{kind}",
        content=body.encode(),
        headers={"Content-Type": "text/csv", "Idempotency-Key": str(uuid.uuid4())},
        check=_import_stored,
    )


def _import_stored(response: httpx.Response) -> str | None:
    """An import answers 200 even when it refused rows; the soak wants every row stored."""
    summary = response.json()
    if summary["status"] != "completed" or summary["rejected"]:
        return f"import {summary['status']}, {summary['rejected']} row(s) refused: {summary['errors'][:2]}"
    return None


async def no_update_lost(run: Run, c: Commune) -> None:
    """The stored self-assessment and plan hold what the last successful edit wrote."""
    http = c.clients["hieutruong.thcs"]
    entries = (await http.get(f"/self-assessments/{c.assessment}")).json()["entries"]
    stored_note = next(e["note"] for e in entries if e["indicator_code"] == "TC2.1")
    if stored_note != c.last_note:
        run.errors.append(f"lost update: TC2.1 holds {stored_note!r}, the last edit wrote {c.last_note!r}")
    stored = (await http.get(f"/plans/{c.plan}")).json()["content"]["objectives"]
    if stored != c.last_objectives:
        run.errors.append(
            f"lost update: the plan holds {stored!r}, the last edit wrote {c.last_objectives!r}"
        )


def reads(c: Commune) -> list[tuple[str, str, str, dict[str, object]]]:
    """(operation, login, url, query) of the page views' calls."""
    ranking = {"framework_id": c.unit_framework, "school_year": YEAR, "limit": 50}
    return [
        ("read: units", "vhxh", "/units", {"limit": 50}),
        ("read: staff", "vhxh", "/staff", {"limit": 50, "offset": 50}),
        ("read: self-assessments", "vhxh", "/self-assessments", {"limit": 50}),
        ("read: plan tracking", "vhxh", "/plans/tracking", {"movement_id": c.movement}),
        ("read: ranking", "vhxh", "/scorecards", ranking),
        (
            "read: heatmap",
            "vhxh",
            "/scorecards/aggregates",
            {"framework_id": c.unit_framework, "school_year": YEAR},
        ),
        ("read: audit trail", "vhxh", "/audit-events", {"limit": 20}),
        ("read: ranking", "chutich", "/scorecards", ranking),
        ("read: scorecard", "chutich", f"/scorecards/{c.scorecard}", {}),
        ("read: self-assessment", "hieutruong.thcs", f"/self-assessments/{c.assessment}", {}),
        ("read: plan", "hieutruong.thcs", f"/plans/{c.plan}", {}),
        ("read: reminders", "hieutruong.thcs", "/reminders", {}),
        ("read: me", "giaovien.thcs", "/auth/me", {}),
        ("read: initiatives", "giaovien.thcs", "/initiatives", {"limit": 20}),
        ("read: units (API)", "tichhop", "/units", {"limit": 200}),
    ]


def exports(c: Commune) -> list[tuple[str, str, str, dict[str, object]]]:
    return [
        ("export: staff CSV", "vhxh", "/exports/staff.csv", {}),
        (
            "export: values XLSX",
            "hieutruong.thcs",
            "/exports/assessment_entries.xlsx",
            {"school_year": IMPORT_YEAR},
        ),
    ]


def mix(run: Run, c: Commune) -> list[Callable[[], Awaitable[object]]]:
    """One second of work at 20 operations a second: 14 reads, 3 writes, 1 import, 2 exports."""

    def get(
        operation: str, login: str, url: str, query: dict[str, object]
    ) -> Callable[[], Awaitable[object]]:
        return lambda: run.call(c.clients[login], operation, "GET", url, params=query)

    def ranking_export() -> Awaitable[object]:
        # The results XLSX of every unit is built by the job queue: asking for it answers 202.
        body = {"framework_id": c.unit_framework, "school_year": YEAR}
        return run.call(
            c.clients["chutich"],
            "export: ranking XLSX (queued)",
            "POST",
            "/scorecards/export",
            202,
            json=body,
        )

    read_calls = [get(*r) for r in reads(c)]
    export_calls = [get(*e) for e in exports(c)]
    export_calls.insert(1, ranking_export)
    ops: list[Callable[[], Awaitable[object]]] = read_calls[:14]
    ops += [lambda: edit_entries(run, c), lambda: edit_plan(run, c), lambda: edit_entries(run, c)]
    ops += [lambda: small_import(run, c)]
    ops += export_calls[:2]
    random.Random(7).shuffle(ops)
    # The reads and exports left out of this second take turns with the others from second to second.
    rest = read_calls[14:] + export_calls[2:]
    return ops + rest


async def load(run: Run, c: Commune) -> None:
    ops = mix(run, c)
    interval = 1 / RATE
    deadline = MINUTES * 60
    tasks: set[asyncio.Task[object]] = set()
    run.t0 = time.monotonic()
    n = 0
    while (due := n * interval) < deadline:
        delay = run.t0 + due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.ensure_future(ops[n % len(ops)]())
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        n += 1
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=60)
        for task in pending:  # still unanswered a minute after the end: errors, not silently dropped
            task.cancel()
            run.errors.append("an operation got no answer within 60 s after the end of the run")


# ---------------------------------------------------------------- the figures


def p(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def report(run: Run, rss_start: float, rss_end: float, rss_by_minute: list[float]) -> int:
    minutes = max(1, int(-(-MINUTES // 1)))
    print(f"\n{'minute':>6} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'RSS MiB':>8}")
    for m in range(minutes):
        inside = [s for s in run.samples if m * 60 <= s.started < (m + 1) * 60]
        times = [s.seconds for s in inside]
        rss = rss_by_minute[m] if m < len(rss_by_minute) else rss_end
        errors = sum(1 for s in inside if s.error)
        print(
            f"{m + 1:>6} {len(inside):>9} {errors:>7} {p(times, 50):>8.1f} {p(times, 95):>8.1f} {rss:>8.1f}"
        )
    print(f"\n{'operation':<24} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name in sorted({s.operation for s in run.samples}):
        inside = [s for s in run.samples if s.operation == name]
        times = [s.seconds for s in inside]
        errors = sum(1 for s in inside if s.error)
        print(f"{name:<24} {len(inside):>9} {errors:>7} {p(times, 50):>8.1f} {p(times, 95):>8.1f}")
    times = [s.seconds for s in run.samples]
    total = len(run.samples)
    print(
        f"\nTOTAL: {total} requests in {MINUTES:g} min ({total / (MINUTES * 60):.1f}/s), "
        f"{len(run.errors)} errors, p95 {p(times, 95):.1f} ms, p99 {p(times, 99):.1f} ms; "
        f"server RSS {rss_start:.1f} MiB at start, {rss_end:.1f} MiB at end"
    )
    for error in run.errors[:10]:
        print("  ERROR", error)
    return 1 if run.errors else 0


async def soak(base: str, pid: int) -> tuple[Run, float, float, list[float]]:
    clients = await sign_in(base)
    try:
        c = await prepare(clients)
        run = Run()
        rss_start = rss_mib(pid)
        rss_by_minute: list[float] = []

        async def sample_memory() -> None:
            while True:
                await asyncio.sleep(60)
                rss_by_minute.append(rss_mib(pid))

        sampler = asyncio.ensure_future(sample_memory())
        await load(run, c)
        sampler.cancel()
        await no_update_lost(run, c)
        return run, rss_start, rss_mib(pid), rss_by_minute
    finally:
        for http in clients.values():
            await http.aclose()


def main() -> int:
    where = "PostgreSQL (SOAK_DATABASE_URL)" if DATABASE_URL.startswith("postgres") else f"SQLite in {TMP}"
    print(f"Soak: {MINUTES:g} min at {RATE:g} operations/s, {WORKERS} server process(es), {where}")
    settings = Settings(environment="production", database_url=DATABASE_URL, var_dir=TMP / "var")
    migrate(settings)
    load_demo(settings)
    port = free_port()
    log = TMP / "server.log"
    server = start_server(port, log)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(server, base, log, timeout=60)
        run, rss_start, rss_end, rss_by_minute = asyncio.run(soak(base, server.pid))
    finally:
        stop_server(server)
    status = report(run, rss_start, rss_end, rss_by_minute)
    server_log = log.read_text(errors="replace")
    if "Traceback" in server_log:
        print(f"The server logged a traceback:\n{server_log[-3000:]}")
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
