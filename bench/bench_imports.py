"""Benchmark of bulk imports of self-assessment values over HTTP, against the raw driver.

1. Raw rate: sqlite3 `executemany` of the same number of rows straight into assessment_entry.
2. HTTP: the same values as one CSV through POST /api/v1/imports/assessment_entries (synchronous: the
   async threshold is raised), and the re-send of the same file (all unchanged).
3. With ``--million``: a 1,000,000-row CSV through a real uvicorn server process (as a background job),
   reporting the server's peak RSS (VmHWM) and the time until the job succeeded.

Run: ``.venv/bin/python bench/bench_imports.py [--rows 100000] [--million]`` from the repository root.
SQLite in a temporary folder. Prints numbers only; no pass/fail.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-imports-"))
os.environ.setdefault("VAR_DIR", str(TMP))
os.environ["FRONTEND_DIST"] = str(TMP / "none")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from sqlalchemy import insert  # noqa: E402
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
VALUES = {"CN1.2": "2", "CN2.1": "3", "CN2.2": "1", "CN3.3": "1"}  # the individual framework's entered ones


def prepare(name: str, staff: int) -> tuple[Settings, dict[str, str]]:
    settings = Settings(
        environment="development",
        database_url=f"sqlite:///{TMP / name}",
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


def raw_rate(rows: int) -> float:
    return max(_raw_rate(rows, n) for n in range(3))


def _raw_rate(rows: int, n: int) -> float:
    """sqlite3 executemany into a migrated, empty assessment_entry (foreign keys off: no parents)."""
    prepare(f"raw{n}.db", 0)
    conn = sqlite3.connect(str(TMP / f"raw{n}.db"))
    conn.execute("PRAGMA journal_mode=WAL")
    now = utcnow().isoformat()
    data = [(1 + i // 4, 1 + i % 4, 100 + i % 7, None, now) for i in range(rows)]
    start = time.perf_counter()
    conn.executemany(
        "INSERT INTO assessment_entry (assessment_id, indicator_id, self_value, note, updated_at) "
        "VALUES (?,?,?,?,?)",
        data,
    )
    conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return rows / elapsed


def http_import(rows: int) -> None:
    from thidua.main import create_app

    staff = rows // len(VALUES)
    settings, headers = prepare("http.db", staff)
    body = csv_body(staff, YEARS[:1])
    app = create_app(settings)
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
            print(
                f"HTTP {label}: {s['total']:,} rows in {elapsed:.2f} s = {s['total'] / elapsed:,.0f} rows/s "
                f"(created {s['created']:,}, unchanged {s['unchanged']:,}, rejected {s['rejected']})"
            )
    app.state.engine.dispose()


def million() -> None:
    staff = 1_000_000 // (len(VALUES) * len(YEARS))
    settings, headers = prepare("million.db", staff)
    path = TMP / "million.csv"
    path.write_bytes(csv_body(staff, YEARS))
    print(f"1M file: {path.stat().st_size / 1e6:.1f} MB")
    env = {
        **os.environ,
        "DATABASE_URL": settings.resolved_database_url,
        "VAR_DIR": str(settings.var_dir),
        "SECRET_KEY": "bench-" + "k" * 40,
        "ENVIRONMENT": "development",
        "RATE_LIMIT_PER_MINUTE": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "thidua.main:app", "--port", "8765", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    import httpx

    try:
        for _ in range(100):
            try:
                httpx.get("http://127.0.0.1:8765/api/v1/health")
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        start = time.perf_counter()
        with path.open("rb") as f:
            r = httpx.post(
                "http://127.0.0.1:8765/api/v1/imports/assessment_entries",
                content=f,
                headers={**headers, "Content-Type": "text/csv"},
                timeout=600,
            )
        assert r.status_code == 202, r.text
        url = "http://127.0.0.1:8765" + r.headers["location"]
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
            f"1M rows: {job['status']} in {elapsed:.1f} s ({s.get('total', 0) / elapsed:,.0f} rows/s), "
            f"created {s.get('created')}, rejected {s.get('rejected')}; server {peak}"
        )
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--million", action="store_true")
    args = parser.parse_args()
    print(f"raw sqlite3 executemany: {raw_rate(args.rows):,.0f} rows/s")
    http_import(args.rows)
    if args.million:
        million()


if __name__ == "__main__":
    main()
