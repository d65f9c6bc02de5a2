"""Issue 20's scale goals: a province deployment of 150 communes × 20 schools (3,000 schools, 60,000
staff, two school years) on PostgreSQL, served by ``uvicorn --workers 2``; each figure beside its goal.

1. Creates the database BENCH_PG_URL (default ``.../thidua_bench_province``; BENCH_REUSE_DB=1 reuses the
   one a run with BENCH_KEEP_DB=1 left): the Department (Sở GDĐT) above 150 communes, each with its own
   movement and its own copies of the province's two default frameworks (version 1, the same codes, as a
   commune starts), 20 schools of 20 staff each, every assessment submitted, scores stored. A commune
   officer per commune, a Department officer, a school manager in ten communes.
   It also makes BENCH_PG_URL + ``_one``: ONE commune of 20 schools alone (no Department), the same
   generator, to compare a commune user's pages with a one-commune deployment.
2. One request at a time: the Department's dashboard (its four calls), the cross-commune ranking (pages
   of 50 over 3,000 schools on one framework version), a commune officer's own rankings (unit and
   individual) and aggregates, on the province and on the one-commune deployment.
3. The mixed load of issue 14 (bench_stored_scores.py: readers reading a page then thinking 1 s, two
   reviewers writing a verified value every 0.5 s): readers are Department officers (dashboard, the
   cross-commune ranking), commune officers (their rankings, aggregates) and school managers (their
   scorecard); the reviewers are two communes' officers. Goals: Department dashboard, cross-commune
   ranking and a commune's own ranking p95 < 100 ms; 0 errors.
4. A commune user's pages no slower than in a one-commune deployment: p95 in the province within 25 %
   (or 5 ms, below which timer noise decides) of the same pages alone.

BENCH_COMMUNES / BENCH_SCHOOLS_PER_COMMUNE make a small province to try the script; BENCH_QUICK=1 fewer
samples and a 15 s mixed load. BENCH_STRICT=1 exits 1 when a goal is missed. Skips when PostgreSQL is
unreachable.
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

import httpx
import psycopg
from bench_stored_scores import (
    GOALS,
    READERS,
    THINK,
    TMP,
    WARMUP,
    WRITE_EVERY,
    Goal,
    Targets,
    Window,
    errors_goal,
    goal,
    print_window,
    until_closed,
    viewer,
    writer,
)
from pg_province import (
    DEFAULT_PG_URL,
    YEARS,
    create_database,
    drop_database,
    machine,
    quantiles,
    reachable,
    settle,
    start_server,
)
from province import STAFF_PER_SCHOOL, entry_rows, loader_now
from pydantic import SecretStr
from serving import collector_paused, free_port, stop_server, wait_healthy
from sqlalchemy import insert
from sqlalchemy.engine import make_url
from sqlmodel import Session, col, select

from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.auth.models import User, UserRole
from thidua.auth.policy import Actor, load_actor
from thidua.auth.tokens import create_access_token
from thidua.cli import migrate
from thidua.config import Settings
from thidua.db import make_engine
from thidua.demo.catalogue import MOVEMENT, framework_document
from thidua.frameworks.models import Framework, Indicator
from thidua.frameworks.schemas import FrameworkDocument
from thidua.frameworks.service import activate, create_framework
from thidua.movements.schemas import MovementCreate
from thidua.movements.service import create_movement
from thidua.scoring.rescore import rescore_all
from thidua.units.models import StaffMember, Unit

PG_URL = os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL.rsplit("/", 1)[0] + "/thidua_bench_province")
ONE_URL = PG_URL + "_one"
COMMUNES = int(os.environ.get("BENCH_COMMUNES", "150"))
SCHOOLS_PER_COMMUNE = int(os.environ.get("BENCH_SCHOOLS_PER_COMMUNE", "20"))
QUICK = os.environ.get("BENCH_QUICK") == "1"
KEEP = os.environ.get("BENCH_KEEP_DB") == "1"
REUSE = os.environ.get("BENCH_REUSE_DB") == "1"
STRICT = os.environ.get("BENCH_STRICT") == "1"
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
SAMPLES = int(os.environ.get("BENCH_SAMPLES", "10" if QUICK else "150"))
MIXED_SECONDS = float(os.environ.get("BENCH_MIXED_SECONDS", "15" if QUICK else "60"))
MANAGERS = 10
PAGE, SEED = 50, 20262027
YEAR = YEARS[0]


# ---------------------------------------------------------------- the province's data


@dataclass
class Logins:
    department: int  # the Department officer's user id (0 in the one-commune deployment)
    officers: list[int]  # a commune officer per commune, in commune order
    managers: list[int]  # school managers, one in each of MANAGERS communes
    frameworks: list[dict[str, int]]  # per commune: subject kind -> framework id
    unit_code: str  # the unit framework's code (the same in every commune)


def _user(session: Session, login: str, unit_id: int, role: str) -> int:
    user = User(login=login, full_name=login, password_hash="-", unit_id=unit_id)
    session.add(user)
    session.flush()
    session.add(UserRole(user_id=user.id or 0, role=role))
    return user.id or 0


def _commune_frameworks(session: Session, officer: Actor) -> dict[str, int]:
    """The commune's movement and its copies of the province's defaults, through the services."""
    movement = create_movement(session, officer, MovementCreate.model_validate(MOVEMENT))
    ids = {}
    for kind in ("unit", "individual"):
        doc = FrameworkDocument.model_validate(framework_document(movement.id or 0, kind))
        ids[kind] = activate(session, officer, create_framework(session, officer, doc)).id or 0
    return ids


def _entries(session: Session, rng: random.Random, year: str, indicators: dict[int, list[Indicator]]) -> int:
    assessments = session.exec(
        select(SelfAssessment.id, SelfAssessment.framework_id).where(SelfAssessment.school_year == year)
    ).all()
    rows = [row for a, framework_id in assessments for row in entry_rows(rng, a, indicators[framework_id])]
    for start in range(0, len(rows), 100_000):
        session.execute(insert(AssessmentEntry), rows[start : start + 100_000])
    return len(rows)


def generate(settings: Settings, communes: int, with_department: bool) -> Logins:
    """The province (or one commune alone), scores stored, settled (pg_province.settle)."""
    started = time.perf_counter()
    migrate(settings)
    rng = random.Random(SEED)
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        department = None
        if with_department:
            department = Unit(code="SGDDT", name="Sở Giáo dục và Đào tạo", kind="department")
            session.add(department)
            session.flush()
        officers, frameworks, schools_of, communes_ids = [], [], [], []
        for c in range(communes):
            commune = Unit(
                code=f"X{c:03d}",
                name=f"Xã {c:03d}",
                kind="commune",
                parent_id=department.id if department else None,
            )
            session.add(commune)
            session.flush()
            communes_ids.append(commune.id or 0)
            officers.append(_user(session, f"vhxh.x{c:03d}", commune.id or 0, "commune_officer"))
            session.commit()
            actor = load_actor(session, session.get_one(User, officers[-1]))
            frameworks.append(_commune_frameworks(session, actor))
            session.execute(
                insert(Unit),
                [
                    {
                        "code": f"X{c:03d}-S{s:02d}",
                        "name": f"Trường {s:02d} xã {c:03d}",
                        "kind": "school",
                        "school_level": "primary",
                        "parent_id": commune.id,
                        "commune_id": commune.id,  # what units.models' events set (a bulk insert skips them)
                        "is_active": True,
                        "version": 1,
                        "created_at": loader_now(),
                        "updated_at": loader_now(),
                    }
                    for s in range(SCHOOLS_PER_COMMUNE)
                ],
            )
            schools = session.exec(
                select(Unit.id)
                .where(Unit.parent_id == commune.id, Unit.kind == "school")
                .order_by(col(Unit.id))
            ).all()
            schools_of.append([s or 0 for s in schools])
            session.commit()
        commune_of = {
            school: c for c, schools in zip(communes_ids, schools_of, strict=True) for school in schools
        }
        session.execute(
            insert(StaffMember),
            [
                {
                    "code": f"GV-{school}-{n:02d}",
                    "full_name": f"Cán bộ {school}-{n:02d}",
                    "position": "Giáo viên",
                    "unit_id": school,
                    "commune_id": commune_of[school],
                    "is_active": True,
                    "version": 1,
                    "created_at": loader_now(),
                    "updated_at": loader_now(),
                }
                for schools in schools_of
                for school in schools
                for n in range(STAFF_PER_SCHOOL)
            ],
        )
        staff_of: dict[int, list[int]] = {}
        for staff_id, unit_id in session.exec(select(StaffMember.id, StaffMember.unit_id)).all():
            staff_of.setdefault(unit_id, []).append(staff_id or 0)
        indicators: dict[int, list[Indicator]] = {}
        for fw in session.exec(select(Framework)).all():
            of_framework = select(Indicator).where(Indicator.framework_id == fw.id)
            indicators[fw.id or 0] = list(session.exec(of_framework.order_by(col(Indicator.id))))
        entries = 0
        for year in YEARS:
            rows: list[dict[str, Any]] = []
            for c, schools in enumerate(schools_of):
                for school in schools:
                    rows.append(
                        _assessment(frameworks[c]["unit"], "unit", f"unit:{school}", school, None, year)
                    )
                    rows += [
                        _assessment(frameworks[c]["individual"], "individual", f"staff:{s}", school, s, year)
                        for s in staff_of[school]
                    ]
            session.execute(insert(SelfAssessment), rows)
            entries += _entries(session, rng, year, indicators)
        department_officer = 0
        if department is not None:
            department_officer = _user(session, "so.chuyenvien", department.id or 0, "department_officer")
        step = max(1, communes // MANAGERS)
        managers = [
            _user(session, f"hieutruong.x{c:03d}", schools_of[c][0], "unit_manager")
            for c in range(0, communes, step)
        ][:MANAGERS]
        unit_code = session.get_one(Framework, frameworks[0]["unit"]).code
        session.commit()
        scored = rescore_all(session)
    db.dispose()
    settle(settings.resolved_database_url)
    total = communes * SCHOOLS_PER_COMMUNE
    print(
        f"  {communes:,} commune(s) × {SCHOOLS_PER_COMMUNE} schools ({total:,} schools, "
        f"{total * STAFF_PER_SCHOOL:,} staff) × {len(YEARS)} school years: {entries:,} entries, "
        f"{scored:,} stored scores, in {time.perf_counter() - started:.0f} s"
    )
    return Logins(department_officer, officers, managers, frameworks, unit_code)


def _assessment(
    framework_id: int, kind: str, key: str, unit_id: int, staff_id: int | None, year: str
) -> dict[str, Any]:
    return {
        "framework_id": framework_id,
        "subject_kind": kind,
        "subject_key": key,
        "unit_id": unit_id,
        "staff_id": staff_id,
        "school_year": year,
        "status": "submitted",
        "version": 1,
        "created_at": loader_now(),
        "updated_at": loader_now(),
    }


def existing(settings: Settings) -> Logins:
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:

        def ids(prefix: str) -> list[int]:
            users = select(User.id).where(col(User.login).startswith(prefix)).order_by(col(User.login))
            return [i or 0 for i in session.exec(users)]

        department = ids("so.chuyenvien")
        officers = ids("vhxh.x")
        frameworks = []
        for officer in officers:
            commune_id = session.get_one(User, officer).unit_id
            rows = session.exec(
                select(Framework.subject_kind, Framework.id, Framework.code).where(
                    Framework.commune_id == commune_id
                )
            ).all()
            if not rows:  # the one-commune deployment: no wall, the frameworks belong to nobody
                rows = session.exec(select(Framework.subject_kind, Framework.id, Framework.code)).all()
            frameworks.append({k: i or 0 for k, i, _ in rows})
            unit_code = next(code for k, _, code in rows if k == "unit")
        result = Logins(
            department[0] if department else 0, officers, ids("hieutruong.x"), frameworks, unit_code
        )
    db.dispose()
    return result


def review_targets(settings: Settings, commune: int, logins: Logins) -> Targets:
    """What a commune officer's reviewer writes: 200 of the commune's submitted assessments per kind."""
    rng = random.Random(commune)
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        reviewable, limits, assessments = {}, {}, {}
        for kind, fid in logins.frameworks[commune].items():
            inds = session.exec(
                select(Indicator).where(
                    Indicator.framework_id == fid, col(Indicator.kind).in_(("count", "percent", "boolean"))
                )
            ).all()
            reviewable[kind] = [i.code for i in inds]
            limits[kind] = {i.code: 100.0 if i.kind == "percent" else float(i.target or 1) for i in inds}
            ids = session.exec(
                select(SelfAssessment.id).where(
                    SelfAssessment.framework_id == fid, SelfAssessment.school_year == YEAR
                )
            ).all()
            assessments[kind] = [i or 0 for i in rng.sample(list(ids), min(200, len(ids)))]
        chosen = [i for ids in assessments.values() for i in ids]
        versions = {
            i or 0: v
            for i, v in session.exec(
                select(SelfAssessment.id, SelfAssessment.version).where(col(SelfAssessment.id).in_(chosen))
            )
        }
    db.dispose()
    return Targets(logins.frameworks[commune], reviewable, limits, assessments, [], 0, [], versions)


def own_assessment(settings: Settings, manager: int) -> int:
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        unit_id = session.get_one(User, manager).unit_id
        found = session.exec(
            select(SelfAssessment.id).where(
                SelfAssessment.unit_id == unit_id,
                SelfAssessment.subject_kind == "unit",
                SelfAssessment.school_year == YEAR,
            )
        ).one()
    db.dispose()
    return found or 0


# ---------------------------------------------------------------- the pages


def department_dashboard(code: str) -> list[str]:
    """What the Department's page (/province) asks for when it opens."""
    return [
        "/api/v1/province/communes",
        f"/api/v1/province/reports?school_year={YEAR}",
        f"/api/v1/province/heatmap?school_year={YEAR}&framework_code={code}",
        f"/api/v1/province/proposals?school_year={YEAR}",
    ]


