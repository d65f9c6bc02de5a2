"""What the PostgreSQL benchmarks over HTTP share (bench_concurrency.py, bench_stored_scores.py): a
benchmark database made and dropped, the province of province.py for two school years with a commune
officer and ten school managers, the machine's description, and uvicorn serving it.

Import it from a script in bench/ (Python puts the script's folder on sys.path).
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

import psycopg
from province import SCHOOLS, generate
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlmodel import Session, col, select

from thidua.auth.models import User, UserRole
from thidua.cli import migrate
from thidua.config import Settings
from thidua.db import make_engine
from thidua.frameworks.models import Framework
from thidua.units.models import Unit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/thidua_bench"
YEARS = ("2025-2026", "2026-2027")
MANAGERS = 10


def libpq_url(url: str, database: str | None = None) -> str:
    u = make_url(url).set(drivername="postgresql")
    if database is not None:
        u = u.set(database=database)
    return u.render_as_string(hide_password=False)


def reachable(url: str) -> bool:
    try:
        psycopg.connect(libpq_url(url, "postgres"), connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def drop_database(url: str) -> None:
    name = make_url(url).database or ""
    with psycopg.connect(libpq_url(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(url: str) -> None:
    drop_database(url)
    name = make_url(url).database or ""
    with psycopg.connect(libpq_url(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def machine(url: str, workers: int) -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    mhz = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("cpu MHz")]
    ram = "?"
    if Path("/proc/meminfo").exists():
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    with psycopg.connect(libpq_url(url)) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        settings: dict[str, str] = dict(
            conn.execute(
                "SELECT name, current_setting(name) FROM pg_settings "
                "WHERE name IN ('shared_buffers', 'max_connections', 'work_mem')"
            ).fetchall()
        )
    return [
        f"CPU: {models[0] if models else platform.processor() or '?'}"
        f"{f' @ {float(mhz[0]):.0f} MHz' if mhz else ''}, {os.cpu_count()} logical cores",
        f"RAM: {ram}; {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}; uvicorn --workers {workers} (uvloop, httptools) on the same "
        "machine as PostgreSQL and the load generator",
        f"PostgreSQL {version[0] if version else '?'} (shared_buffers {settings.get('shared_buffers')}, "
        f"work_mem {settings.get('work_mem')}, max_connections {settings.get('max_connections')})",
    ]


def quantiles(ms: list[float]) -> tuple[float, float, float]:
    """p50, p95, p99."""
    if len(ms) < 2:
        v = ms[0] if ms else float("nan")
        return v, v, v
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return q[49], q[94], q[98]


@dataclass
class Province:
    unit_framework_id: int
    officer_id: int
    manager_ids: list[int]


def existing(settings: Settings) -> Province:
    """The province a run with BENCH_KEEP_DB=1 left (for BENCH_REUSE_DB=1)."""
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        officer = session.exec(select(User.id).where(User.login == "canbo.tinh")).one()
        managers = session.exec(
            select(User.id).where(col(User.login).startswith("hieutruong.")).order_by(col(User.id))
        ).all()
        framework = session.exec(select(Framework.id).where(Framework.subject_kind == "unit")).one()
    db.dispose()
    return Province(framework or 0, officer or 0, [m or 0 for m in managers])


def settle(url: str) -> None:
    """VACUUM ANALYZE, then a CHECKPOINT: a freshly generated province leaves about a gigabyte of dirty
    pages, which PostgreSQL otherwise writes out over the next minutes, during the measuring. A first
    run's mixed-load p95 was about twice a later run's on the same database; the checkpoint removes
    part of that gap (docs/benchmarks.md)."""
    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute("CHECKPOINT")


def prepare(settings: Settings) -> Province:
    """Migrates, generates the province for YEARS, adds the officer and the managers, settles it."""
    migrate(settings)
    started = time.perf_counter()
    generate(settings, years=YEARS)
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        commune = session.exec(select(Unit).where(Unit.code == "TINH")).one()
        officer = User(
            login="canbo.tinh", full_name="Cán bộ Phòng VH-XH", password_hash="-", unit_id=commune.id
        )
        session.add(officer)
        school_ids = list(session.exec(select(Unit.id).where(Unit.kind == "school").order_by(col(Unit.id))))
        managers = [session.exec(select(User).where(User.login == "hieutruong.s0000")).one()]
        for k in range(1, MANAGERS):
            n = k * SCHOOLS // MANAGERS
            managers.append(
                User(
                    login=f"hieutruong.s{n:04d}",
                    full_name=f"Hiệu trưởng {n:04d}",
                    password_hash="-",
                    unit_id=school_ids[n],
                )
            )
            session.add(managers[-1])
        session.flush()
        session.add(UserRole(user_id=officer.id or 0, role="commune_officer"))
        for m in managers[1:]:
            session.add(UserRole(user_id=m.id or 0, role="unit_manager"))
        framework = session.exec(select(Framework).where(Framework.subject_kind == "unit")).one()
        session.commit()
        result = Province(framework.id or 0, officer.id or 0, [m.id or 0 for m in managers])
    db.dispose()
    settle(settings.resolved_database_url)
    print(f"generated, users added, VACUUM ANALYZE and CHECKPOINT in {time.perf_counter() - started:.0f} s")
    return result


def start_server(
    url: str, secret: str, port: int, log: Path, tmp: Path, workers: int = 2, app: str = "thidua.main:app"
) -> subprocess.Popen[bytes]:
    """uvicorn serving `app` on the database `url` (rate limit and webhooks off), in its own process
    group so that serving.stop_server also stops the workers."""
    server_var = tmp / "server"
    server_var.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "VAR_DIR": str(server_var),
        "SECRET_KEY": secret,
        "RATE_LIMIT_PER_MINUTE": "0",
        "WEBHOOKS_ENABLED": "false",
        "FRONTEND_DIST": str(tmp / "none"),
        "ENVIRONMENT": "production",
        "SQL_ECHO": "false",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--timeout-graceful-shutdown",
        "3",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    with log.open("wb") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
