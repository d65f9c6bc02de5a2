"""Benchmark of bulk imports of self-assessment values over HTTP, against the raw driver, on SQLite and
then PostgreSQL in one run.

Per database:

1. Raw rate: the driver's `executemany` of the same number of rows straight into a migrated, empty
   assessment_entry, foreign keys off (there are no parent rows): sqlite3 with its default; psycopg 3
   (which pipelines executemany) with ``session_replication_role = replica``. PostgreSQL's COPY of the
   same rows is printed for reference. Best of 3.
2. HTTP: the same values as one CSV through POST /api/v1/imports/assessment_entries (synchronous: the
   async threshold is raised), and the re-send of the same file (all unchanged).
3. With ``--million``: a 1,000,000-row CSV through a real uvicorn server process (as a background job),
   reporting the server's peak RSS (VmHWM) and the time until the job succeeded.

SQLite lives in a temporary folder. PostgreSQL is BENCH_PG_URL (default
``postgresql+psycopg://postgres@127.0.0.1:5432/thidua_bench_imports``): that database is created at the
start (dropped first if a previous run left it), its schema ``public`` reset before each step, and it is
dropped at the end; PostgreSQL is skipped, with a printed line, when the server is unreachable.

Run: ``.venv/bin/python bench/bench_imports.py [--rows 100000] [--million]`` from the repository root.
Prints the figures, then a table with the targets beside them (HTTP >= 25 % of the raw rate on SQLite;
peak RSS < 300 MB for the 1M-row CSV); no pass/fail exit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-imports-"))
os.environ.setdefault("VAR_DIR", str(TMP))
os.environ["FRONTEND_DIST"] = str(TMP / "none")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from serving import free_port  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from thidua.auth.models import User, UserRole  # noqa: E402
from thidua.auth.tokens import create_access_token  # noqa: E402
from thidua.cli import migrate  # noqa: E402
from thidua.config import Settings  # noqa: E402
from thidua.core.models import utcnow  # noqa: E402
from thidua.db import make_engine  # noqa: E402
from thidua.demo.loader import load_movement  # noqa: E402
from thidua.units.models import StaffMember, Unit  # noqa: E402

YEARS = ["2025-2026", "2026-2027", "2027-2028", "2028-2029", "2029-2030"]
VALUES = {"CN1.2": "2", "CN3.3": "1"}  # the individual framework's entered ones (CN2.1, CN2.2 are computed)
SQLITE = "sqlite"
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/thidua_bench_imports")
RATIO_TARGET = 0.25  # HTTP rows/s against the raw rate, on SQLite
RSS_TARGET_MB = 300  # server peak RSS for the 1M-row CSV
ENTRY_COLUMNS = "assessment_id, indicator_id, self_value, note, updated_at"


@dataclass
class Result:
    database: str
    raw: float | None = None
    copy: float | None = None
    http: float | None = None
    resend: float | None = None
    million_status: str | None = None
    million_seconds: float | None = None
    million_rss_mb: float | None = None
    skipped: str | None = None


# ---------------------------------------------------------------- PostgreSQL database of the run


def pg_conninfo(database: str | None = None) -> str:
    """BENCH_PG_URL (or another database on its server) as a libpq URI for psycopg."""
    url = make_url(PG_URL).set(drivername="postgresql")
    if database is not None:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


PROTECTED = ("test", "postgres", "template0", "template1")  # `test`: another suite drops its schema


def pg_name() -> str:
    name = make_url(PG_URL).database
    if not name or name in PROTECTED:
        raise ValueError(f"BENCH_PG_URL must name a database of the benchmark's own, not {name!r}")
    return name


def pg_admin(statement: str) -> None:
    """CREATE/DROP DATABASE of the benchmark's database, from the server's `postgres` database."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(pg_conninfo("postgres"), autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(pg_name())))


