"""Large imports as background jobs: one worker thread per server process, started with the app.

A job lives in the database (import_job), so its status, progress and summary survive. It runs as its
caller (the user, or the API key, rebuilt from the job row and checked again), in one transaction of
its own that also marks the job succeeded, so a crash leaves no half-imported batch: at the next
start-up, queued and running jobs are marked failed ("interrupted by a restart") and their files
deleted. A failed job frees its Idempotency-Key, so the client's retry with that key imports the file
once (tests/processes/test_crash_safety.py kills the server with SIGKILL mid-import to prove it).
Progress is written per chunk in a short transaction of its own; on SQLite, where that would wait for
the import's own write lock, it is kept in memory (one process serves a SQLite database).
"""

import logging
import queue
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from thidua.apikeys.models import ApiKey
from thidua.auth.models import User
from thidua.auth.policy import Actor, descendant_unit_ids, load_actor
from thidua.auth.roles import Role
from thidua.config import Settings
from thidua.core.errors import AppError
from thidua.core.models import utcnow
from thidua.imports import idempotency, parsing, service
from thidua.imports.kinds import KINDS
from thidua.imports.models import ImportJob
from thidua.imports.schemas import FileFormat, ImportKindName, ImportSummary, Strategy
from thidua.storage import Storage, fetched, storage_for

log = logging.getLogger("thidua.imports")

J = ImportJob.__table__  # type: ignore[attr-defined]
INTERRUPTED = (
    "Bị gián đoạn do máy chủ khởi động lại (interrupted by a restart); không có dòng nào của lượt nhập "
    "này được lưu. Hãy gửi lại tệp."
)
_progress: dict[int, int] = {}
_progress_lock = threading.Lock()


def live_progress(job_id: int | None) -> int | None:
    """Rows processed so far by a job running in this process."""
    with _progress_lock:
        return _progress.get(job_id) if job_id is not None else None


class JobRefused(Exception):
    """The job cannot run as its caller any more (account deactivated, key revoked, scope gone)."""


def actor_for(session: Session, job: ImportJob) -> Actor:
    user = session.get(User, job.user_id)
    if user is None or not user.is_active:
        raise JobRefused("Tài khoản gửi tệp đã ngừng hoạt động.")
    if job.api_key_id is None:
        return load_actor(session, user)
    key = session.get(ApiKey, job.api_key_id)
    now = utcnow()
    if key is None or key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        raise JobRefused("Khóa API gửi tệp đã bị thu hồi hoặc đã hết hạn.")
    acting = User(**user.model_dump())
    if key.unit_id is not None:
        acting.unit_id = key.unit_id
    visible = descendant_unit_ids(session, key.unit_id) if key.unit_id is not None else None
    return Actor(
        user=acting,
        roles=frozenset({Role.integration}),
        visible_unit_ids=visible,
        scopes=frozenset(key.scopes),
        api_key_id=key.id,
    )


def fail(engine: Engine, job_id: int, message: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(J)
            .where(J.c.id == job_id)
            .values(status="failed", error=message[:4000], finished_at=utcnow(), file_path=None)
        )
        _release_key(conn, job_id)


def _release_key(conn: Any, job_id: int) -> None:
    """A failed job stored nothing: its Idempotency-Key is freed so that a retry runs it again."""
    job = conn.execute(
        select(J.c.user_id, J.c.api_key_id, J.c.idempotency_key).where(J.c.id == job_id)
    ).first()
    if job is not None and job.idempotency_key:
        idempotency.release(conn, idempotency.owner_for(job.user_id, job.api_key_id), job.idempotency_key)


def _remove(storage: Storage, key: str | None) -> None:
    if key:
        storage.delete(key)


def run_job(
    engine: Engine, settings: Settings, job_id: int, *, after_chunk: Callable[[int], None] | None = None
) -> None:
    """Run one queued job to its end. `after_chunk` (tests) is called with the rows done after each chunk."""
    storage = storage_for(settings.storage_url, settings.var_dir)
    claimed = _claim(engine, job_id, storage)
    if claimed is None:
        return
    job, actor = claimed
    options = service.ImportOptions(
        kind=ImportKindName(job.kind),
        format=FileFormat(job.format),
        dry_run=job.dry_run,
        strategy=Strategy(job.strategy),
        atomic=job.atomic,
    )

    def finalize(conn: Any, summary: ImportSummary) -> None:
        service.finish_job(conn, job_id, summary)

    table = None
    try:
        assert job.file_path is not None
        with fetched(storage, job.file_path, Path(settings.var_dir) / "uploads") as path:
            table = parsing.open_table(
                path, options.format, KINDS[options.kind].columns, settings.import_json_max_bytes
            )
            progress = _progress_writer(engine, job_id, after_chunk)
            service.run_import(
                engine, actor, options, table, job_id=job_id, finalize=finalize, progress=progress
            )
    except AppError as exc:
        problems = "; ".join(e.message for e in exc.errors if e.message != exc.detail)
        fail(engine, job_id, exc.detail + (f" {problems}" if problems else ""))
    except Exception:
        log.exception("import job %s failed", job_id)
        fail(
            engine,
            job_id,
            "Lỗi hệ thống khi nhập dữ liệu; không có dòng nào được lưu. Hãy báo quản trị viên.",
        )
    finally:
        if table is not None:
            table.close()
        with _progress_lock:
            _progress.pop(job_id, None)
    _remove(storage, job.file_path)


