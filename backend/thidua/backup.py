"""Backups of the commune's data, and restoring one.

A backup is one ``.tar.gz`` holding ``manifest.json``, the database and ``files/`` (the uploaded
evidence files, story images and scanned decisions under VAR_DIR). The database part is
- SQLite: a copy made with SQLite's online backup API, so the server may keep running and writing;
- PostgreSQL: ``pg_dump --format=custom``, one consistent snapshot.
Secrets (VAR_DIR/secret_key) are not in a backup; after a restore on another machine users sign in
again. Import and export job files are temporary and are not kept either.

A restore checks the whole archive before touching anything (a readable archive, our manifest, a
database that passes its integrity check and carries a known Alembic revision), keeps a backup of the
current database first, then replaces the database in one transaction: SQLite's backup API copies
the checked file into the live database (safe with WAL and with connections a running server holds,
where renaming a file over the database is not), PostgreSQL's ``pg_restore --single-transaction``.
Anything refused raises BackupRefused and leaves the current database as it was.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import URL, create_engine, inspect, text
from sqlalchemy.engine import make_url

from thidua.config import Settings

ARCHIVE_FORMAT = "thidua-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Uploaded files the database refers to, each a content-addressed folder under VAR_DIR.
# steering: signed decisions of the Ban chỉ đạo; plans: the commune plan's signed copy; budget,
# communications, materials: their documents and files. tests/ops checks every domain's folder is here.
UPLOAD_FOLDERS = ("evidence", "stories", "steering", "plans", "budget", "communications", "materials")


class BackupRefused(Exception):
    """The archive is not a usable Thi Đua Số backup; nothing was changed."""


class BackupFailed(Exception):
    """A backup or restore step failed (a tool missing, the database unreachable)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    seconds: float
    database: str
    revision: str
    files: int


@dataclass(frozen=True)
class RestoreResult:
    revision: str
    files: int
    seconds: float
    safety_backup: Path | None


def database_kind(url: str) -> str:
    if url.startswith("sqlite"):
        return "sqlite"
    if url.startswith("postgresql"):
        return "postgresql"
    raise BackupFailed(f"cannot back up a database of this kind: {make_url(url).drivername}")


def backups_folder(settings: Settings) -> Path:
    folder = settings.var_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)  # backups hold staff's personal data
    return folder


def default_backup_path(settings: Settings, suffix: str = "") -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backups_folder(settings) / f"thidua-{stamp}{suffix}.tar.gz"


# ---------------------------------------------------------------- backup


def backup(settings: Settings, output: Path | None = None) -> BackupResult:
    started = time.monotonic()
    url = settings.resolved_database_url
    kind = database_kind(url)
    output = Path(output) if output else default_backup_path(settings)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        database_file = Path(work) / DATABASE_MEMBER[kind]
        if kind == "sqlite":
            _copy_sqlite(_sqlite_path(url), database_file)
            revision = _sqlite_revision(database_file)
            if revision is None:
                raise BackupFailed("the database has no Alembic revision: run `thidua.cli migrate` first")
        else:
            revision = _postgres_revision(url)
            _run_pg(["pg_dump", "--format=custom", "--file", str(database_file)], url)
        uploads = [
            (path, f"files/{path.relative_to(settings.var_dir).as_posix()}")
            for folder in UPLOAD_FOLDERS
            for path in sorted((settings.var_dir / folder).rglob("*"))
            if path.is_file() and not path.is_symlink()
        ]
        # Written under a temporary name: an interrupted backup never looks like a finished one.
        partial = Path(work) / "archive.tar.gz"
        files = 0
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(database_file, arcname=database_file.name)
            for path, name in uploads:
                try:
                    archive.add(path, arcname=name)
                    files += 1
                except FileNotFoundError:  # removed since the listing: no longer in use
                    continue
            manifest = {
                "format": ARCHIVE_FORMAT,
                "format_version": FORMAT_VERSION,
                "database": kind,
                "alembic_revision": revision,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "files": files,
            }
            (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
        partial.chmod(0o600)
        os.replace(partial, output)
    return BackupResult(
        path=output,
        size_bytes=output.stat().st_size,
        seconds=time.monotonic() - started,
        database=kind,
        revision=revision,
        files=files,
    )


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupFailed(f"not a SQLite database file: {url}")
    return Path(database)


def _copy_sqlite(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupFailed(f"there is no database at {source}")
    live = sqlite3.connect(source, timeout=30)
    copy = sqlite3.connect(target)
    try:
        live.backup(copy)  # one step: a consistent copy even while the server writes
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file, no -wal beside it
        problem = _sqlite_integrity_problem(copy)
        if problem:
            raise BackupFailed(f"the database fails SQLite's integrity check: {problem}")
    finally:
        copy.close()
        live.close()


def _sqlite_integrity_problem(connection: sqlite3.Connection) -> str | None:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:5])


