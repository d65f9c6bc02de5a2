"""Issue 14's goals for stored scores, over HTTP on the province of bench_concurrency.py (3,000 schools,
60,000 staff, two school years, PostgreSQL, ``uvicorn --workers 2``); each figure is printed beside its
goal with PASS or FAIL.

1. Creates the database BENCH_PG_URL (default ``postgresql+psycopg://postgres@127.0.0.1:5432/thidua_bench``;
   BENCH_REUSE_DB=1 reuses the province bench_concurrency.py left with BENCH_KEEP_DB=1, as ``make bench``
   does), through pg_province.py. School 1 takes school 2's 20 staff (and their assessments) so that a
   training can have 40 attendees from one unit, as the activities service requires.
2. Starts the server and measures, one request at a time:
   - ranking pages (limit 50, random offsets, the commune officer): the individual framework (60,000
     staff) p95 < 50 ms, the unit framework (3,000 schools) p95 < 30 ms, counting the first call of each
     worker (a new connection per request spreads them over both) and a call right after each review
     write (every other page);
   - review writes (POST /self-assessments/{id}/review, one verified value, If-Match): p95 < 50 ms;
   - a training with 40 attendees recorded (POST /activities): each < 200 ms.
3. A mixed load for BENCH_MIXED_SECONDS (60) after a warm-up: 50 readers (officer and ten school
   managers, alternating) each viewing a page then reading it for 1 s (the unit ranking, the individual
   ranking, a scorecard's detail, the aggregates, the dashboard's five calls, in turn), and 2 reviewers
   each writing a verified value every 0.5 s: reads p95 < 100 ms, writes p95 < 100 ms, 0 errors. Written
   with httpx's async client like bench_concurrency.py: the same measuring (what completes inside the
   window; a request still unanswered at its end counts with the time it has waited) and no new tool
   to install.
4. Stops the server and times the re-score of both frameworks (126,000 assessments of two school
   years, 942,000 entries) as the job a framework-wide change defers, run by BENCH_JOB_WORKERS (2)
   queue workers (``python -m thidua.cli worker``), from the commit that asks for it until no row is
   stale and no re-score job is left: < 6 s, three times, the stored fingerprints altered first so
   that the job finds the province as after each change: every score changed (every assessment
   scored, every row written), inputs changed but no score (every assessment scored, no row written),
   nothing changed (the engine skipped for every assessment: not the issue's "load, score, store").
   Prints "SKIPPED" when the stored scores or their job are not there (not a failure).

The closed loop (50 clients, no think time, p95 < 150 ms) is bench_concurrency.py's first run.
BENCH_QUICK=1: fewer samples and a 15 s mixed load on the same province (the data set is what the goals
are about); BENCH_SCHOOLS=100 makes a small province (province.py) to try the script in a minute.
BENCH_STRICT=1 exits 1 when a goal is missed (by default the figures are printed, exit 0).
Skips, with a printed line, when PostgreSQL is unreachable.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any

TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-scores-"))
os.environ.setdefault("VAR_DIR", str(TMP))
os.environ["FRONTEND_DIST"] = str(TMP / "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

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
from province import SCHOOLS, STAFF_PER_SCHOOL  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from serving import collector_paused, free_port, stop_server, wait_healthy  # noqa: E402
from sqlalchemy import update  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session, col, func, select  # noqa: E402

from thidua.assessments.models import SelfAssessment  # noqa: E402
from thidua.auth.models import User  # noqa: E402
from thidua.auth.tokens import create_access_token  # noqa: E402
from thidua.config import Settings  # noqa: E402
from thidua.core.concurrency import etag_for  # noqa: E402
from thidua.db import make_engine  # noqa: E402
from thidua.frameworks.models import Framework, Indicator  # noqa: E402
from thidua.units.models import StaffMember, Unit  # noqa: E402

PG_URL = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL)
QUICK = os.environ.get("BENCH_QUICK") == "1"
KEEP = os.environ.get("BENCH_KEEP_DB") == "1"
REUSE = os.environ.get("BENCH_REUSE_DB") == "1"
STRICT = os.environ.get("BENCH_STRICT") == "1"
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
JOB_WORKERS = int(os.environ.get("BENCH_JOB_WORKERS", "2"))
RANKING_SAMPLES = int(os.environ.get("BENCH_RANKING_SAMPLES", "8" if QUICK else "20"))
WRITES = int(os.environ.get("BENCH_WRITES", "10" if QUICK else "40"))
TRAININGS = int(os.environ.get("BENCH_TRAININGS", "3" if QUICK else "10"))
MIXED_SECONDS = float(os.environ.get("BENCH_MIXED_SECONDS", "15" if QUICK else "60"))
WARMUP = float(os.environ.get("BENCH_WARMUP_SECONDS", "3" if QUICK else "5"))
READERS = int(os.environ.get("BENCH_READERS", "50"))
REVIEWERS = 2
THINK, WRITE_EVERY = 1.0, 0.5
PAGE = 50
TIMEOUT = 120.0  # a request slower than this counts as an error
ATTENDEES = 40
REQUEST_IDS = itertools.count()


@dataclass
class Goal:
    what: str
    figure: str
    goal: str
    passed: bool | None  # None: skipped


GOALS: list[Goal] = []


def goal(what: str, value: float, limit: float, unit: str = "ms", extra: str = "") -> None:
    figure = f"{value:,.{2 if unit == 's' else 0}f} {unit}{extra}"
    GOALS.append(Goal(what, figure, f"< {limit:,.0f} {unit}", value < limit))
    print(f"  {what}: {figure} (goal < {limit:,.0f} {unit}) {'PASS' if value < limit else 'FAIL'}")


# ---------------------------------------------------------------- the data the runs use


@dataclass
class Targets:
    frameworks: dict[str, int]  # subject kind -> framework id
    reviewable: dict[str, list[str]]  # subject kind -> indicator codes taking a verified value
    targets: dict[str, dict[str, float]]  # kind -> code -> the largest value to write
    assessments: dict[str, list[int]]  # kind -> submitted assessments of YEARS[0] to review
    manager_assessments: list[int]  # each manager's school's unit assessment (YEARS[0])
    training_unit: int
    attendees: list[int]
    # The assessments' current versions (If-Match), shared by every writer of the run: a reused province
    # or an earlier phase has moved some on.
    versions: dict[int, int]


def targets(settings: Settings, managers: list[int]) -> Targets:
    """Reads what the runs write to, after giving school 1 school 2's staff (40 in one unit)."""
    rng = random.Random(14)
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        schools = list(session.exec(select(Unit.id).where(Unit.kind == "school").order_by(col(Unit.id))))
        host, donor = schools[1], schools[2]
        if session.exec(select(func.count()).where(StaffMember.unit_id == host)).one() < ATTENDEES:
            session.execute(update(StaffMember).where(col(StaffMember.unit_id) == donor).values(unit_id=host))
            session.execute(
                update(SelfAssessment)
                .where(col(SelfAssessment.unit_id) == donor, col(SelfAssessment.subject_kind) == "individual")
                .values(unit_id=host)
            )
            session.commit()
        attendees = [
            s or 0
            for s in session.exec(
                select(StaffMember.id).where(StaffMember.unit_id == host).order_by(col(StaffMember.id))
            )
        ][:ATTENDEES]
        frameworks = {f.subject_kind: f.id or 0 for f in session.exec(select(Framework))}
        reviewable: dict[str, list[str]] = {}
        limits: dict[str, dict[str, float]] = {}
        for kind, fid in frameworks.items():
            inds = session.exec(
                select(Indicator).where(
                    Indicator.framework_id == fid, col(Indicator.kind).in_(("count", "percent", "boolean"))
                )
            ).all()
            reviewable[kind] = [i.code for i in inds]
            # a count up to its target, a percentage up to 100, yes/no as 0 or 1
            limits[kind] = {i.code: 100.0 if i.kind == "percent" else float(i.target or 1) for i in inds}
        assessments: dict[str, list[int]] = {}
        for kind in frameworks:
            ids = list(
                session.exec(
                    select(SelfAssessment.id).where(
                        SelfAssessment.subject_kind == kind,
                        SelfAssessment.school_year == YEARS[0],
                        SelfAssessment.status == "submitted",
                    )
                )
            )
            assessments[kind] = [i or 0 for i in rng.sample(ids, min(400, len(ids)))]
        chosen = [i for ids in assessments.values() for i in ids]
        versions = {
            i or 0: v
            for i, v in session.exec(
                select(SelfAssessment.id, SelfAssessment.version).where(col(SelfAssessment.id).in_(chosen))
            )
        }
        manager_assessments = []
        for m in managers:
            unit_id = session.exec(select(User.unit_id).where(User.id == m)).one()
            manager_assessments.append(
                session.exec(
                    select(SelfAssessment.id).where(
                        SelfAssessment.unit_id == unit_id,
                        SelfAssessment.subject_kind == "unit",
                        SelfAssessment.school_year == YEARS[0],
                    )
                ).one()
                or 0
            )
    db.dispose()
    return Targets(
        frameworks, reviewable, limits, assessments, manager_assessments, host or 0, attendees, versions
    )