def pg_create() -> str | None:
    """Create the benchmark's database; why not when PostgreSQL cannot be used."""
    try:
        import psycopg
    except ImportError as exc:
        return f"psycopg not installed ({exc})"
    try:
        pg_name()
    except ValueError as exc:
        return str(exc)
    try:
        pg_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")  # a previous run that did not finish
        pg_admin("CREATE DATABASE {}")
    except psycopg.Error as exc:
        return f"unreachable or refused ({str(exc).strip().splitlines()[0]})"
    return None


def pg_drop() -> None:
    pg_admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def pg_reset() -> None:
    """An empty schema `public` in the benchmark's database (then migrated by prepare())."""
    import psycopg

    with psycopg.connect(pg_conninfo(), autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def pg_version() -> str:
    import psycopg

    with psycopg.connect(pg_conninfo("postgres"), connect_timeout=5) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return row[0] if row else "?"


# ---------------------------------------------------------------- data


def prepare(target: str, name: str, staff: int) -> tuple[Settings, dict[str, str]]:
    """A migrated database (SQLite file `name`, or the PostgreSQL one reset) with the demo movement,
    `staff` staff members in schools of 20, and a commune officer's bearer header."""
    if target == SQLITE:
        database_url = f"sqlite:///{TMP / name}"
    else:
        pg_reset()
        database_url = target
    settings = Settings(
        environment="development",
        database_url=database_url,
        var_dir=TMP / f"var-{name}",
        secret_key=SecretStr("bench-" + "k" * 40),
        import_async_threshold_bytes=1 << 40,
        import_max_bytes=1 << 40,
        rate_limit_per_minute=0,
    )
    migrate(settings)
    engine = make_engine(settings.resolved_database_url)
    now = utcnow()
    with Session(engine) as session:
        load_movement(session)
        commune = Unit(code="UBND", name="UBND", kind="commune")
        session.add(commune)
        session.flush()
        schools = []
        for n in range(max(staff // 20, 1)):
            school = Unit(
                code=f"S{n:05d}",
                name=f"Trường {n}",
                kind="school",
                school_level="primary",
                parent_id=commune.id,
            )
            session.add(school)
            schools.append(school)
        session.flush()
        session.execute(
            insert(StaffMember),
            [  # at least one row: an empty list would be a single insert of defaults
                {
                    "code": f"GV{i:07d}",
                    "full_name": f"Giáo viên {i}",
                    "position": "",
                    "unit_id": schools[i // 20].id,
                    "is_active": True,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(max(staff, 1))
            ],
        )
        admin = User(login="bench", full_name="Bench", password_hash="x")
        session.add(admin)
        session.flush()
        session.add(UserRole(user_id=admin.id, role="commune_officer"))
        session.commit()
        token = create_access_token(settings.resolved_secret_key, admin.id or 0, 1, 600)
    engine.dispose()
    return settings, {"Authorization": f"Bearer {token}"}


def csv_body(staff: int, years: list[str]) -> bytes:
    lines = ["staff_code,indicator_code,school_year,value"]
    for year in years:
        for i in range(staff):
            for code, value in VALUES.items():
                lines.append(f"GV{i:07d},{code},{year},{value}")
    return ("\n".join(lines) + "\n").encode()


# ---------------------------------------------------------------- 1. raw driver rate


def raw_rate(rows: int) -> float:
    return max(_raw_rate(rows, n) for n in range(3))


def _raw_rate(rows: int, n: int) -> float:
    """sqlite3 executemany into a migrated, empty assessment_entry (foreign keys off: no parents)."""
    prepare(SQLITE, f"raw{n}.db", 0)
    conn = sqlite3.connect(str(TMP / f"raw{n}.db"))
    conn.execute("PRAGMA journal_mode=WAL")
    now = utcnow().isoformat()
    data = [(1 + i // 4, 1 + i % 4, 100 + i % 7, None, now) for i in range(rows)]
    start = time.perf_counter()
    conn.executemany(
        f"INSERT INTO assessment_entry ({ENTRY_COLUMNS}) VALUES (?,?,?,?,?)",
        data,
    )
    conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return rows / elapsed


def pg_raw_rate(rows: int) -> tuple[float, float]:
    """Best of 3 of (psycopg executemany, COPY) rows/s."""
    runs = [_pg_raw_rate(rows, n) for n in range(3)]
    return max(r[0] for r in runs), max(r[1] for r in runs)


def _pg_raw_rate(rows: int, n: int) -> tuple[float, float]:
    """psycopg executemany, then (table truncated) COPY, into a migrated, empty assessment_entry;
    foreign keys off as on SQLite (session_replication_role = replica skips their triggers)."""
    import psycopg

    prepare(PG_URL, f"pg-raw{n}", 0)
    now = utcnow()
    data = [(1 + i // 4, 1 + i % 4, 100 + i % 7, None, now) for i in range(rows)]
    with psycopg.connect(pg_conninfo()) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.commit()
        start = time.perf_counter()
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO assessment_entry ({ENTRY_COLUMNS}) VALUES (%s, %s, %s, %s, %s)", data
            )
        conn.commit()
        executemany = rows / (time.perf_counter() - start)
        conn.execute("TRUNCATE assessment_entry")
        conn.commit()
        start = time.perf_counter()
        with conn.cursor() as cur, cur.copy(f"COPY assessment_entry ({ENTRY_COLUMNS}) FROM STDIN") as copy:
            for row in data:
                copy.write_row(row)
        conn.commit()
        copied = rows / (time.perf_counter() - start)
    return executemany, copied


# ---------------------------------------------------------------- 2. HTTP import and re-send


def http_import(target: str, rows: int) -> tuple[float, float]:
    """(first import, same file again) rows/s through the API in-process."""
    from thidua.main import create_app

    staff = rows // len(VALUES)
    settings, headers = prepare(target, "http.db" if target == SQLITE else "pg-http", staff)
    body = csv_body(staff, YEARS[:1])
    app = create_app(settings)
    rates = []
    with TestClient(app) as client:
        warm = client.post(
            "/api/v1/imports/assessment_entries",
            content=csv_body(1, YEARS[1:2]),
            headers={**headers, "Content-Type": "text/csv"},
        )  # first-request costs
        assert warm.status_code == 200, warm.text
        for label in ("first import", "same file again"):
            start = time.perf_counter()
            r = client.post(
                "/api/v1/imports/assessment_entries",
                content=body,
                headers={**headers, "Content-Type": "text/csv"},
            )
            elapsed = time.perf_counter() - start
            s = r.json()
            assert r.status_code == 200, r.text
            rates.append(s["total"] / elapsed)
            print(
                f"  HTTP {label}: {s['total']:,} rows in {elapsed:.2f} s = {rates[-1]:,.0f} rows/s "
                f"(created {s['created']:,}, unchanged {s['unchanged']:,}, rejected {s['rejected']})"
            )
    app.state.engine.dispose()
    return rates[0], rates[1]


# ---------------------------------------------------------------- 3. a 1M-row background job


def million_file() -> Path:
    path = TMP / "million.csv"
    if not path.exists():
        path.write_bytes(csv_body(1_000_000 // (len(VALUES) * len(YEARS)), YEARS))
        print(f"1M file: {path.stat().st_size / 1e6:.1f} MB")
    return path


def million(target: str) -> tuple[str, float, float]:
    """(job status, seconds until it ended, server peak RSS in MB of 10^6 bytes) for the 1M-row CSV."""
    staff = 1_000_000 // (len(VALUES) * len(YEARS))
    settings, headers = prepare(target, "million.db" if target == SQLITE else "pg-million", staff)
    path = million_file()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": settings.resolved_database_url,
        "VAR_DIR": str(settings.var_dir),
        "SECRET_KEY": "bench-" + "k" * 40,
        "ENVIRONMENT": "development",
        "RATE_LIMIT_PER_MINUTE": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "thidua.main:app", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    import httpx

    try:
        for _ in range(100):
            try:
                httpx.get(f"{base_url}/api/v1/health")
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        start = time.perf_counter()
        with path.open("rb") as f:
            r = httpx.post(
                f"{base_url}/api/v1/imports/assessment_entries",
                content=f,
                headers={**headers, "Content-Type": "text/csv"},
                timeout=600,
            )
        assert r.status_code == 202, r.text
        url = base_url + r.headers["location"]
        while True:
            job = httpx.get(url, headers=headers, timeout=60).json()
            if job["status"] in ("succeeded", "failed"):
                break
            time.sleep(1)
        elapsed = time.perf_counter() - start
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        s = job.get("summary") or {}
        print(
            f"  1M rows: {job['status']} in {elapsed:.1f} s ({s.get('total', 0) / elapsed:,.0f} rows/s), "
            f"created {s.get('created')}, rejected {s.get('rejected')}; server {peak}"
            + (f"; error: {job.get('error')}" if job["status"] == "failed" else "")
        )
        return job["status"], elapsed, int(peak.split()[1]) * 1024 / 1e6  # VmHWM is in KiB
    finally:
        server.terminate()
        server.wait(30)


# ---------------------------------------------------------------- the run


def run_sqlite(rows: int, with_million: bool) -> Result:
    print("== SQLite")
    result = Result("SQLite")
    result.raw = raw_rate(rows)
    print(f"  raw sqlite3 executemany: {result.raw:,.0f} rows/s")
    result.http, result.resend = http_import(SQLITE, rows)
    if with_million:
        result.million_status, result.million_seconds, result.million_rss_mb = million(SQLITE)
    return result


def run_postgres(rows: int, with_million: bool) -> Result:
    print(f"== PostgreSQL ({make_url(PG_URL).render_as_string(hide_password=True)})")
    result = Result("PostgreSQL")
    why = pg_create()
    if why is not None:
        result.skipped = why
        print(f"  PostgreSQL skipped: {why}")
        return result
    try:
        print(f"  server {pg_version()}")
        result.raw, result.copy = pg_raw_rate(rows)
        print(
            f"  raw psycopg executemany: {result.raw:,.0f} rows/s "
            f"(COPY, for reference: {result.copy:,.0f} rows/s)"
        )
        result.http, result.resend = http_import(PG_URL, rows)
        if with_million:
            result.million_status, result.million_seconds, result.million_rss_mb = million(PG_URL)
    finally:
        pg_drop()
    return result


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def table(results: list[Result], rows: int) -> None:
    head = (
        "database",
        "raw rows/s",
        "HTTP rows/s",
        "ratio",
        "re-send rows/s",
        "1M job time",
        "1M peak RSS",
    )
    lines = []
    for r in results:
        if r.skipped:
            lines.append((r.database, "skipped (see above)", "", "", "", "", ""))
            continue
        ratio = "—"
        if r.raw and r.http:
            ratio = f"{r.http / r.raw:.1%}"
            if r.database == "SQLite":
                met = "met" if r.http / r.raw >= RATIO_TARGET else "NOT met"
                ratio += f" (target ≥ {RATIO_TARGET:.0%}: {met})"
        raw = _rate(r.raw) + (f" (COPY {_rate(r.copy)})" if r.copy else "")
        job = "—" if r.million_seconds is None else f"{r.million_seconds:.1f} s"
        if r.million_status not in (None, "succeeded"):
            job += f" ({r.million_status})"
        rss = "—"
        if r.million_rss_mb is not None:
            met = "met" if r.million_rss_mb < RSS_TARGET_MB else "NOT met"
            rss = f"{r.million_rss_mb:.0f} MB (target < {RSS_TARGET_MB} MB: {met})"
        lines.append((r.database, raw, _rate(r.http), ratio, _rate(r.resend), job, rss))
    widths = [max(len(row[i]) for row in (head, *lines)) for i in range(len(head))]
    print(
        f"\nBulk import of self-assessment values, {rows:,} rows (raw: driver executemany, best of 3, COPY "
        "for reference; ratio: HTTP / raw; re-send: the same file, all unchanged; 1M: a 1,000,000-row "
        "CSV as a background job, server peak RSS in MB of 10^6 bytes)"
    )
    for row in (head, tuple("-" * w for w in widths), *lines):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--million", action="store_true")
    args = parser.parse_args()
    try:
        results = [run_sqlite(args.rows, args.million), run_postgres(args.rows, args.million)]
        table(results, args.rows)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