def _claim(engine: Engine, job_id: int, storage: Storage) -> tuple[ImportJob, Actor] | None:
    """The job marked running, and its caller checked again; None when it is not to run (run
    already, failed by a restart meanwhile, or refused: then it is failed and its file deleted)."""
    with Session(engine) as session:
        claimed = session.execute(
            update(J)
            .where(J.c.id == job_id, J.c.status == "queued")
            .values(status="running", started_at=utcnow())
        )
        session.commit()
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None  # failed by a restart meanwhile, or run already
        job = session.get(ImportJob, job_id)
        assert job is not None
        try:
            actor = actor_for(session, job)
            service.check_import(actor, ImportKindName(job.kind))
        except (JobRefused, AppError) as exc:
            fail(engine, job_id, getattr(exc, "detail", None) or str(exc))
            _remove(storage, job.file_path)
            return None
        return job, actor


def _progress_writer(
    engine: Engine, job_id: int, after_chunk: Callable[[int], None] | None
) -> Callable[[int], None]:
    """Rows done, kept for this process and, except on SQLite, written in a short transaction of
    its own (on SQLite it would wait for the import's own write lock)."""
    sqlite = engine.dialect.name == "sqlite"

    def progress(rows: int) -> None:
        with _progress_lock:
            _progress[job_id] = rows
        if not sqlite:
            with engine.begin() as conn:
                conn.execute(update(J).where(J.c.id == job_id).values(processed_rows=rows))
        if after_chunk is not None:
            after_chunk(rows)

    return progress


def recover(engine: Engine, storage: Storage) -> int:
    """At start-up: jobs left queued or running by a process that stopped are marked failed and their
    files deleted (their transaction never committed, so none of their rows were stored). On
    PostgreSQL a running job whose lock is still held belongs to a live process and is left alone."""
    failed = 0
    with engine.begin() as conn:
        jobs = conn.execute(
            select(J.c.id, J.c.status, J.c.file_path).where(J.c.status.in_(("queued", "running")))
        ).all()
        postgres = conn.dialect.name == "postgresql"
        for job in jobs:
            if postgres and job.status == "running":
                free = conn.execute(
                    text("SELECT pg_try_advisory_xact_lock(CAST(:space AS integer), CAST(:job AS integer))"),
                    {"space": service.JOB_LOCK_SPACE, "job": job.id},
                ).scalar()
                if not free:
                    continue
            conn.execute(
                update(J)
                .where(J.c.id == job.id, J.c.status.in_(("queued", "running")))
                .values(status="failed", error=INTERRUPTED, finished_at=utcnow(), file_path=None)
            )
            _release_key(conn, job.id)
            _remove(storage, job.file_path)
            failed += 1
        idempotency.forget_unanswered(conn, everything=conn.dialect.name == "sqlite")
    return failed


def sweep(var_dir: Path, older_than: float = 24 * 3600) -> None:
    """Uploads and exports a crash left behind (a live request's file is younger than a day)."""
    limit = time.time() - older_than
    for folder in (var_dir / "uploads", var_dir / "imports", var_dir / "exports"):
        if folder.is_dir():
            for path in folder.iterdir():
                try:
                    if path.is_file() and path.stat().st_mtime < limit:
                        path.unlink(missing_ok=True)
                except OSError:
                    pass


class Worker:
    """One thread taking job ids from a queue, one job at a time."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.queue: queue.Queue[int | None] = queue.Queue()
        self.thread = threading.Thread(target=self._loop, name="thidua-imports", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def submit(self, job_id: int) -> None:
        self.queue.put(job_id)

    def stop(self, timeout: float = 30) -> None:
        self.queue.put(None)
        self.thread.join(timeout)

    def _loop(self) -> None:
        while True:
            job_id = self.queue.get()
            if job_id is None:
                return
            try:
                run_job(self.engine, self.settings, job_id)
            except Exception:  # the worker must survive any single job
                log.exception("import job %s crashed", job_id)


def start(app: Any) -> None:
    """Lifespan start: recover what a previous process left, then start the worker."""
    try:
        recover(app.state.engine, app.state.storage)
    except SQLAlchemyError:  # a database not migrated yet: nothing to recover; imports will say why
        log.warning("import jobs not recovered: the database is not ready", exc_info=True)
    sweep(Path(app.state.settings.var_dir))
    app.state.import_worker = Worker(app.state.engine, app.state.settings)
    app.state.import_worker.start()


def stop(app: Any) -> None:
    worker: Worker | None = getattr(app.state, "import_worker", None)
    if worker is not None:
        worker.stop()
        app.state.import_worker = None


def submit(app: Any, job_id: int) -> None:
    worker: Worker | None = getattr(app.state, "import_worker", None)
    if worker is None:  # an app served without its lifespan (some test clients): start one now
        worker = app.state.import_worker = Worker(app.state.engine, app.state.settings)
        worker.start()
    worker.submit(job_id)


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """The import worker lives as long as the app."""
    start(app)
    try:
        yield
    finally:
        stop(app)
