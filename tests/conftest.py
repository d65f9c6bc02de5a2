"""Test harness: a real database (SQLite file, or PostgreSQL from TEST_DATABASE_URL), migrated with
Alembic once per run and emptied before every test, plus a small commune with two schools.

School A (THCS-A) and school B (TH-B) each have a subject group, staff and a manager; every role of
DESIGN.md section 3 has a user. Tokens are minted directly (login itself is tested in test_auth).
"""

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_TMP = Path(tempfile.mkdtemp(prefix="thidua-tests-"))
os.environ.setdefault("VAR_DIR", str(_TMP / "var"))
os.environ["FRONTEND_DIST"] = str(_TMP / "no-frontend")
os.environ.pop("DATABASE_URL", None)

import pytest  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from pwdlib import PasswordHash  # noqa: E402
from pwdlib.hashers.argon2 import Argon2Hasher  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from tests.helpers import Rows, World, delete_all, engine_of, restore, snapshot  # noqa: E402
from thidua.auth import passwords  # noqa: E402
from thidua.auth.models import User, UserRole  # noqa: E402
from thidua.auth.passwords import hash_password  # noqa: E402
from thidua.cli import migrate  # noqa: E402
from thidua.config import Settings  # noqa: E402
from thidua.core import tasks  # noqa: E402
from thidua.db import make_engine  # noqa: E402
from thidua.main import create_app  # noqa: E402
from thidua.scoring.loader import _specs  # noqa: E402
from thidua.units.models import StaffMember, Unit  # noqa: E402

PASSWORD = "matkhau2026"

# The server hashes passwords with Argon2id at 64 MiB, 3 passes and 4 lanes: 0.13 s a hash on these
# machines, and a backend suite hashes or verifies a few hundred times. Tests in this process use
# Argon2id at its lowest cost: they check which password is accepted, not how slow guessing is
# (tests/unit/test_passwords.py checks the server's cost). Servers started by tests keep the real one.
SERVER_HASHER = passwords._hasher
passwords._hasher = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1),))
_SEEDED = pytest.StashKey[str]()  # which seed `world` put back for the test


def _worker_database(url: str) -> str:
    """Under pytest-xdist each worker gets its own PostgreSQL database (`test_gw0`, …), created when
    missing; the derived databases of the suite (`…_procs`, backups) follow from its name. SQLite
    needs nothing: each worker process has its own temporary folder."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not url.startswith("postgres"):
        return url
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    worker_url = base.set(database=name).render_as_string(hide_password=False)
    os.environ["TEST_DATABASE_URL"] = worker_url  # read by the server-process fixtures
    return worker_url


TEST_DATABASE_URL = _worker_database(os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{_TMP / 'test.db'}")


def is_postgres() -> bool:
    return TEST_DATABASE_URL.startswith("postgres")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return settings_for(TEST_DATABASE_URL, _TMP / "var")


def settings_for(database_url: str, var_dir: Path) -> Settings:
    """The tests' settings on this database, keeping files in `var_dir`."""
    return Settings(
        environment="test",
        database_url=database_url,
        var_dir=var_dir,
        secret_key="test-secret-" + "k" * 40,
        frontend_dist=_TMP / "no-frontend",
        login_max_failures=5,
        login_lock_seconds=300,
        job_queue="in_process",  # the app runs the queue's tasks itself, on PostgreSQL too
        daily_rescore_enabled=False,  # tests call thidua.scoring.rescore.rescore_outdated themselves
        warm_up=False,  # hundreds of short-lived apps: main._warm_up is for a server's first users
        webhooks_enabled=False,  # tests call thidua.webhooks.delivery.deliver_due themselves
        webhook_private_addresses=True,  # their receiver listens on 127.0.0.1
    )


@pytest.fixture(scope="session")
def migrated(settings: Settings) -> Settings:
    return migrate_afresh(settings)


