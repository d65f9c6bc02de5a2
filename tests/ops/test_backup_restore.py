"""`make backup` / `make restore` (python -m thidua.cli backup|restore): the demo commune and its
uploaded files come back identical, row by row in every table, in a fresh database; a file that is not
a sound Thi Đua Số backup is refused with a clear message and the current database stays as it was.

On PostgreSQL the fresh database is a sibling `<suite database>_restore`, created and dropped here.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

import thidua.all_models  # noqa: F401 - every table in SQLModel.metadata
from tests.conftest import TEST_DATABASE_URL, is_postgres
from tests.helpers import delete_all
from thidua import backup
from thidua.cli import main
from thidua.config import Settings
from thidua.db import make_engine
from thidua.demo.loader import load_demo
from thidua.units.models import Unit

EVIDENCE = b"%PDF-1.4 bien ban kiem tra\n"
IMAGE = b"\x89PNG\r\n\x1a\n anh tuyen duong"
UPLOADS = {"evidence/3f/3f1c9a": EVIDENCE, "stories/a0/a07b2e": IMAGE}

if is_postgres() and shutil.which("pg_dump") is None and os.environ.get("CI") != "true":
    pytest.skip("pg_dump is not installed (make test-backend-postgres installs it)", allow_module_level=True)


def _libpq(database: str) -> str:
    return make_url(TEST_DATABASE_URL).set(drivername="postgresql", database=database).render_as_string(False)


@contextmanager
def _sibling_database(suffix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database next to the suite's; its URL. Dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"{make_url(TEST_DATABASE_URL).database}_{suffix}"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with psycopg.connect(_libpq("postgres"), autocommit=True) as conn:
        conn.execute(drop)  # an interrupted run may have left it
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield make_url(TEST_DATABASE_URL).set(database=name).render_as_string(False)
    with psycopg.connect(_libpq("postgres"), autocommit=True) as conn:
        conn.execute(drop)


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (SQLModel's tables and alembic_version), in primary-key order."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = {
                table.name: [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))]
                for table in SQLModel.metadata.sorted_tables
            }
            rows["alembic_version"] = [tuple(r) for r in conn.execute(text("SELECT * FROM alembic_version"))]
            rows["(tables)"] = [(name,) for name in sorted(inspect(conn).get_table_names())]
    finally:
        engine.dispose()
    return rows


@pytest.fixture(scope="module")
def commune(migrated: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The suite's database holding the demo commune, and two uploaded files in its VAR_DIR."""
    settings = Settings(
        environment="test", database_url=TEST_DATABASE_URL, var_dir=tmp_path_factory.mktemp("var")
    )
    engine = make_engine(settings.resolved_database_url)
    with engine.begin() as conn:
        delete_all(conn)
    engine.dispose()
    load_demo(settings)
    for name, content in UPLOADS.items():
        (settings.var_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (settings.var_dir / name).write_bytes(content)
    return settings


@pytest.fixture(scope="module")
def commune_backup(commune: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return backup.backup(commune, tmp_path_factory.mktemp("backups") / "commune.tar.gz").path


def use(monkeypatch: pytest.MonkeyPatch, url: str, var_dir: Path) -> None:
    """Points the CLI at a database, as DATABASE_URL and VAR_DIR do for `make backup`."""
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("VAR_DIR", str(var_dir))


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[str]:
    if is_postgres():
        with _sibling_database("restore") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'restored' / 'thidua.db'}"


def test_a_backup_restored_into_a_fresh_database_is_identical_row_by_row(
    commune: Settings,
    fresh_database: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    archive = tmp_path / "thidua-backup.tar.gz"
    use(monkeypatch, TEST_DATABASE_URL, commune.var_dir)
    assert main(["backup", "--output", str(archive)]) == 0
    said = capsys.readouterr().out
    # the two uploads above and the shared material of the demo's library
    assert f"Backup written: {archive}" in said and "KiB" in said and "3 uploaded file(s)" in said
    assert archive.stat().st_mode & 0o077 == 0  # staff's personal data: readable by the owner only

    restored_var = tmp_path / "restored-var"
    use(monkeypatch, fresh_database, restored_var)
    assert main(["restore", str(archive)]) == 0
    assert "3 uploaded file(s)" in capsys.readouterr().out

    before, after = snapshot(TEST_DATABASE_URL), snapshot(fresh_database)
    # the demo: Thanh Thủy's 150 school staff and the two commune officials of the Ban chỉ đạo, and the
    # 9 staff of Sơn Hà, the province's second demo commune
    assert len(before["staff_member"]) == 161 and len(before["unit"]) > 40 and before["audit_event"]
    assert before["steering_member"] and before["research_support"]
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, f"table {table} differs after the restore"
    for name, content in UPLOADS.items():
        assert (restored_var / name).read_bytes() == content

    # The restored database keeps working: new rows get new ids (sequences came back too).
    engine = make_engine(fresh_database)
    with Session(engine) as session:
        unit = Unit(code="MOI-01", name="Trường mới thành lập", kind="school", school_level="primary")
        session.add(unit)
        session.commit()
        assert unit.id is not None and unit.id > max(row[0] for row in before["unit"])
    engine.dispose()


# ---------------------------------------------------------------- refused restores


def _archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def _manifest(kind: str, revision: str) -> bytes:
    return json.dumps(
        {"format": "thidua-backup", "format_version": 1, "database": kind, "alembic_revision": revision}
    ).encode()


def _foreign_database(tmp_path: Path, revision: str | None) -> bytes:
    """A database of another application; with `revision`, one that claims a future Thi Đua Số."""
    statements = ["CREATE TABLE note (id integer PRIMARY KEY, body text)"]
    if revision:
        statements += [
            "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)",
            f"INSERT INTO alembic_version VALUES ('{revision}')",
        ]
    if not is_postgres():
        path = tmp_path / "foreign.sqlite3"
        path.unlink(missing_ok=True)
        lite = sqlite3.connect(path)
        with lite:
            for statement in statements:
                lite.execute(statement)
        lite.close()
        return path.read_bytes()
    import psycopg

    dump = tmp_path / "foreign.pgdump"
    with _sibling_database("foreign") as url:
        dsn = _libpq(make_url(url).database or "")
        with psycopg.connect(dsn) as conn:
            for statement in statements:
                conn.execute(statement)
        subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), dsn], check=True)
    return dump.read_bytes()


