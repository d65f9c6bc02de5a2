"""Building a generated file: the task `generated.run` of the job queue (thidua/core/tasks.py).

The job runs as its requester (rebuilt from the row and checked again: a deactivated account or a
revoked key builds nothing), writes the file to a temporary file, stores it through the storage
interface under `generated/<id>` (a local folder or S3: any API process streams it back) and marks
the row succeeded. Progress is written in short transactions of its own as the kind reports it. A job
whose worker died is run again (procrastinate's stalled jobs on PostgreSQL, `generated.resume` at the
single-machine worker's start): it rewrites the same key, so the file is stored once.
"""

import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, delete, select, update
from sqlmodel import Session

from thidua.core.errors import AppError
from thidua.core.models import utcnow
from thidua.core.tasks import Env, defer, task
from thidua.generated.kinds import KINDS
from thidua.generated.models import GeneratedFile
from thidua.generated.schemas import GeneratedKind
from thidua.generated.service import UNFINISHED
from thidua.imports.jobs import JobRefused, actor_for
from thidua.storage import Storage

log = logging.getLogger("thidua.generated")

G = GeneratedFile.__table__  # type: ignore[attr-defined]
KEEP = timedelta(hours=24)


def storage_key(file_id: int) -> str:
    return f"generated/{file_id}"


@task("generated.run", lock=lambda kwargs: f"generated-{kwargs['file_id']}")
def run(env: Env, file_id: int) -> None:
    build(env.engine, Path(env.settings.var_dir), env.storage, file_id)


def build(engine: Engine, var_dir: Path, storage: Storage, file_id: int) -> None:
    """Build one queued file to its end (a finished or failed one is left as it is)."""
    with engine.begin() as conn:
        claimed = conn.execute(
            update(G)
            .where(G.c.id == file_id, G.c.status.in_(UNFINISHED))
            .values(status="running", started_at=utcnow(), progress=0)
        )
    if claimed.rowcount != 1:
        return
    tmp_dir = var_dir / "generated-tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=tmp_dir, prefix=f"{file_id}-")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, Session(engine) as session:
            row = session.get(GeneratedFile, file_id)
            if row is None:
                return  # removed meanwhile (housekeeping): nothing to build
            actor = actor_for(session, row)
            KINDS[GeneratedKind(row.kind)].build(
                session, actor, storage, row.params, out, lambda p: _progress(engine, file_id, p)
            )
        storage.put(storage_key(file_id), path)
        with engine.begin() as conn:
            conn.execute(
                update(G)
                .where(G.c.id == file_id, G.c.status == "running")
                .values(
                    status="succeeded",
                    progress=100,
                    storage_key=storage_key(file_id),
                    size_bytes=path.stat().st_size,
                    finished_at=utcnow(),
                )
            )
    except (AppError, JobRefused) as exc:
        _fail(engine, file_id, getattr(exc, "detail", None) or str(exc))
    except Exception:
        log.exception("generated file %s failed", file_id)
        _fail(engine, file_id, "Lỗi hệ thống khi tạo tệp. Hãy thử lại hoặc báo quản trị viên.")
    finally:
        path.unlink(missing_ok=True)


def _progress(engine: Engine, file_id: int, percent: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(G).where(G.c.id == file_id, G.c.status == "running").values(progress=min(99, percent))
        )


def _fail(engine: Engine, file_id: int, message: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(G)
            .where(G.c.id == file_id, G.c.status.in_(UNFINISHED))
            .values(status="failed", error=message[:2000], finished_at=utcnow())
        )


@task("generated.resume", at_start=True)
def resume(env: Env) -> None:
    """The single-machine worker's start: files a stopped process left unbuilt are built again."""
    with env.engine.connect() as conn:
        unfinished = conn.execute(select(G.c.id).where(G.c.status.in_(UNFINISHED)).order_by(G.c.id))
        for file_id in unfinished.scalars().all():
            defer(env.engine, "generated.run", file_id=file_id)


@task("generated.housekeeping", cron=lambda _settings: "41 * * * *")
def housekeeping(env: Env) -> None:
    """Hourly: generated files older than a day go, their stored file first."""
    remove_older_than(env.engine, env.storage, KEEP)


def remove_older_than(engine: Engine, storage: Storage, age: timedelta) -> int:
    limit = utcnow() - age
    with engine.connect() as conn:
        old = conn.execute(select(G.c.id, G.c.storage_key).where(G.c.created_at < limit)).all()
    for row in old:
        if row.storage_key:
            storage.delete(row.storage_key)
    with engine.begin() as conn:
        conn.execute(delete(G).where(G.c.id.in_([row.id for row in old])))
    return len(old)