class Reviewer:
    """Writes one verified value at a time on its own assessments, following their versions (If-Match)."""

    def __init__(self, t: Targets, seed: int, share: int = 0, of: int = 1) -> None:
        self.t = t
        self.rng = random.Random(seed)
        self.pool = {k: ids[share::of] for k, ids in t.assessments.items()}
        self.versions = t.versions  # the pools of concurrent reviewers do not overlap
        self.n = 0

    def next_write(self, kind: str | None = None) -> tuple[str, dict[str, Any], dict[str, str], int]:
        kind = kind or ("individual" if self.n % 2 else "unit")
        self.n += 1
        assessment = self.rng.choice(self.pool[kind])
        code = self.rng.choice(self.t.reviewable[kind])
        value = self.rng.randint(0, int(self.t.targets[kind][code]))
        body = {"entries": [{"indicator_code": code, "verified_value": str(value)}]}
        headers = {"If-Match": etag_for(self.versions[assessment])}
        return f"/api/v1/self-assessments/{assessment}/review", body, headers, assessment

    def done(self, assessment: int, response: httpx.Response) -> None:
        tag = response.headers.get("etag", "").removeprefix("W/").strip('"')
        if tag.isdigit():
            self.versions[assessment] = int(tag)


def ranking_path(framework_id: int, subjects: int, rng: random.Random) -> str:
    offset = rng.randrange(0, subjects // PAGE) * PAGE
    return (
        f"/api/v1/scorecards?framework_id={framework_id}&school_year={YEARS[0]}&limit={PAGE}&offset={offset}"
    )


# ---------------------------------------------------------------- one request at a time


def timed(http: httpx.Client, method: str, path: str, **kwargs: Any) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = http.request(method, path, **kwargs)
    ms = (time.perf_counter() - started) * 1000
    if not response.is_success:
        raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:400]}")
    return ms, response


