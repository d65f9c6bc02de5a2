"""Bulk imports and exports over HTTP (DESIGN.md section 7), in the manner of DHIS2's dataValueSets:
dry run, strategies, natural keys, and a summary whose rejected rows always say why.

One import is one database transaction: the rows are read in chunks (each chunk's natural keys looked
up with one query each, the rows checked, then written with executemany); a dry run, or an all-or-
nothing import with a rejected row, rolls it back; with atomic=false the good rows are kept. The import
writes one audit event (entity "import") with the counts, not one per row.
"""

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NoReturn

from sqlalchemy import Connection, Engine, text, update
from sqlmodel import Session, col, select

from thidua.auth.policy import Actor
from thidua.core.collector import fewer_collections
from thidua.core.errors import Forbidden, NotFound
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.tasks import defer
from thidua.imports import access
from thidua.imports.bulk import batched
from thidua.imports.context import ImportContext
from thidua.imports.headings import heading
from thidua.imports.kinds import KINDS, ImportKind
from thidua.imports.messages import M
from thidua.imports.models import ImportJob
from thidua.imports.parsing import EXTRA_CELLS, Row, Table
from thidua.imports.schemas import (
    ColumnInfo,
    FileFormat,
    ImportJobPage,
    ImportJobRead,
    ImportKindName,
    ImportSummary,
    KindInfo,
    Strategy,
)
from thidua.imports.steps import report
from thidua.scoring.dependencies import rescore_on_connection

log = logging.getLogger("thidua.imports")

API = "/api/v1"
# Advisory-lock namespace on PostgreSQL: a running job holds (space, job id) for its transaction, so a
# restarting process can tell a live job of another process from one whose process died.
JOB_LOCK_SPACE = 8_008

J = ImportJob.__table__  # type: ignore[attr-defined]
Finalize = Callable[[Connection, ImportSummary], None]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ImportOptions:
    kind: ImportKindName
    format: FileFormat
    dry_run: bool = False
    strategy: Strategy = Strategy.create_and_update
    atomic: bool = True


# ---------------------------------------------------------------- who may import or export what


def may_import(actor: Actor, kind: ImportKind) -> bool:
    if actor.scopes is not None:
        return actor.has_scope(f"{kind.family}:import")
    return any(actor.can(p) for p in kind.write_permissions)


def may_export(actor: Actor, kind: ImportKind) -> bool:
    if actor.scopes is not None:
        return actor.has_scope(f"{kind.family}:read")
    return actor.can(kind.read_permission)


def check_import(actor: Actor, kind_name: ImportKindName) -> ImportKind:
    kind = KINDS[kind_name]
    if not may_import(actor, kind):
        _refuse(actor, kind, "nhập", "import", " hoặc ".join(p.value for p in kind.write_permissions))
    return kind


def check_export(actor: Actor, kind_name: ImportKindName) -> ImportKind:
    kind = KINDS[kind_name]
    if not may_export(actor, kind):
        _refuse(actor, kind, "xuất", "read", kind.read_permission.value)
    return kind


def _refuse(actor: Actor, kind: ImportKind, verb: str, scope: str, permissions: str) -> NoReturn:
    """403 naming what the caller lacks: the key's scope, or the user's permission."""
    needed = f"phạm vi '{kind.family}:{scope}'" if actor.scopes is not None else f"quyền {permissions}"
    raise Forbidden(f"Bạn không có quyền {verb} dữ liệu loại '{kind.name}' (cần {needed}).")


# ---------------------------------------------------------------- running an import


class JobGone(Exception):
    """The job is no longer running (another run of it finished, or it was failed meanwhile)."""


def _begin(conn: Connection, job_id: int | None) -> None:
    """Open the import's transaction; a job's run holds its advisory lock (PostgreSQL) and goes on only
    while its row says running, so two runs of one job never both store rows."""
    _lock(conn, job_id)
    if job_id is not None:
        status = conn.execute(select(J.c.status).where(J.c.id == job_id)).scalar()
        if status != "running":
            conn.rollback()
            raise JobGone(f"import job {job_id} is {status}")


def _lock(conn: Connection, job_id: int | None) -> None:
    if conn.dialect.name == "sqlite":
        # Take the write lock at once: a deferred transaction that read first could otherwise fail
        # on its first write when another writer committed in between (SQLITE_BUSY_SNAPSHOT).
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql" and job_id is not None:
        conn.execute(
            text("SELECT pg_advisory_xact_lock(CAST(:space AS integer), CAST(:job AS integer))"),
            {"space": JOB_LOCK_SPACE, "job": job_id},
        )