def _bad_archives(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    """Each refused file, and the words its refusal must contain."""
    kind = "postgresql" if is_postgres() else "sqlite"
    other = "sqlite" if is_postgres() else "postgresql"
    member = backup.DATABASE_MEMBER[kind]
    with tarfile.open(good) as tar:
        revision = json.load(tar.extractfile("manifest.json"))["alembic_revision"]  # type: ignore[arg-type]
    junk = tmp_path / "thidua-20261124.tar.gz"
    junk.write_bytes(os.urandom(4096))
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return {
        "random bytes": (junk, "is not a Thi Đua Số backup"),
        "a truncated backup": (truncated, "damaged"),
        "an archive without a manifest": (
            _archive(tmp_path / "nomanifest.tar.gz", {member: b"x"}),
            "has no manifest.json",
        ),
        "a damaged database": (
            _archive(
                tmp_path / "damaged.tar.gz",
                {
                    "manifest.json": _manifest(kind, revision),
                    member: b"SQLite format 3\x00" + os.urandom(9000),
                },
            ),
            "damaged",
        ),
        "another application's database": (
            _archive(
                tmp_path / "foreign.tar.gz",
                {"manifest.json": _manifest(kind, revision), member: _foreign_database(tmp_path, None)},
            ),
            "not a Thi Đua Số database",
        ),
        "a backup from a newer version": (
            _archive(
                tmp_path / "future.tar.gz",
                {
                    "manifest.json": _manifest(kind, "9999_future"),
                    member: _foreign_database(tmp_path, "9999_future"),
                },
            ),
            "made by a newer version",
        ),
        "a backup of the other database kind": (
            _archive(tmp_path / "other.tar.gz", {"manifest.json": _manifest(other, revision), member: b"x"}),
            f"backup of a {other} database",
        ),
        "a file name escaping the storage folder": (
            _archive(
                tmp_path / "escape.tar.gz",
                {"manifest.json": _manifest(kind, revision), "files/evidence/../../../escaped": b"x"},
            ),
            "unexpected entry",
        ),
    }


def test_a_file_that_is_not_a_sound_backup_is_refused_and_changes_nothing(
    commune: Settings,
    commune_backup: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = snapshot(TEST_DATABASE_URL)
    # the two uploads and the demo's own stored files (a shared learning material's PDF)
    files_before = sorted(
        f.relative_to(commune.var_dir).as_posix() for f in commune.var_dir.rglob("*") if f.is_file()
    )
    assert set(UPLOADS) <= set(files_before)
    use(monkeypatch, TEST_DATABASE_URL, commune.var_dir)
    for case, (path, reason) in _bad_archives(tmp_path, commune_backup).items():
        assert main(["restore", str(path)]) == 2, case
        said = capsys.readouterr().err
        assert said.startswith("Restore refused: ") and reason in said, (case, said)
        assert "The current database was not changed." in said
    assert snapshot(TEST_DATABASE_URL) == before
    assert not (tmp_path.parent / "escaped").exists() and not (commune.var_dir / "escaped").exists()
    assert not list((commune.var_dir / "backups").glob("*before-restore*"))  # refused before that step
    assert (
        sorted(p.relative_to(commune.var_dir).as_posix() for p in commune.var_dir.rglob("*") if p.is_file())
        == files_before
    )


def test_every_folder_of_uploads_is_in_the_backup() -> None:
    """Each domain names the storage folder of its uploads in a `…FOLDER = "name"` constant; a folder
    missing from the backup would be lost by a restore on a new machine."""
    import re
    from pathlib import Path

    import thidua
    from thidua import backup

    package = Path(thidua.__file__).parent
    named = {
        m
        for f in package.rglob("*.py")
        for m in re.findall(r'^[A-Z_]*FOLDER = "([a-z_]+)"', f.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert {"evidence", "plans", "materials"} <= named
    assert named <= set(backup.UPLOAD_FOLDERS), named - set(backup.UPLOAD_FOLDERS)
