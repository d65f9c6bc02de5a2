"""Large imports as background jobs: a task of the job queue (thidua/core/tasks.py), `imports.run`.

A job lives in the database (import_job), so its status, progress and summary survive; the queue's
job carries only its id, inserted in the transaction that creates the row. It runs as its caller (the
user, or the API key, rebuilt from the job row and checked again), in one transaction of its own that
also marks the job succeeded, so a crash leaves no half-imported batch. A job whose worker died
(kill -9, a power cut) is run again: on PostgreSQL by another worker once the dead one's heartbeats
stop (procrastinate's stalled jobs), on one machine when the server starts again (`imports.resume`).
It is claimed again only when no live transaction holds its advisory lock, and it stores its rows
only while its row still says running, so a file is imported exactly once (tests/processes kill the
worker and the server with SIGKILL mid-import to prove it). A failed job frees its Idempotency-Key,
so the client's retry with that key imports the file once.
Progress is written per chunk in a short transaction of its own; on SQLite, where that would wait for
the import's own write lock, it is kept in memory (one process serves a SQLite database).
"""

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, select, text, update
from sqlmodel import Session

from thidua.apikeys.models import ApiKey
from thidua.auth.models import User
from thidua.auth.policy import Actor, actor_for_key, load_actor
from thidua.config import Settings
from thidua.core.errors import AppError
from thidua.core.models import utcnow
from thidua.core.tasks import Env, defer, task
from thidua.imports import idempotency, parsing, service
from thidua.imports.kinds import KINDS
from thidua.imports.models import ImportJob
from thidua.imports.schemas import FileFormat, ImportKindName, ImportSummary, Strategy
from thidua.storage import Storage, fetched

log = logging.getLogger("thidua.imports")

J = ImportJob.__table__  # type: ignore[attr-defined]
UNFINISHED = ("queued", "running")
_progress: dict[int, int] = {}
_progress_lock = threading.Lock()


def live_progress(job_id: int | None) -> int | None:
    """Rows processed so far by a job running in this process."""
    with _progress_lock:
        return _progress.get(job_id) if job_id is not None else None


class JobRefused(Exception):
    """The job cannot run as its caller any more (account deactivated, key revoked, scope gone)."""


class Requested(Protocol):
    """A job row that names its caller (an import, a generated file)."""

    user_id: int
    api_key_id: int | None


def actor_for(session: Session, job: Requested) -> Actor:
    """The job's caller as a request would load it; JobRefused when it may no longer act."""
    user = session.get(User, job.user_id)
    if user is None or not user.is_active:
        raise JobRefused("Tài khoản yêu cầu đã ngừng hoạt động.")
    if job.api_key_id is None:
        return load_actor(session, user)
    key = session.get(ApiKey, job.api_key_id)
    now = utcnow()
    if key is None or key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        raise JobRefused("Khóa API gửi tệp đã bị thu hồi hoặc đã hết hạn.")
    return actor_for_key(session, user, key)


def fail(engine: Engine, job_id: int, message: str) -> None:
    """Mark an unfinished job failed (a job another run finished meanwhile stays as it is)."""
    with engine.begin() as conn:
        failed = conn.execute(
            update(J)
            .where(J.c.id == job_id, J.c.status.in_(UNFINISHED))
            .values(status="failed", error=message[:4000], finished_at=utcnow(), file_path=None)
        )
        if failed.rowcount == 1:
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


@task("imports.run", lock=lambda kwargs: f"import-{kwargs['job_id']}")
def run(env: Env, job_id: int) -> None:
    run_job(env.engine, env.settings, env.storage, job_id)


def run_job(
    engine: Engine,
    settings: Settings,
    storage: Storage,
    job_id: int,
    *,
    after_chunk: Callable[[int], None] | None = None,
) -> None:
    """Run one queued job to its end. `after_chunk` (tests) is called with the rows done after each chunk."""
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
            progress = _progress_writer(engine, job_id, after_chunk or _pause(settings))
            service.run_import(
                engine, actor, options, table, job_id=job_id, finalize=finalize, progress=progress
            )
    except AppError as exc:
        problems = "; ".join(e.message for e in exc.errors if e.message != exc.detail)
        fail(engine, job_id, exc.detail + (f" {problems}" if problems else ""))
    except service.JobGone:
        return  # another run finished it meanwhile; its file is that run's
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
    """The job marked running, and its caller checked again; None when it is not to run (finished,
    failed, running in a live transaction elsewhere, or refused: then it is failed and its file
    deleted). A job left running by a dead worker or process is taken over."""
    with Session(engine) as session:
        if not _free(session.connection(), job_id):
            return None  # a live transaction is importing it
        claimed = session.execute(
            update(J)
            .where(J.c.id == job_id, J.c.status.in_(UNFINISHED))
            .values(status="running", started_at=utcnow(), processed_rows=0)
        )
        session.commit()
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None  # finished or failed already
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


def _free(conn: Connection, job_id: int) -> bool:
    """No live transaction holds the job's advisory lock (PostgreSQL; on SQLite one process runs
    the jobs one at a time, so an unfinished job is never running elsewhere)."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(
        conn.execute(
            text("SELECT pg_try_advisory_xact_lock(CAST(:space AS integer), CAST(:job AS integer))"),
            {"space": service.JOB_LOCK_SPACE, "job": job_id},
        ).scalar()
    )


def _pause(settings: Settings) -> Callable[[int], None] | None:
    """The test hooks import_chunk_pause_seconds and import_chunk_gate (config.py); never on
    outside ENVIRONMENT=test."""
    seconds, gate = settings.import_chunk_pause_seconds, settings.import_chunk_gate
    if not (seconds or gate) or settings.environment != "test":
        return None

    def pause(_rows: int) -> None:
        time.sleep(seconds)
        while gate is not None and gate.exists():
            time.sleep(0.05)

    return pause


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


@task("imports.resume", at_start=True, first=True)
def resume(env: Env) -> None:
    """The in-process worker's start, before the app serves: the jobs a stopped process left unfinished
    are run again (their transaction never committed, so none of their rows were stored), and the
    answers of requests that died with it are forgotten (on SQLite all of them: one process serves it,
    and none of its own requests has started yet)."""
    with env.engine.begin() as conn:
        unfinished = conn.execute(select(J.c.id).where(J.c.status.in_(UNFINISHED)).order_by(J.c.id))
        for job_id in unfinished.scalars():
            defer(env.engine, "imports.run", job_id=job_id)
        idempotency.forget_unanswered(conn, everything=conn.dialect.name == "sqlite")
    sweep(Path(env.settings.var_dir))


@task("imports.housekeeping", cron=lambda _settings: "17 * * * *")
def housekeeping(env: Env) -> None:
    """Hourly: answers of requests that died with their process, and files a crash left behind."""
    with env.engine.begin() as conn:
        idempotency.forget_unanswered(conn, everything=False)
    sweep(Path(env.settings.var_dir))


def sweep(var_dir: Path, older_than: float = 24 * 3600) -> None:
    """Uploads and exports a crash left behind (a live request's file is younger than a day)."""
    limit = time.time() - older_than
    for folder in (var_dir / "uploads", var_dir / "imports", var_dir / "exports", var_dir / "generated-tmp"):
        if folder.is_dir():
            for path in folder.iterdir():
                try:
                    if path.is_file() and path.stat().st_mtime < limit:
                        path.unlink(missing_ok=True)
                except OSError:
                    pass