@fewer_collections()
def run_import(
    engine: Engine,
    actor: Actor,
    options: ImportOptions,
    table: Table,
    *,
    job_id: int | None,
    finalize: Finalize,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import every row of `table` in one transaction and return the summary. `finalize` runs with the
    summary inside that transaction just before it commits (so the job's outcome and the rows are
    stored together), or in a transaction of its own after a rollback (dry run, rejected)."""
    kind = KINDS[options.kind]
    conn = engine.connect()
    try:
        _begin(conn, job_id)
        ctx = ImportContext(conn, actor, options.strategy, table.columns)
        processed = 0
        for chunk in batched(_refuse_misshapen(ctx, table.rows), kind.chunk_size):
            ctx.total += len(chunk)
            kind.process_chunk(ctx, chunk)
            processed += len(chunk)
            if progress is not None:
                progress(processed)
        kind.finish(ctx)
        summary = report.summary(ctx, options, table.ignored, job_id)
        keep = summary.status == "completed"
        if keep:
            if summary.created or summary.updated:
                # The scores the rows feed, in the same transaction (scoring/dependencies.py).
                rescore_on_connection(conn, kind.rescored(ctx))
                report.audit(conn, actor, options, summary, job_id)
            finalize(conn, summary)
            conn.commit()
        else:
            conn.rollback()
            with engine.begin() as other:
                finalize(other, summary)
        return summary
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()


def _refuse_misshapen(ctx: ImportContext, rows: Iterator[Row]) -> Iterator[Row]:
    """Rows the reader already refused (more cells than the header) are counted and reported here."""
    for number, cells in rows:
        extra = cells.get(EXTRA_CELLS)
        if extra is None:
            yield number, cells
            continue
        found, columns = (int(n) for n in extra.split("|"))
        ctx.total += 1
        ctx.reject(number, None, None, M.extra_cells(found, columns))


# ---------------------------------------------------------------- jobs


def new_job(
    session: Session,
    actor: Actor,
    options: ImportOptions,
    *,
    size: int,
    status: str,
    file_path: str | None,
    total_hint: int | None,
    idempotency_key: str | None,
) -> ImportJob:
    now = utcnow()
    job = ImportJob(
        kind=options.kind.value,
        format=options.format.value,
        status=status,
        dry_run=options.dry_run,
        strategy=options.strategy.value,
        atomic=options.atomic,
        user_id=actor.id,
        api_key_id=actor.api_key_id,
        file_path=file_path,
        size_bytes=size,
        total_rows=total_hint,
        idempotency_key=idempotency_key,
        created_at=now,
        started_at=now if status == "running" else None,
    )
    session.add(job)
    if status == "queued":
        session.flush()
        # In the same transaction: the queue's job exists if and only if the row does.
        defer(session, "imports.run", job_id=job.id)
    session.commit()
    session.refresh(job)
    return job


def finish_job(conn: Connection, job_id: int, summary: ImportSummary) -> None:
    """Mark the job succeeded with its summary (inside the import's transaction when it commits). A job
    that a restarting process already marked failed stays failed: the import is rolled back."""
    done = conn.execute(
        update(J)
        .where(J.c.id == job_id, J.c.status == "running")
        .values(
            status="succeeded",
            summary=summary.model_dump(mode="json"),
            processed_rows=summary.total,
            total_rows=summary.total,
            finished_at=utcnow(),
            file_path=None,
        )
    )
    if done.rowcount != 1:
        raise RuntimeError(f"import job {job_id} is no longer running; its rows are rolled back")


def job_url(job_id: int) -> str:
    return f"{API}/imports/{job_id}"


def read_job(job: ImportJob, live_rows: int | None = None) -> ImportJobRead:
    assert job.id is not None
    processed = max(job.processed_rows, live_rows or 0)
    if job.status == "succeeded":
        percent = 100
    elif job.total_rows:
        percent = min(99, processed * 100 // job.total_rows)
    else:
        percent = 0
    return from_row(
        ImportJobRead,
        job,
        kind=ImportKindName(job.kind),
        format=FileFormat(job.format),
        strategy=Strategy(job.strategy),
        processed_rows=processed,
        progress_percent=percent,
        summary=ImportSummary.model_validate(job.summary) if job.summary else None,
        url=job_url(job.id),
    )


def get_job(session: Session, actor: Actor, job_id: int) -> ImportJob:
    job = session.exec(access.visible_jobs(actor).where(ImportJob.id == job_id)).first()
    if job is None:
        raise NotFound(f"Không tìm thấy lượt nhập dữ liệu có id {job_id}.")
    return job


def list_jobs(
    session: Session,
    actor: Actor,
    kind: ImportKindName | None,
    status: str | None,
    page: PageParams,
    live: Callable[[int], int | None],
) -> ImportJobPage:
    query = access.visible_jobs(actor)
    if kind is not None:
        query = query.where(ImportJob.kind == kind.value)
    if status is not None:
        query = query.where(ImportJob.status == status)
    rows, total = paginate(session, query, page, col(ImportJob.id).desc())
    items = [read_job(j, live(j.id)) for j in rows]
    return page_of(ImportJobPage, items, total, page)


# ---------------------------------------------------------------- descriptions for the UI


def kinds_info() -> list[KindInfo]:
    out = []
    for kind in KINDS.values():
        out.append(
            KindInfo(
                kind=kind.name,
                label_vi=kind.label_vi,
                label_en=kind.label_en,
                import_scope=f"{kind.family}:import",
                export_scope=f"{kind.family}:read",
                key_columns=kind.key_columns,
                columns=[
                    ColumnInfo(
                        name=c.name,
                        heading_vi=heading(c.name, "vi"),
                        type=c.type,
                        required=c.required,
                        key=c.key,
                        exported=c.exported,
                        choices=list(c.choices),
                        aliases=list(c.aliases),
                        example=c.example,
                        help_vi=c.help_vi,
                        help_en=c.help_en,
                    )
                    for c in kind.columns
                ],
                templates={f: f"{API}/imports/templates/{kind.name.value}.{f}" for f in ("csv", "xlsx")},
                export_urls={f.value: f"{API}/exports/{kind.name.value}.{f.value}" for f in FileFormat},
            )
        )
    return out
