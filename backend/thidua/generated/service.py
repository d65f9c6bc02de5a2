"""Asking for a generated file and reading it (the job that builds it: jobs.py)."""

from typing import Any

from sqlmodel import Session, col

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict
from thidua.core.records import from_row
from thidua.core.tasks import defer
from thidua.generated import access
from thidua.generated.kinds import KINDS
from thidua.generated.models import GeneratedFile
from thidua.generated.schemas import GeneratedFileRead, GeneratedKind, GeneratedStatus

API = "/api/v1"
UNFINISHED = (GeneratedStatus.queued.value, GeneratedStatus.running.value)


def request(session: Session, actor: Actor, kind: GeneratedKind, params: dict[str, Any]) -> GeneratedFile:
    """Checks the request as the caller, then queues the job in the same transaction as its row. The
    same file asked again while it is being built is the same job."""
    spec = KINDS[kind]
    filename = spec.prepare(session, actor, params)
    pending = session.exec(
        access.readable(actor).where(
            GeneratedFile.kind == kind.value, col(GeneratedFile.status).in_(UNFINISHED)
        )
    ).all()
    for row in pending:
        if row.params == params:
            return row
    row = GeneratedFile(
        kind=kind.value,
        params=params,
        user_id=actor.id,
        api_key_id=actor.api_key_id,
        filename=filename,
        media_type=spec.media_type,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", row, None)
    defer(session, "generated.run", file_id=row.id)
    session.commit()
    session.refresh(row)
    return row


def url(file_id: int) -> str:
    return f"{API}/generated-files/{file_id}"


def read(row: GeneratedFile) -> GeneratedFileRead:
    assert row.id is not None
    done = row.status == GeneratedStatus.succeeded.value
    return from_row(
        GeneratedFileRead,
        row,
        kind=GeneratedKind(row.kind),
        status=GeneratedStatus(row.status),
        progress_percent=100 if done else min(99, row.progress),
        url=url(row.id),
        download_url=f"{url(row.id)}/file" if done else None,
    )


def get(session: Session, actor: Actor, file_id: int) -> GeneratedFile:
    return access.get_readable(session, actor, file_id)


def stored_key(row: GeneratedFile) -> str:
    """Where the finished file is; 409 while it is being built or when it failed."""
    if row.status != GeneratedStatus.succeeded.value or row.storage_key is None:
        if row.status == GeneratedStatus.failed.value:
            raise Conflict(f"Không tạo được tệp: {row.error or 'lỗi không rõ'}")
        raise Conflict("Tệp đang được tạo; hãy thử lại khi tiến độ đạt 100%.")
    return row.storage_key
