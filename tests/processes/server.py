"""The real server as separate uvicorn processes on a database of their own, for the tests that run
several processes at once or kill one with SIGKILL.

The database is a SQLite file (WAL) in a temporary folder, or, when TEST_DATABASE_URL names a
PostgreSQL database, a sibling database `<name>_procs` created here and dropped at the end: the
suite's own database is emptied before every test, which a running server must not see.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, ForeignKeyConstraint, and_, func, select, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from thidua.auth.tokens import create_access_token
from thidua.cli import migrate
from thidua.config import Settings
from thidua.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
SECRET = "processes-test-secret-" + "s" * 40


def _libpq(url: str, database: str) -> str:
    return make_url(url).set(drivername="postgresql", database=database).render_as_string(hide_password=False)


@contextmanager
def fresh_database(folder: Path) -> Iterator[str]:
    """A migrated, empty database for the server processes; its URL."""
    suite_url = os.environ.get("TEST_DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        url = f"sqlite:///{folder / 'server.db'}"
        migrate(Settings(database_url=url, var_dir=folder, secret_key=SECRET, environment="test"))
        yield url
        return
    import psycopg
    from psycopg import sql

    name = f"{make_url(suite_url).database}_procs"
    url = make_url(suite_url).set(drivername="postgresql+psycopg", database=name).render_as_string(False)

    def drop() -> None:
        with psycopg.connect(_libpq(suite_url, "postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    drop()  # a run that was interrupted may have left it
    with psycopg.connect(_libpq(suite_url, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        migrate(Settings(database_url=url, var_dir=folder, secret_key=SECRET, environment="test"))
        yield url
    finally:
        drop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """One uvicorn process serving thidua.main:app on loopback."""

    database_url: str
    var_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.var_dir / f"server-{self.port}.log"

    def start(self, timeout: float = 60) -> "Server":
        self.spawn()
        return self.wait_ready(timeout)

    def spawn(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": SECRET,
            "VAR_DIR": str(self.var_dir),
            "FRONTEND_DIST": str(self.var_dir / "no-frontend"),
            "ENVIRONMENT": "test",
            "RATE_LIMIT_PER_MINUTE": "0",
            "WEBHOOKS_ENABLED": "false",
            **self.env,
        }
        command = [sys.executable, "-m", "uvicorn", "thidua.main:app", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--no-access-log", "--log-level", "warning"]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> "Server":
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.output()[-4000:]}")
            try:
                if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer within {timeout:.0f} s:\n{self.output()[-4000:]}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler, no rollback, no flush; as a power cut is to the process."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self, since: int = 0) -> str:
        """What the process printed (warnings and tracebacks) after byte `since` of its log."""
        return self.log.read_bytes()[since:].decode(errors="replace") if self.log.exists() else ""

    def log_size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0


def bearer(user_id: int) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_access_token(SECRET, user_id, 1, 60)}"}


def engine_for(url: str) -> Engine:
    return make_engine(url)


def orphans(engine: Engine) -> dict[str, int]:
    """Rows whose foreign key points at no row, per constraint (every table of the app)."""
    found: dict[str, int] = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            for fk in table.constraints:
                if not isinstance(fk, ForeignKeyConstraint):
                    continue
                parent = fk.referred_table.alias("parent")
                pairs = list(zip(fk.columns, fk.elements, strict=True))
                joined = table.outerjoin(
                    parent, and_(*(child == parent.c[el.column.name] for child, el in pairs))
                )
                query = (
                    select(func.count())
                    .select_from(joined)
                    .where(and_(*(child.isnot(None) for child, _ in pairs)))
                    .where(parent.c[pairs[0][1].column.name].is_(None))
                )
                count = conn.execute(query).scalar_one()
                if count:
                    found[f"{table.name}.{','.join(c.name for c in fk.columns)}"] = count
    return found


def integrity(engine: Engine) -> dict[str, Any]:
    """The database's own check (SQLite) and a foreign-key walk (both): what SECURITY.md reports."""
    result: dict[str, Any] = {"orphans": orphans(engine)}
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            result["integrity_check"] = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            result["foreign_key_check"] = [tuple(r) for r in conn.execute(text("PRAGMA foreign_key_check"))]
    return result