def sequential(base: str, officer: str, t: Targets) -> None:
    rng = random.Random(1414)
    reviewer = Reviewer(t, 7)
    # No keep-alive: each request a new connection, so both workers get first calls.
    with httpx.Client(
        base_url=base,
        headers={"Authorization": f"Bearer {officer}"},
        timeout=TIMEOUT,
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as http:
        for kind, subjects, limit in (
            ("individual", SCHOOLS * STAFF_PER_SCHOOL, 50.0),
            ("unit", SCHOOLS, 30.0),
        ):
            samples, after_write = [], []
            for i in range(RANKING_SAMPLES):
                wrote = i % 2 == 1
                if wrote:
                    path, body, headers, assessment = reviewer.next_write(kind)
                    reviewer.done(assessment, timed(http, "POST", path, json=body, headers=headers)[1])
                ms, _ = timed(http, "GET", ranking_path(t.frameworks[kind], subjects, rng))
                samples.append(ms)
                if wrote:
                    after_write.append(ms)
            p50, p95, _ = quantiles(samples)
            print(
                f"{kind} ranking page, {len(samples)} calls (first {samples[0]:,.0f} ms, second "
                f"{samples[1]:,.0f} ms; right after a write median "
                f"{sorted(after_write)[len(after_write) // 2]:,.0f} ms, max {max(after_write):,.0f} ms; "
                f"p50 {p50:,.0f} ms)"
            )
            goal(f"{kind} ranking page p95", p95, limit)
        writes = []
        for _ in range(WRITES):
            path, body, headers, assessment = reviewer.next_write()
            ms, response = timed(http, "POST", path, json=body, headers=headers)
            reviewer.done(assessment, response)
            writes.append(ms)
        p50, p95, _ = quantiles(writes)
        print(
            f"review writes, {len(writes)} (unit and individual alternating): p50 {p50:,.0f} ms, "
            f"max {max(writes):,.0f} ms"
        )
        goal("one review write p95", p95, 50.0)
        trainings = []
        for n in range(TRAININGS):
            body = {
                "unit_id": t.training_unit,
                "kind": "training",
                "title": f"Lớp bồi dưỡng Bình dân học vụ số, đợt {n + 1}",
                "activity_date": date(2025, 10, 1 + n % 28).isoformat(),
                "attendees": [{"staff_id": s, "completed": True} for s in t.attendees],
            }
            trainings.append(timed(http, "POST", "/api/v1/activities", json=body)[0])
        print(
            f"trainings with {len(t.attendees)} attendees, {len(trainings)} recorded: "
            f"median {sorted(trainings)[len(trainings) // 2]:,.0f} ms"
        )
        goal(
            f"a training with {len(t.attendees)} attendees (slowest of {len(trainings)})",
            max(trainings),
            200.0,
        )


# ---------------------------------------------------------------- the mixed load


@dataclass
class Window:
    measure_from: float
    stop_at: float
    ms: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    pending: dict[int, tuple[str, float]] = field(default_factory=dict)  # request -> (label, started)
    in_flight: int = 0

    def record(self, label: str, started: float, status: str, ok: bool) -> None:
        ended = time.perf_counter()
        if not self.measure_from <= ended < self.stop_at:
            return
        self.ms.setdefault(label, []).append((ended - started) * 1000)
        if not ok:
            self.errors[label] = self.errors.get(label, 0) + 1
            self.statuses[status] = self.statuses.get(status, 0) + 1


async def call(
    http: httpx.AsyncClient, w: Window, label: str, method: str, path: str, **kwargs: Any
) -> httpx.Response | None:
    started = time.perf_counter()
    key = next(REQUEST_IDS)
    w.pending[key] = (label, started)
    try:
        response = await http.request(method, path, **kwargs)
        await response.aread()
        status, ok = str(response.status_code), response.is_success
    except httpx.HTTPError as exc:
        response, status, ok = None, type(exc).__name__, False
    finally:
        w.pending.pop(key, None)
    w.record(label, started, status, ok)
    return response


def client(base: str, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base,
        headers={"Authorization": f"Bearer {token}"},
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=httpx.Timeout(TIMEOUT),
    )


DASHBOARD = [
    "/api/v1/auth/me",
    *(f"/api/v1/{r}?limit=1" for r in ("units", "staff", "self-assessments", "frameworks")),
]


async def reader(n: int, base: str, token: str, own: int | None, t: Targets, w: Window) -> None:
    rng = random.Random(n)
    views: list[tuple[str, Callable[[], list[str]]]] = [
        ("ranking, unit", lambda: [ranking_path(t.frameworks["unit"], SCHOOLS, rng)]),
        (
            "ranking, individual",
            lambda: [ranking_path(t.frameworks["individual"], SCHOOLS * STAFF_PER_SCHOOL, rng)],
        ),
        (
            "scorecard detail",
            lambda: [
                f"/api/v1/scorecards/{own or rng.choice(t.assessments[rng.choice(['unit', 'individual'])])}"
            ],
        ),
        (
            "aggregates",
            lambda: [
                f"/api/v1/scorecards/aggregates?framework_id={t.frameworks['unit']}&school_year={YEARS[0]}"
            ],
        ),
        ("dashboard (5 calls)", lambda: DASHBOARD),
    ]
    await viewer(n, base, token, views, w)


async def viewer(
    n: int, base: str, token: str, views: list[tuple[str, Callable[[], list[str]]]], w: Window
) -> None:
    """A person reading: each view's pages in turn, then THINK seconds on it; starts spread over WARMUP."""
    async with client(base, token) as http:
        await asyncio.sleep(WARMUP * n / READERS)
        view = n
        while True:
            label, paths = views[view % len(views)]
            view += 1
            for path in paths():
                await call(http, w, label, "GET", path)
            await asyncio.sleep(THINK)


async def writer(n: int, base: str, token: str, t: Targets, w: Window) -> None:
    reviewer = Reviewer(t, 100 + n, share=n, of=REVIEWERS)
    async with client(base, token) as http:
        await asyncio.sleep(WRITE_EVERY * n / REVIEWERS)
        while True:
            started = time.perf_counter()
            path, body, headers, assessment = reviewer.next_write()
            response = await call(http, w, "review write", "POST", path, json=body, headers=headers)
            if response is not None:
                reviewer.done(assessment, response)
            await asyncio.sleep(max(0.0, WRITE_EVERY - (time.perf_counter() - started)))


async def mixed(base: str, officer: str, managers: list[str], t: Targets) -> Window:
    now = time.perf_counter()
    w = Window(measure_from=now + WARMUP, stop_at=now + WARMUP + MIXED_SECONDS)
    tasks = []
    for n in range(READERS):
        if n % 2 == 0:
            tasks.append(asyncio.create_task(reader(n, base, officer, None, t, w)))
        else:
            k = (n // 2) % len(managers)
            tasks.append(asyncio.create_task(reader(n, base, managers[k], t.manager_assessments[k], t, w)))
    tasks += [asyncio.create_task(writer(n, base, officer, t, w)) for n in range(REVIEWERS)]
    return await until_closed(w, tasks)


async def until_closed(w: Window, tasks: list[asyncio.Task[None]]) -> Window:
    """Lets the tasks run until the window closes, then stops them."""
    await asyncio.sleep(max(0.0, w.stop_at - time.perf_counter()))
    # A request still unanswered when the window closes counts with the time it has waited so far (a
    # lower bound): leaving it out would hide the slowest requests.
    unanswered = list(w.pending.values())
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for label, started in unanswered:
        w.ms.setdefault(label, []).append((w.stop_at - started) * 1000)
    w.in_flight = len(unanswered)
    return w


def print_window(w: Window) -> None:
    """Each page view's requests, errors and times, and what was still unanswered at the end."""
    print(f"{'page view':<28} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label in sorted(w.ms):
        ms = w.ms[label]
        p50, p95, _ = quantiles(ms)
        print(
            f"{label:<28} {len(ms):>8,} {w.errors.get(label, 0):>6,} "
            f"{p50:>8,.0f} {p95:>8,.0f} {max(ms):>8,.0f}"
        )
    if w.statuses:
        print("errors by status: " + ", ".join(f"{k}: {v}" for k, v in sorted(w.statuses.items())))
    print(
        f"{w.in_flight} requests still unanswered when the window closed: counted with the time they had "
        "waited (a lower bound)"
    )


def errors_goal(w: Window) -> None:
    errors = sum(w.errors.values())
    GOALS.append(Goal("mixed load: errors", f"{errors:,}", "0", errors == 0))
    print(f"  mixed load: errors: {errors:,} (goal 0) {'PASS' if errors == 0 else 'FAIL'}")


def report_mixed(w: Window) -> None:
    print_window(w)
    reads = [m for label, ms in w.ms.items() if label != "review write" for m in ms]
    writes = w.ms.get("review write", [])
    goal("mixed load: reads p95", quantiles(reads)[1], 100.0, extra=f" ({len(reads):,} reads)")
    goal("mixed load: writes p95", quantiles(writes)[1], 100.0, extra=f" ({len(writes):,} writes)")
    errors_goal(w)


# ---------------------------------------------------------------- re-scoring as a job


def start_workers(tmp: Path) -> list[subprocess.Popen[bytes]]:
    """JOB_WORKERS queue workers (`python -m thidua.cli worker --concurrency 1`), as a deployment runs
    them; the day's periodic pass off, so that only the jobs measured run."""
    env = {
        **os.environ,
        "DATABASE_URL": PG_URL,
        "VAR_DIR": str(tmp / "worker"),
        "SECRET_KEY": secrets.token_urlsafe(48),
        "JOB_QUEUE": "procrastinate",
        "DAILY_RESCORE_ENABLED": "false",
        "WEBHOOKS_ENABLED": "false",
        "ENVIRONMENT": "production",
    }
    (tmp / "worker").mkdir(exist_ok=True)
    command = [sys.executable, "-m", "thidua.cli", "worker", "--concurrency", "1"]
    return [
        subprocess.Popen(
            command,
            env=env,
            stdout=(tmp / f"worker{n}.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for n in range(JOB_WORKERS)
    ]


def _queue_state(conn: psycopg.Connection[Any], since: float) -> tuple[int, int, int]:
    """(workers seen since `since`, re-score jobs waiting or running, stale rows)."""
    row = conn.execute(
        "SELECT (SELECT count(*) FROM procrastinate_workers WHERE last_heartbeat >= to_timestamp(%s)),"
        " (SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'scoring.rescore_framework'"
        "  AND status IN ('todo', 'doing')),"
        " (SELECT count(*) FROM assessment_score WHERE stale)",
        (since,),
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def _until(conn: psycopg.Connection[Any], since: float, done: Callable[[tuple[int, int, int]], bool]) -> None:
    deadline = time.monotonic() + 600
    while not done(_queue_state(conn, since)):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the queue did not get there in 600 s: {_queue_state(conn, since)}")
        time.sleep(0.05)


# What the stored fingerprints are altered to before each run, so that the job finds the province as
# after such a change (rescore.py: `inputs` decides whether the engine runs, `digest` whether the rows
# are written).
SCENARIOS = (
    # a change to every score (a criterion's points): every assessment scored, every row written
    ("every score changed", "inputs = NULL, digest = digest + 1"),
    # a change to every assessment's inputs that moves no score: every one scored, no row written
    ("inputs changed, scores not", "inputs = NULL"),
    # nothing changed since the last re-score (the day's pass on most days): nothing scored
    ("nothing changed", ""),
)


def rescore(settings: Settings, t: Targets) -> None:
    """The job a framework-wide change defers, run by JOB_WORKERS queue workers on this machine, over
    both frameworks; timed from the commit that asks for it until no row is stale and no re-score job
    is left, once per SCENARIOS. The goal is the issue's "load, score, store": the first two runs."""
    try:
        from thidua.core.tasks import defer, set_mode  # type: ignore[import-not-found,unused-ignore]
        from thidua.scoring.rescore import (  # type: ignore[import-not-found,unused-ignore]
            count_stale,
            mark_stale,
        )
    except ImportError:
        GOALS.append(Goal("re-scoring the whole province", "SKIPPED", "< 6 s", None))
        print("  re-scoring the whole province: SKIPPED: stored scores or its job not present")
        return
    set_mode("procrastinate")
    db = make_engine(settings.resolved_database_url)
    started_at = time.time()
    workers = start_workers(TMP)
    try:
        with psycopg.connect(libpq_url(PG_URL), autocommit=True) as conn:
            # Up, and through whatever an earlier phase left in the queue.
            _until(conn, started_at, lambda s: s[0] >= JOB_WORKERS and s[1] == 0)
            for what, altered in SCENARIOS:
                if altered:
                    conn.execute(f"UPDATE assessment_score SET {altered} WHERE NOT frozen")
                    conn.execute("VACUUM (ANALYZE) assessment_score")
                with Session(db) as session:
                    for fid in t.frameworks.values():
                        mark_stale(session, fid)
                        defer(session, "scoring.rescore_framework", framework_id=fid)
                    count = sum(count_stale(session, fid) for fid in t.frameworks.values())
                    session.commit()
                    started = time.perf_counter()
                _until(conn, started_at, lambda s: s[1] == 0 and s[2] == 0)
                seconds = time.perf_counter() - started
                goal(
                    f"re-scoring the whole province as a job, {what}",
                    seconds,
                    6.0,
                    unit="s",
                    extra=f" ({count:,} assessments, {JOB_WORKERS} workers)",
                )
    finally:
        for w in workers:
            stop_server(w)
        db.dispose()


# ---------------------------------------------------------------- main


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> int:
    if not reachable(PG_URL):
        print(
            f"SKIPPED bench_stored_scores: PostgreSQL not reachable at {make_url(PG_URL).render_as_string()}"
        )
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
    log = TMP / "server.log"
    created = False
    try:
        what = "reused (BENCH_REUSE_DB=1)" if REUSE else "created for this run"
        print(
            f"database: {make_url(PG_URL).render_as_string()} "
            f"({what}, {'kept' if KEEP else 'dropped at the end'})"
        )
        if REUSE:
            province = existing(settings)
        else:
            create_database(PG_URL)
            created = True
            province = prepare(settings)
        t = targets(settings, province.manager_ids)
        with psycopg.connect(libpq_url(PG_URL), autocommit=True) as conn:
            conn.execute("ANALYZE")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(PG_URL, secret, port, log, TMP, WORKERS)
        wait_healthy(proc, base, log)
        officer = create_access_token(secret, province.officer_id, 1, 120)
        managers = [create_access_token(secret, m, 1, 120) for m in province.manager_ids]
        for line in machine(PG_URL, WORKERS):
            print(line)
        print(f"mode: {'quick (BENCH_QUICK=1)' if QUICK else 'full'}\n")
        print("one request at a time (the commune officer):")
        with collector_paused():
            sequential(base, officer, t)
        print(
            f"\nmixed load: {READERS} readers ({THINK:g} s think time) and {REVIEWERS} reviewers "
            f"(a write every {WRITE_EVERY:g} s each), warm-up {WARMUP:g} s, measured {MIXED_SECONDS:g} s:"
        )
        with collector_paused():
            window = asyncio.run(mixed(base, officer, managers, t))
        report_mixed(window)
        if proc.poll() is not None:
            print(f"the server exited during the run:\n{log.read_text()[-3000:]}")
        stop_server(proc)
        proc = None
        print(f"\nre-scoring as a job ({JOB_WORKERS} queue workers, the server stopped):")
        rescore(settings, t)
        print("\nissue 14 goals:")
        what_width = max(len(g.what) for g in GOALS)
        figure_width = max(len(g.figure) for g in GOALS)
        for g in GOALS:
            verdict = "SKIPPED" if g.passed is None else "PASS" if g.passed else "FAIL"
            print(f"  {g.what:<{what_width}}  {g.figure:>{figure_width}}  goal {g.goal:<9} {verdict}")
    except KeyboardInterrupt:
        print("\ninterrupted: cleaning up")
        return 130
    except RuntimeError:
        if log.exists():  # the server's traceback says why a request failed
            print(f"the server's log ends with:\n{log.read_text()[-4000:]}", file=sys.stderr)
        raise
    finally:
        if proc is not None:
            stop_server(proc)
        if (created and not KEEP) or (REUSE and not KEEP):
            try:
                drop_database(PG_URL)
            except psycopg.Error as exc:
                print(f"could not drop the database: {exc}")
        elif created:
            print(f"kept the database {make_url(PG_URL).database} (BENCH_KEEP_DB=1); drop it yourself")
        shutil.rmtree(TMP, ignore_errors=True)
    return 1 if STRICT and any(g.passed is False for g in GOALS) else 0


if __name__ == "__main__":
    sys.exit(main())