def migrate_afresh(settings: Settings) -> Settings:
    """The settings' database migrated from nothing (on PostgreSQL its schema is dropped first)."""
    if settings.resolved_database_url.startswith("postgres"):
        engine = make_engine(settings.resolved_database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    migrate(settings)
    return settings


@pytest.fixture(scope="session")
def password_hash() -> str:
    return hash_password(PASSWORD)


def _empty_all_tables(session: Session) -> None:
    delete_all(session.connection())
    session.commit()


# login -> (roles, unit code)
FIXTURE_USERS = {
    "admin": (["admin"], "UBND"),
    "officer": (["commune_officer"], "VHXH"),
    "leader": (["commune_leader"], "UBND"),
    "inspector": (["inspector"], "VHXH"),
    "comms": (["communications"], "UBND"),
    "finance": (["finance"], "UBND"),
    "manager_a": (["unit_manager"], "THCS-A"),
    "teacher_a": (["staff"], "THCS-A"),
    "manager_b": (["unit_manager"], "TH-B"),
    "teacher_b": (["staff"], "TH-B"),
    "integration": (["integration"], None),
}


# This process's fixture commune as rows, with and without the catalogue: built once through the ORM,
# then put back by a few bulk inserts before each test (on PostgreSQL building them cost about 0.2 s a
# test). The rows keep their ids, so the fixtures give the same ids every time.
_SEEDS: dict[str, tuple[Rows, World, dict[str, int]]] = {}


@pytest.fixture
def world(migrated: Settings, password_hash: str, request: pytest.FixtureRequest) -> Iterator[World]:
    """The fixture commune on an emptied database (with the catalogue too when the test asks for it)."""
    seed = "catalogue" if "catalogue" in request.fixturenames and "catalogue" in _SEEDS else "world"
    if seed not in _SEEDS:
        w = build_world(migrated, password_hash)
        _SEEDS["world"] = (_snapshot(migrated), w, {})
    else:
        rows, w, _ids = _SEEDS[seed]
        with engine_of(migrated.resolved_database_url) as engine:
            restore(engine, rows)
    _specs.clear()  # framework ids come back: a spec cached by (id, version) may be another test's
    request.node.stash[_SEEDED] = seed
    # Copies: a test may add its own units or staff to these maps.
    yield World(settings=w.settings, units=dict(w.units), staff=dict(w.staff), users=dict(w.users))


def _snapshot(settings: Settings) -> Rows:
    with engine_of(settings.resolved_database_url) as engine:
        return snapshot(engine)


def build_world(migrated: Settings, password_hash: str) -> World:
    """Empties the database and makes the fixture commune (also used by session-wide security tests)."""
    engine = make_engine(migrated.resolved_database_url)  # no app: building one per test cost 35 ms
    w = World(settings=migrated)
    with Session(engine) as session:
        _empty_all_tables(session)

        def unit(code: str, name: str, kind: str, parent: str | None, level: str | None = None) -> None:
            row = Unit(
                code=code,
                name=name,
                kind=kind,
                school_level=level,
                parent_id=w.units[parent] if parent else None,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            w.units[code] = row.id

        unit("UBND", "UBND xã Thử Nghiệm", "commune", None)
        unit("VHXH", "Phòng Văn hóa - Xã hội", "office", "UBND")
        unit("THCS-A", "Trường THCS A", "school", "UBND", "lower_secondary")
        unit("THCS-A-KHTN", "Tổ Khoa học tự nhiên - THCS A", "subject_group", "THCS-A")
        unit("TH-B", "Trường Tiểu học B", "school", "UBND", "primary")
        unit("TH-B-K45", "Tổ khối 4-5 - TH B", "subject_group", "TH-B")
        for code, name, unit_code in [
            ("A-01", "Nguyễn Thị Hương", "THCS-A"),
            ("A-02", "Trần Văn Dũng", "THCS-A-KHTN"),
            ("B-01", "Lê Thị Lan", "TH-B"),
            ("B-02", "Phạm Minh Đức", "TH-B-K45"),
        ]:
            member = StaffMember(code=code, full_name=name, position="Giáo viên", unit_id=w.units[unit_code])
            session.add(member)
            session.flush()
            assert member.id is not None
            w.staff[code] = member.id
        for login, (roles, unit_code) in FIXTURE_USERS.items():
            user = User(
                login=login,
                full_name=login.title(),
                password_hash=password_hash,
                unit_id=w.units[unit_code] if unit_code else None,
            )
            session.add(user)
            session.flush()
            for role in roles:
                session.add(UserRole(user_id=user.id, role=role))
            w.users[login] = user
        session.commit()
        for user in w.users.values():
            session.refresh(user)
            session.expunge(user)
    engine.dispose()
    return w


# One app per test process and settings: FastAPI builds an included router's routes when a request
# first reaches them (30-200 ms in each new app), and the app keeps nothing of a test but rows, which
# `world` puts back. Each test still starts and stops it (its lifespan: the in-process worker).
_APPS: dict[int, tuple[Settings, FastAPI]] = {}


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    settings = world.settings
    kept = _APPS.get(id(settings))
    if kept is None or kept[0] is not settings:
        kept = _APPS[id(settings)] = (settings, create_app(settings))
    app = kept[1]
    tasks.set_mode(settings.resolved_job_queue)  # a test's own app may have set another
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    app.state.engine.dispose()  # its connections are opened again by the next test


@pytest.fixture
def db(world: World) -> Iterator[Session]:
    """A session on the test's database, for reading what the API stored."""
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        yield session


@pytest.fixture
def catalogue(world: World, request: pytest.FixtureRequest) -> dict[str, int]:
    """The Thanh Thủy movement and its two default frameworks (shared/CATALOGUE.md), active."""
    from thidua.demo.loader import load_movement
    from thidua.frameworks.models import Framework

    if request.node.stash[_SEEDED] == "catalogue":  # `world` has put it back already
        return dict(_SEEDS["catalogue"][2])
    # Kept for the next tests only when nothing but the commune is there yet (another fixture, such
    # as the app's start, may have written before this one).
    keep = len(_SEEDS) == 1 and _snapshot(world.settings) == _SEEDS["world"][0]
    with engine_of(world.settings.resolved_database_url) as engine, Session(engine) as session:
        load_movement(session)
        ids = {f.code: f.id for f in session.exec(select(Framework))}
        movement_id = session.exec(select(Framework.movement_id)).first()
    found = {"unit": ids["BDC-CSGD"], "individual": ids["BDC-CANHAN"], "movement": movement_id}
    if keep:
        _SEEDS["catalogue"] = (_snapshot(world.settings), _SEEDS["world"][1], found)  # type: ignore[assignment]
    return found  # type: ignore[return-value]


# --- The fuzzing figures (tests/fuzz), printed after the run. Under pytest-xdist each worker counts its
# own requests and hands them to the controller, which prints the sum.


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests.fixtures.fuzz_run import STATS

    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker
        workeroutput["fuzz_stats"] = dict(STATS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:  # xdist's controller: a worker has finished
    from tests.fixtures.fuzz_run import STATS

    for key, value in getattr(node, "workeroutput", {}).get("fuzz_stats", {}).items():
        STATS[key] += value


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.fixtures.fuzz_run import EXAMPLES, LOGINS, STATS

    reports = [
        r
        for key in ("passed", "failed")
        for r in terminalreporter.stats.get(key, [])
        if r.when == "call" and "test_fuzz_api.py" in r.nodeid
    ]
    if not reports:
        return
    failed = sum(1 for r in reports if r.failed)
    callers = len(LOGINS) + 2  # the integration API key and anonymous
    databases = sorted(key.removesuffix(" requests") for key in STATS if key.endswith(" requests"))
    sent = "; ".join(
        f"{STATS[f'{db} requests']} requests on {db} ("
        + ", ".join(f"{n}xx {STATS[f'{db} {n}xx']}" for n in range(2, 6))
        + ")"
        for db in databases
    )
    terminalreporter.write_line(
        f"fuzz: {len(reports)} operations, {callers} callers, {STATS['cases']} cases "
        f"({EXAMPLES} random per operation besides coverage cases; {STATS['skipped']} left to make fuzz), "
        f"{sent}, {failed} operations failing, {STATS['seconds']} s"
    )


# --- Modules that touch no database (pure functions, the code's own layout, configuration): `make test`
# runs them on the SQLite pass only (`-m "not no_db"` on PostgreSQL), since a second run on another
# database tests nothing new. A module that starts using a database fixture must leave this list.
NO_DATABASE_MODULES = frozenset(
    {
        "tests/ops/test_audit_deps.py",
        "tests/unit/test_cash.py",
        "tests/unit/test_certificate_pdf.py",
        "tests/unit/test_charts.py",
        "tests/unit/test_config.py",
        "tests/unit/test_import_headings.py",
        "tests/unit/test_import_parsing.py",
        "tests/unit/test_imports.py",
        "tests/unit/test_layers.py",
        "tests/unit/test_openapi.py",
        "tests/unit/test_passwords.py",
        "tests/unit/test_route_policies.py",
        "tests/unit/test_test_modules.py",
    }
)
DATABASE_FIXTURES = frozenset({"migrated", "world", "client", "db", "catalogue"})


# The longest modules run first: pytest-xdist hands out files in this order, and last they kept one
# worker busy for minutes (the matrix: 3 min) while the other had nothing left to do.
SLOWEST_FIRST = ("tests/security/test_authz_matrix.py", "tests/unit/test_imports.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.nodeid.split("::")[0] not in SLOWEST_FIRST)  # stable: else as found
    for item in items:
        if item.nodeid.split("::")[0] in NO_DATABASE_MODULES:
            used = DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
            assert not used, f"{item.nodeid} uses {sorted(used)}: take its module off NO_DATABASE_MODULES"
            item.add_marker(pytest.mark.no_db)