def province_ranking(code: str, rng: random.Random, schools: int) -> str:
    offset = rng.randrange(0, max(1, schools // PAGE)) * PAGE
    return (
        f"/api/v1/province/ranking?school_year={YEAR}&framework_code={code}&version_number=1"
        f"&limit={PAGE}&offset={offset}"
    )


def commune_pages(frameworks: dict[str, int]) -> list[tuple[str, str]]:
    """A commune officer's own pages: its two rankings (first page) and its aggregates."""
    unit, individual = frameworks["unit"], frameworks["individual"]
    return [
        ("commune ranking, unit", f"/api/v1/scorecards?framework_id={unit}&school_year={YEAR}&limit={PAGE}"),
        (
            "commune ranking, individual",
            f"/api/v1/scorecards?framework_id={individual}&school_year={YEAR}&limit={PAGE}",
        ),
        ("commune aggregates", f"/api/v1/scorecards/aggregates?framework_id={unit}&school_year={YEAR}"),
    ]


def _timed(http: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = http.get(path)
    ms = (time.perf_counter() - started) * 1000
    if not response.is_success:
        raise RuntimeError(f"GET {path}: {response.status_code} {response.text[:400]}")
    return ms


def sequential(base: str, token: str, paths: Sequence[tuple[str, str]]) -> dict[str, list[float]]:
    """Each path SAMPLES times, one request at a time, on a new connection (both workers answer)."""
    found: dict[str, list[float]] = {}
    with collector_paused():
        for _ in range(SAMPLES):
            for label, path in paths:
                headers = {"Authorization": f"Bearer {token}"}
                with httpx.Client(base_url=base, headers=headers, timeout=120) as h:
                    found.setdefault(label, []).append(_timed(h, path))
    return found


def print_figures(figures: dict[str, list[float]]) -> None:
    for label, ms in figures.items():
        p50, p95, _ = quantiles(ms)
        print(
            f"    {label:<34} p50 {p50:>6,.0f} ms  p95 {p95:>6,.0f} ms  max {max(ms):>6,.0f} ms  ({len(ms)})"
        )


# ---------------------------------------------------------------- the mixed load


async def mixed(base: str, secret: str, logins: Logins, reviewers: list[Targets], own: list[int]) -> Window:
    rng = random.Random(SEED)
    schools = len(logins.officers) * SCHOOLS_PER_COMMUNE

    def token(user: int) -> str:
        return create_access_token(secret, user, 1, 120)

    now = time.perf_counter()
    w = Window(measure_from=now + WARMUP, stop_at=now + WARMUP + MIXED_SECONDS)
    tasks = []
    for n in range(READERS):
        if n % 3 == 0:  # the Department
            views: list[tuple[str, Callable[[], list[str]]]] = [
                ("Department dashboard", lambda: department_dashboard(logins.unit_code)),
                ("cross-commune ranking", lambda: [province_ranking(logins.unit_code, rng, schools)]),
            ]
            user = logins.department
        elif n % 3 == 1:  # a commune officer
            c = rng.randrange(len(logins.officers))
            pages = commune_pages(logins.frameworks[c])
            views = [(label, lambda p=path: [p]) for label, path in pages]  # type: ignore[misc]
            user = logins.officers[c]
        else:  # a school manager reading the school's scorecard
            k = n % len(logins.managers)
            views = [("school scorecard", lambda a=own[k]: [f"/api/v1/scorecards/{a}"])]  # type: ignore[misc]
            user = logins.managers[k]
        tasks.append(asyncio.create_task(viewer(n, base, token(user), views, w)))
    for n, t in enumerate(reviewers):
        tasks.append(asyncio.create_task(writer(n, base, token(logins.officers[n]), t, w)))
    return await until_closed(w, tasks)


def report_mixed(w: Window) -> None:
    print_window(w)
    commune = [m for label, ms in w.ms.items() if label.startswith("commune ranking") for m in ms]
    for what, ms in (
        ("mixed load: Department dashboard p95", w.ms.get("Department dashboard", [])),
        ("mixed load: cross-commune ranking p95", w.ms.get("cross-commune ranking", [])),
        ("mixed load: a commune's own ranking p95", commune),
        ("mixed load: review writes p95 (issue 14's goal)", w.ms.get("review write", [])),
    ):
        goal(what, quantiles(ms)[1], 100.0, extra=f" ({len(ms):,})")
    errors_goal(w)


# ---------------------------------------------------------------- main


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _settings(url: str, secret: str) -> Settings:
    return Settings(
        database_url=url,
        var_dir=TMP,
        secret_key=SecretStr(secret),
        environment="development",
        frontend_dist=TMP / "none",
    )


def _serve(url: str, secret: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = TMP / f"server-{port}.log"
    proc = start_server(url, secret, port, log, TMP, WORKERS)
    wait_healthy(proc, f"http://127.0.0.1:{port}", log)
    return proc, f"http://127.0.0.1:{port}"


def main() -> int:
    if not reachable(PG_URL):
        print(f"SKIPPED bench_province: PostgreSQL not reachable at {make_url(PG_URL).render_as_string()}")
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    secret = secrets.token_urlsafe(48)
    province_settings, one_settings = _settings(PG_URL, secret), _settings(ONE_URL, secret)
    proc: subprocess.Popen[bytes] | None = None
    try:
        print(
            f"databases: {make_url(PG_URL).database} and {make_url(ONE_URL).database} "
            f"({'reused' if REUSE else 'created'}, {'kept' if KEEP else 'dropped at the end'})"
        )
        if REUSE:
            province, one = existing(province_settings), existing(one_settings)
        else:
            print("generating the province, then one commune alone:")
            create_database(PG_URL)
            province = generate(province_settings, COMMUNES, with_department=True)
            create_database(ONE_URL)
            one = generate(one_settings, 1, with_department=False)
        for line in machine(PG_URL, WORKERS):
            print(line)
        schools = len(province.officers) * SCHOOLS_PER_COMMUNE
        rng = random.Random(SEED)

        print(f"\none request at a time ({SAMPLES} samples each, a new connection per request):")
        proc, base = _serve(PG_URL, secret)
        print("  the Department officer, on the province:")
        dept_token = create_access_token(secret, province.department, 1, 120)
        dashboard = [
            (path.split("?")[0].rsplit("/", 1)[1], path) for path in department_dashboard(province.unit_code)
        ]
        ranking = [
            (f"cross-commune ranking {k}", province_ranking(province.unit_code, rng, schools))
            for k in range(3)
        ]
        dept = sequential(base, dept_token, [*dashboard, *ranking])
        print_figures(dept)
        commune = len(province.officers) // 2  # a commune in the middle of the tree
        print(f"  commune {commune}'s officer, on the province:")
        in_province = sequential(
            base,
            create_access_token(secret, province.officers[commune], 1, 120),
            commune_pages(province.frameworks[commune]),
        )
        print_figures(in_province)
        own = [own_assessment(province_settings, m) for m in province.managers]
        reviewers = [
            review_targets(province_settings, c, province) for c in range(min(2, len(province.officers)))
        ]
        stop_server(proc)
        proc, base_one = _serve(ONE_URL, secret)
        print("  the officer of the same-sized commune alone (a one-commune deployment):")
        alone = sequential(
            base_one, create_access_token(secret, one.officers[0], 1, 120), commune_pages(one.frameworks[0])
        )
        print_figures(alone)
        stop_server(proc)
        for label, ms in in_province.items():
            here, there = quantiles(ms)[1], quantiles(alone[label])[1]
            limit = max(there * 1.25, there + 5)
            ok = here <= limit
            GOALS.append(
                Goal(
                    f"{label}: province vs alone p95",
                    f"{here:,.0f} vs {there:,.0f} ms",
                    f"≤ {limit:,.0f} ms",
                    ok,
                )
            )
            print(
                f"  {label}: p95 {here:,.0f} ms in the province, {there:,.0f} ms alone "
                f"(goal ≤ {limit:,.0f} ms) {'PASS' if ok else 'FAIL'}"
            )

        proc, base = _serve(PG_URL, secret)
        print(
            f"\nmixed load on the province: {READERS} readers (a third the Department, a third commune "
            f"officers, a third school managers; {THINK:g} s think time) and 2 reviewers (two communes' "
            f"officers, a write every {WRITE_EVERY:g} s each), warm-up {WARMUP:g} s, measured "
            f"{MIXED_SECONDS:g} s:"
        )
        with collector_paused():
            window = asyncio.run(mixed(base, secret, province, reviewers, own))
        report_mixed(window)
        stop_server(proc)
        proc = None
        print("\nissue 20 goals:")
        for g in GOALS:
            verdict = "SKIPPED" if g.passed is None else "PASS" if g.passed else "FAIL"
            print(f"  {g.what:<52} {g.figure:>24}  goal {g.goal:<10} {verdict}")
    except KeyboardInterrupt:
        print("\ninterrupted: cleaning up")
        return 130
    finally:
        if proc is not None:
            stop_server(proc)
        if not KEEP:
            for url in (PG_URL, ONE_URL):
                try:
                    drop_database(url)
                except psycopg.Error as exc:
                    print(f"could not drop {make_url(url).database}: {exc}")
        else:
            print("kept the databases (BENCH_KEEP_DB=1); drop them yourself")
    return 1 if STRICT and any(g.passed is False for g in GOALS) else 0


if __name__ == "__main__":
    sys.exit(main())
