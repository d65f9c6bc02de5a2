"""Concurrent reads on PostgreSQL: the dashboard's calls and the scorecard ranking under load.

1. Creates the database BENCH_PG_URL (default
   ``postgresql+psycopg://postgres@127.0.0.1:5432/thidua_bench``; dropped first if a previous run left
   it), migrates it and generates the synthetic province of province.py for two school years
   (3,000 schools on the unit framework, 60,000 staff on the individual framework, every year: 942,000
   entries, all submitted, so every ranking scores live), a commune officer and ten school managers;
   VACUUM ANALYZE.
2. Starts ``uvicorn thidua.main:app --workers 2`` against it (rate limit and webhooks off), waits for
   /api/v1/health, and times each endpoint alone (one client, one request at a time).
3. Runs BENCH_CLIENTS (50) concurrent clients, each one keep-alive connection and one request in
   flight, no think time (a closed loop, like wrk; BENCH_THINK_SECONDS adds a pause after each page
   view, as people reading the page make), for BENCH_WARMUP_SECONDS (5, not counted; the
   clients start one after another over it) then BENCH_SECONDS (30). Even clients are the commune
   officer, odd ones the school managers. Each client alternates two page views:
   - the dashboard (frontend/src/features/dashboard/DashboardPage.tsx): GET /auth/me, then the counts
     it shows for these roles (/units, /staff, /self-assessments, /frameworks, each with limit=1), one
     after another;
   - the scorecard ranking (frontend/src/features/scorecards/RankingPage.tsx): GET /scorecards?
     framework_id=<unit framework>&school_year=<year>&limit=50&offset=<n>, alternating the two years;
     the officer pages through all 3,000 schools, a manager sees only their own school (offset 0).
   BENCH_MIX=dashboard or BENCH_MIX=ranking runs one kind of page view only, to see each one's ceiling.
4. Prints, per endpoint and role, per page kind and overall, what completed inside the window:
   requests, errors (non-2xx or no answer), requests per second, p50/p95/p99 latency (ms); the machine
   and where its CPU went; then stops the server and drops the database (also on Ctrl-C).

Run: ``.venv/bin/python bench/bench_concurrency.py`` from the repository root (about 5 minutes, 4 of
them generating the data). Prints numbers only; no pass/fail. Skips, with a printed line, when
PostgreSQL is unreachable. For profiling between runs: BENCH_KEEP_DB=1 keeps the database,
BENCH_REUSE_DB=1 runs again on it without generating; BENCH_APP serves another ASGI app (a module
wrapping thidua.main, on PYTHONPATH) to try a change without editing the code.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-concurrency-"))
os.environ.setdefault("VAR_DIR", str(TMP))
os.environ["FRONTEND_DIST"] = str(TMP / "none")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

import httpx  # noqa: E402
import psycopg  # noqa: E402
from pg_province import (  # noqa: E402
    DEFAULT_PG_URL,
    YEARS,
    create_database,
    drop_database,
    existing,
    libpq_url,
    machine,
    prepare,
    quantiles,
    reachable,
    start_server,
)
from province import SCHOOLS  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from serving import collector_paused, free_port, stop_server, wait_healthy  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from thidua.auth.tokens import create_access_token  # noqa: E402
from thidua.config import Settings  # noqa: E402

PG_URL = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
WARMUP = float(os.environ.get("BENCH_WARMUP_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "50"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PAGE = 50
TARGET_P95_MS = 100.0
CLOSED_LOOP_GOAL_MS = 150.0
# For profiling between runs: keep the generated database, then run again on it without generating.
KEEP = os.environ.get("BENCH_KEEP_DB") == "1"
REUSE = os.environ.get("BENCH_REUSE_DB") == "1"
# "both" (the default), or only "dashboard" or only "ranking" page views, to see each one's ceiling.
MIX = os.environ.get("BENCH_MIX", "both")
# Pause after each page view, as a person reading the page would (0: a closed loop, like wrk).
THINK = float(os.environ.get("BENCH_THINK_SECONDS", "0"))
# The ASGI app uvicorn serves: another module can wrap thidua.main to try a change without editing it.
APP = os.environ.get("BENCH_APP", "thidua.main:app")


# ---------------------------------------------------------------- the machine


def _jiffies() -> tuple[float, float]:
    """(busy, total) clock ticks of the whole machine, from /proc/stat."""
    try:
        ticks = [float(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    return sum(ticks) - idle, sum(ticks)


def _process_seconds(pids: list[int], reaped: bool = False) -> float:
    """User + system CPU seconds of these processes so far; with `reaped`, also of their children that
    have exited (how PostgreSQL's backends, which come and go, are counted: through the postmaster)."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields_ = stat.rsplit(")", 1)[1].split()
        total += int(fields_[11]) + int(fields_[12])
        if reaped:
            total += int(fields_[13]) + int(fields_[14])
    return total / os.sysconf("SC_CLK_TCK")


def _postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                found.append(int(entry.name))
        except OSError:
            pass
    return found


def _children(pid: int) -> list[int]:
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                pass
    return found


@dataclass
class Cpu:
    """Where the CPU went: the machine, the API server (uvicorn and its workers), PostgreSQL, and this
    load generator; and how many connections the server opened to the database."""

    server_pid: int
    database: str
    machine: tuple[float, float] = (0.0, 0.0)
    server: float = 0.0
    postgres: float = 0.0
    loadgen: float = 0.0
    sessions: int = 0

    def _sessions(self) -> int:
        """Connections ever opened to the benchmark database (PostgreSQL 14+; 0 before)."""
        try:
            with psycopg.connect(libpq_url(PG_URL, "postgres")) as conn:
                row = conn.execute(
                    "SELECT sessions FROM pg_stat_database WHERE datname = %s", (self.database,)
                ).fetchone()
        except psycopg.Error:
            return 0
        return int(row[0]) if row and row[0] is not None else 0

    def start(self) -> None:
        self.sessions = self._sessions()
        self.machine, self.loadgen = _jiffies(), time.process_time()
        self.server = _process_seconds(_children(self.server_pid))
        self.postgres = _process_seconds(_postgres_pids(), reaped=True)

    def stop(self) -> None:
        busy, total = _jiffies()
        self.machine = (busy - self.machine[0], total - self.machine[1])
        self.loadgen = time.process_time() - self.loadgen
        self.server = _process_seconds(_children(self.server_pid)) - self.server
        self.postgres = _process_seconds(_postgres_pids(), reaped=True) - self.postgres
        self.sessions = self._sessions() - self.sessions - 1  # not counting our own query

    def summary(self, wall: float) -> str:
        busy, total = self.machine
        share = 100 * busy / total if total else float("nan")
        cores = os.cpu_count() or 1
        rest = share / 100 * cores - (self.server + self.postgres + self.loadgen) / wall
        return (
            f"CPU during the measured window: machine {share:.0f} % busy ({cores} cores); in cores: "
            f"API server {self.server / wall:.2f}, PostgreSQL {self.postgres / wall:.2f} (all of it), "
            f"load generator {self.loadgen / wall:.2f}, the rest {max(0.0, rest):.2f}; "
            f"new PostgreSQL connections to the database: {self.sessions:,} ({self.sessions / wall:.1f}/s)"
        )


# ---------------------------------------------------------------- data and server


# ---------------------------------------------------------------- load


@dataclass
class Samples:
    ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


@dataclass
class Run:
    """Counts what completes inside the measured window, whenever it started (as wrk does): requests
    still in flight when the window closes are cancelled and not counted."""

    measure_from: float
    stop_at: float
    by_label: dict[str, Samples] = field(default_factory=dict)
    in_flight: int = 0

    def record(self, label: str, started: float, ended: float, status: str, ok: bool) -> None:
        if not self.measure_from <= ended < self.stop_at:
            return  # warm-up, or after the window
        s = self.by_label.setdefault(label, Samples())
        s.ms.append((ended - started) * 1000)
        if not ok:
            s.errors += 1
            s.statuses[status] = s.statuses.get(status, 0) + 1


def dashboard_calls() -> list[tuple[str, str]]:
    return [
        ("GET /auth/me", "/api/v1/auth/me"),
        ("GET /units?limit=1", "/api/v1/units?limit=1"),
        ("GET /staff?limit=1", "/api/v1/staff?limit=1"),
        ("GET /self-assessments?limit=1", "/api/v1/self-assessments?limit=1"),
        ("GET /frameworks?limit=1", "/api/v1/frameworks?limit=1"),
    ]


async def client(n: int, base: str, token: str, role: str, framework_id: int, run: Run) -> None:
    pages = (SCHOOLS + PAGE - 1) // PAGE if role == "officer" else 1
    view = n  # page views: even = dashboard, odd = ranking (with BENCH_MIX=both); staggered between clients
    rankings = n // 2  # ranking pages asked so far: alternates the years, then the next page
    async with httpx.AsyncClient(
        base_url=base,
        headers={"Authorization": f"Bearer {token}"},
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=httpx.Timeout(300),
    ) as http:
        # Ramp up over the warm-up, so the clients do not move in lock-step.
        await asyncio.sleep(WARMUP * n / CLIENTS)
        while True:
            if MIX == "dashboard" or (MIX == "both" and view % 2 == 0):
                calls = dashboard_calls()
            else:
                year = YEARS[rankings % len(YEARS)]
                offset = (rankings // len(YEARS) % pages) * PAGE
                rankings += 1
                calls = [
                    (
                        "GET /scorecards (ranking, limit=50)",
                        f"/api/v1/scorecards?framework_id={framework_id}&school_year={year}"
                        f"&limit={PAGE}&offset={offset}",
                    )
                ]
            view += 1
            if THINK and view > n + 1:
                await asyncio.sleep(THINK)
            for label, path in calls:
                started = time.perf_counter()
                run.in_flight += 1
                try:
                    response = await http.get(path)
                    status, ok = str(response.status_code), response.is_success
                    await response.aread()
                except httpx.HTTPError as exc:
                    status, ok = type(exc).__name__, False
                finally:
                    run.in_flight -= 1
                run.record(f"{label} [{role}]", started, time.perf_counter(), status, ok)


async def load(base: str, tokens: dict[str, list[str]], framework_id: int, cpu: Cpu) -> tuple[Run, int]:
    """Returns the run and how many requests were still in flight when the window closed; fills in
    `cpu` over the measured window."""
    now = time.perf_counter()
    run = Run(measure_from=now + WARMUP, stop_at=now + WARMUP + SECONDS)
    tasks = []
    for n in range(CLIENTS):
        role = "officer" if n % 2 == 0 else "manager"
        token = tokens[role][(n // 2) % len(tokens[role])]
        tasks.append(asyncio.create_task(client(n, base, token, role, framework_id, run)))
    await asyncio.sleep(max(0.0, run.measure_from - time.perf_counter()))
    cpu.start()
    await asyncio.sleep(max(0.0, run.stop_at - time.perf_counter()))
    cpu.stop()
    in_flight = run.in_flight
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return run, in_flight


def unloaded(base: str, tokens: dict[str, list[str]], framework_id: int, repeat: int = 5) -> None:
    """One client, one request at a time: each endpoint's latency without contention (median)."""
    ranking = (
        "GET /scorecards (ranking, limit=50)",
        f"/api/v1/scorecards?framework_id={framework_id}&school_year={YEARS[0]}&limit={PAGE}&offset=0",
    )
    parts = []
    for role, pool in tokens.items():
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {pool[0]}"}, timeout=120) as http:
            for label, path in [*dashboard_calls(), ranking]:
                http.get(path)
                samples = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    http.get(path).raise_for_status()
                    samples.append((time.perf_counter() - started) * 1000)
                parts.append(f"  {label + f' [{role}]':<50} {statistics.median(samples):8.1f} ms")
    print(f"unloaded latency (one client, one request at a time, median of {repeat}):")
    print("\n".join(parts))


def _line(label: str, ms: list[float], errors: int | None, wall: float) -> str:
    p50, p95, p99 = quantiles(ms)
    errs = "" if errors is None else f"{errors:,}"
    return f"{label:<52} {len(ms):>8,} {errs:>6} {len(ms) / wall:>7.1f} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}"


def report(run: Run, wall: float) -> None:
    columns = ("requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms")
    widths = (8, 6, 7, 8, 8, 8)
    header = f"{'endpoint [role]':<52} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
    print(header)
    print("-" * len(header))
    labels = sorted(run.by_label, key=lambda x: (x.split(" [")[0], x))
    for label in labels:
        s = run.by_label[label]
        print(_line(label, s.ms, s.errors, wall))
    print("-" * len(header))
    groups = {
        "dashboard calls (all 5, both roles)": [x for x in labels if "/scorecards" not in x],
        "ranking (both roles)": [x for x in labels if "/scorecards" in x],
        "overall": labels,
    }
    for name, members in groups.items():
        ms = [m for label in members for m in run.by_label[label].ms]
        if not ms:
            continue
        print(_line(name, ms, sum(run.by_label[label].errors for label in members), wall))
    statuses: dict[str, int] = {}
    for s in run.by_label.values():
        for k, v in s.statuses.items():
            statuses[k] = statuses.get(k, 0) + v
    if statuses:
        print("errors by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    missed = [label for label in labels if quantiles(run.by_label[label].ms)[1] >= TARGET_P95_MS]
    overall = quantiles([m for s in run.by_label.values() for m in s.ms])[1]
    verdict = f"missed by {len(missed)} of {len(labels)} endpoint rows" if missed else "met by every row"
    print(f"target p95 < {TARGET_P95_MS:.0f} ms: overall p95 {overall:.0f} ms; {verdict}")
    if THINK == 0:
        # Issue 14 (stored scores): the closed loop's overall p95 under 150 ms.
        verdict14 = "PASS" if overall < CLOSED_LOOP_GOAL_MS else "FAIL"
        print(
            f"issue 14 goal, closed loop: overall p95 {overall:.0f} ms "
            f"(goal < {CLOSED_LOOP_GOAL_MS:.0f} ms) {verdict14}"
        )


# ---------------------------------------------------------------- main


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> int:
    if MIX not in ("both", "dashboard", "ranking"):
        print(f"BENCH_MIX must be both, dashboard or ranking, not {MIX!r}")
        shutil.rmtree(TMP, ignore_errors=True)
        return 2
    if not reachable(PG_URL):
        print(f"SKIPPED bench_concurrency: PostgreSQL not reachable at {make_url(PG_URL).render_as_string()}")
        shutil.rmtree(TMP, ignore_errors=True)
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    secret = secrets.token_urlsafe(48)
    settings = Settings(
        database_url=PG_URL,
        var_dir=TMP,
        secret_key=SecretStr(secret),
        environment="development",
        frontend_dist=TMP / "none",
    )
    proc: subprocess.Popen[bytes] | None = None
    created = False
    try:
        what = "reused (BENCH_REUSE_DB=1)" if REUSE else "created for this run"
        then = "kept" if KEEP else "dropped at the end"
        print(f"database: {make_url(PG_URL).render_as_string()} ({what}, {then})")
        if REUSE:
            province = existing(settings)
        else:
            create_database(PG_URL)
            created = True
            province = prepare(settings)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = TMP / "server.log"
        proc = start_server(PG_URL, secret, port, log, TMP, WORKERS, APP)
        wait_healthy(proc, base, log)
        tokens = {
            "officer": [create_access_token(secret, province.officer_id, 1, 120)],
            "manager": [create_access_token(secret, m, 1, 120) for m in province.manager_ids],
        }
        for role, pool in tokens.items():
            r = httpx.get(
                f"{base}/api/v1/auth/me", headers={"Authorization": f"Bearer {pool[0]}"}, timeout=30
            )
            if r.status_code != 200:
                raise RuntimeError(f"the {role}'s token is refused: {r.status_code} {r.text[:300]}")
        think = f"{THINK:g} s think time after each page view" if THINK else "no think time"
        print(
            f"load: {CLIENTS} clients (officer / {len(tokens['manager'])} school managers, alternating), "
            f"one keep-alive connection and one request in flight each, {think}; page views: {MIX}; "
            f"warm-up {WARMUP:.0f} s, measured {SECONDS:.0f} s"
        )
        unloaded(base, tokens, province.unit_framework_id)
        busy0, total0 = _jiffies()
        time.sleep(2)
        busy1, total1 = _jiffies()
        idle_busy = 100 * (busy1 - busy0) / (total1 - total0) if total1 > total0 else 0.0
        cpu = Cpu(proc.pid, make_url(PG_URL).database or "")
        with collector_paused():
            run, in_flight = asyncio.run(load(base, tokens, province.unit_framework_id, cpu))
        wall = SECONDS
        print()
        for line in machine(PG_URL, WORKERS):
            print(line)
        print(cpu.summary(wall))
        print(
            f"before the load, with the server idle, the machine was {idle_busy:.0f} % busy"
            + (": something else is running, so these figures are pessimistic" if idle_busy > 10 else "")
        )
        print(
            f"measured {wall:.0f} s: requests that completed in the window, whenever they started; "
            f"{in_flight} still in flight at its end (not counted)\n"
        )
        report(run, wall)
        if proc.poll() is not None:
            print(f"the server exited during the run:\n{log.read_text()[-3000:]}")
        elif any(s.errors for s in run.by_label.values()) and log.read_text().strip():
            print(f"the server's log ends with:\n{log.read_text()[-3000:]}")
    except KeyboardInterrupt:
        print("\ninterrupted: cleaning up")
        return 130
    finally:
        if proc is not None:
            stop_server(proc)
        if created and KEEP:
            print(f"kept the database {make_url(PG_URL).database} (BENCH_KEEP_DB=1); drop it yourself")
        elif created or (REUSE and not KEEP):
            try:
                drop_database(PG_URL)
            except psycopg.Error as exc:
                print(f"could not drop the database: {exc}")
        shutil.rmtree(TMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