def _sqlite_revision(path: Path) -> str | None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return str(row[0]) if row else None


def _postgres_revision(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                raise BackupFailed("the database has no Alembic revision: run `thidua.cli migrate` first")
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
    finally:
        engine.dispose()


def _pg_environment(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, which goes in PGPASSWORD (not on argv,
    where `ps` would show it)."""
    parsed = make_url(url)
    dsn = URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    ).render_as_string(hide_password=False)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    return dsn, env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupFailed(
            f"{name} is not installed: `apt-get install postgresql-client` (make backup does it)"
        )
    return path


def _run_pg(command: list[str], url: str | None) -> subprocess.CompletedProcess[str]:
    """Runs a PostgreSQL client tool; with a url, against that database."""
    argv = [_pg_tool(command[0]), *command[1:]]
    env = dict(os.environ)
    if url is not None:
        dsn, env = _pg_environment(url)
        argv.append(f"--dbname={dsn}")
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupFailed(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")
    return done


# ---------------------------------------------------------------- restore


def restore(settings: Settings, archive: Path) -> RestoreResult:
    started = time.monotonic()
    url = settings.resolved_database_url
    kind = database_kind(url)
    archive = Path(archive)
    if not archive.is_file():
        raise BackupRefused(f"there is no file {archive}")
    staging_parent = _sqlite_path(url).parent if kind == "sqlite" else settings.var_dir
    staging_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=staging_parent, prefix=".restore-") as work:
        staged = Path(work)
        manifest = _unpack(archive, staged)
        if manifest["database"] != kind:
            raise BackupRefused(
                f"this is a backup of a {manifest['database']} database; DATABASE_URL points to {kind}"
            )
        database_file = staged / DATABASE_MEMBER[kind]
        if not database_file.is_file():
            raise BackupRefused(f"the archive has no {DATABASE_MEMBER[kind]}: not a Thi Đua Số backup")
        if kind == "sqlite":
            revision = _check_sqlite_backup(database_file)
        else:
            revision, dumped_tables = _check_postgres_backup(database_file)
        if revision != manifest["alembic_revision"]:
            raise BackupRefused(
                f"the manifest says revision {manifest['alembic_revision']} but the database is at "
                f"{revision}: the archive was altered"
            )
        _check_known_revision(url, revision)
        if kind == "postgresql":
            _check_no_newer_tables(url, dumped_tables)

        safety = None
        if _has_alembic_version(url):
            safety = backup(settings, default_backup_path(settings, "-before-restore")).path
        files = _put_files_in_place(staged / "files", settings.var_dir)
        if kind == "sqlite":
            _replace_sqlite(database_file, _sqlite_path(url))
        else:
            _run_pg(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    str(database_file),
                ],
                url,
            )
    # A backup taken by an older version of Thi Đua Số is brought up to this version's schema.
    from thidua.cli import migrate

    migrate(settings)
    return RestoreResult(
        revision=revision, files=files, seconds=time.monotonic() - started, safety_backup=safety
    )


def _unpack(archive: Path, into: Path) -> dict[str, Any]:
    """Extracts a backup archive after checking that it is one; returns its manifest."""
    not_ours = f"{archive} is not a Thi Đua Số backup"
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                escapes = ".." in PurePosixPath(member.name).parts
                if escapes or not _allowed_entry(member) or not (member.isfile() or member.isdir()):
                    raise BackupRefused(f"{not_ours}: unexpected entry {member.name!r}")
            if MANIFEST not in {m.name for m in members}:
                raise BackupRefused(f"{not_ours}: it has no {MANIFEST}")
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            tar.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupRefused(f"{not_ours} or it is damaged: {error}") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupRefused(f"{not_ours}: unreadable {MANIFEST}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupRefused(f"{not_ours}: its manifest is not ours")
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("database") not in DATABASE_MEMBER:
        raise BackupRefused(f"{archive}: backup format {manifest.get('format_version')} is not supported")
    return manifest


def _allowed_entry(member: tarfile.TarInfo) -> bool:
    """The manifest, a database, and files/<evidence|stories>/... (with, in an archive repacked by
    hand, the folders themselves)."""
    if member.name in {MANIFEST, *DATABASE_MEMBER.values()}:
        return True
    parts = PurePosixPath(member.name).parts
    if parts[:1] != ("files",):
        return False
    if len(parts) == 1:
        return member.isdir()
    return parts[1] in UPLOAD_FOLDERS and (len(parts) > 2 or member.isdir())


def _check_sqlite_backup(path: Path) -> str:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problem = _sqlite_integrity_problem(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupRefused(f"the database in the backup is damaged: {error}") from error
    if problem:
        raise BackupRefused(f"the database in the backup fails SQLite's integrity check: {problem}")
    revision = _sqlite_revision(path)
    if revision is None:
        raise BackupRefused("the database in the backup has no alembic_version: not a Thi Đua Số database")
    return revision


def _check_postgres_backup(path: Path) -> tuple[str, set[str]]:
    """The revision in a pg_dump archive, and the tables it holds."""
    try:
        listing = _run_pg(["pg_restore", "--list", str(path)], None).stdout
    except BackupFailed as error:
        raise BackupRefused(f"the database in the backup is damaged: {error}") from error
    # Lines such as "215; 1259 16385 TABLE public unit postgres".
    dumped = {line.split()[5] for line in listing.splitlines() if " TABLE public " in line}
    if "alembic_version" not in dumped:
        raise BackupRefused("the database in the backup has no alembic_version: not a Thi Đua Số database")
    data = _run_pg(
        ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)], None
    ).stdout.splitlines()
    start = next((i for i, line in enumerate(data) if line.startswith("COPY public.alembic_version")), None)
    if start is None or start + 1 >= len(data) or data[start + 1] == "\\.":
        raise BackupRefused("the database in the backup has an empty alembic_version")
    return data[start + 1].strip(), dumped


def _check_no_newer_tables(url: str, dumped: set[str]) -> None:
    """pg_restore --clean drops what the backup holds; a table from a newer version would survive it
    and break the migration that follows, so such a database is not restored over."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            extra = set(inspect(connection).get_table_names()) - dumped
    finally:
        engine.dispose()
    if extra:
        raise BackupRefused(
            "the current database has tables the backup does not know "
            f"({', '.join(sorted(extra))}): restore into a new, empty database instead"
        )


def _check_known_revision(url: str, revision: str) -> None:
    from thidua.cli import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config(url))
    try:
        scripts.get_revision(revision)
    except Exception as error:  # alembic raises several kinds for an unknown revision
        raise BackupRefused(
            f"the backup is at revision {revision}, which this version of Thi Đua Số does not know: "
            "it was made by a newer version"
        ) from error


def _has_alembic_version(url: str) -> bool:
    if url.startswith("sqlite") and not _sqlite_path(url).exists():
        return False
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return inspect(connection).has_table("alembic_version")
    finally:
        engine.dispose()


def _put_files_in_place(staged: Path, var_dir: Path) -> int:
    """Uploaded files are named by their content's hash, so one already there is the same file."""
    count = 0
    for path in sorted(staged.rglob("*")) if staged.exists() else []:
        if not path.is_file():
            continue
        target = var_dir / path.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        count += 1
    return count


def _replace_sqlite(checked: Path, live: Path) -> None:
    """Copies the checked database into the live one in a single transaction."""
    source = sqlite3.connect(f"file:{checked}?mode=ro", uri=True)
    target = sqlite3.connect(live, timeout=30)
    try:
        source.backup(target)
    except sqlite3.Error as error:
        raise BackupFailed(f"could not write {live} (the database was not changed): {error}") from error
    finally:
        target.close()
        source.close()
