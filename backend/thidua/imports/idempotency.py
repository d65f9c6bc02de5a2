"""`Idempotency-Key`: a retried request gets the first answer back instead of doing the work twice.

The record (unique per owner and key) is stored before the work starts; the answer is written into it
in the same transaction as the work when the work commits. The same key with another request (method,
path, query or body differ) is a 409; a retry while the first request is still running is a 409 with
Retry-After. A record left unanswered by a crash is taken over after STALE_AFTER. A background job
that fails (refused, or interrupted by a restart) stored nothing, so it frees its key: a retry with the
same key runs the import again instead of replaying the failed job, and completes it once.
"""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, delete, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError
from thidua.core.models import utcnow
from thidua.imports.models import IdempotencyRecord

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
STALE_AFTER = timedelta(minutes=10)
T = IdempotencyRecord.__table__  # type: ignore[attr-defined]


def owner_of(actor: Actor) -> str:
    return owner_for(actor.id, actor.api_key_id)


def owner_for(user_id: int | None, api_key_id: int | None) -> str:
    return f"key:{api_key_id}" if api_key_id is not None else f"user:{user_id}"


def request_hasher(method: str, path: str, query: list[tuple[str, str]]) -> "hashlib._Hash":
    """SHA-256 over the method, path and sorted query; the caller feeds the body into it."""
    digest = hashlib.sha256()
    ordered = "&".join(f"{k}={v}" for k, v in sorted(query))
    digest.update(f"{method.upper()}\n{path}\n{ordered}\n".encode())
    return digest


@dataclass(frozen=True)
class Replay:
    status_code: int
    body: Any
    headers: dict[str, str]


def begin(
    session: Session, actor: Actor, key: str, method: str, path: str, request_hash: str
) -> int | Replay:
    """The id of a fresh record to answer later, or the stored answer to replay."""
    owner = owner_of(actor)
    for _ in range(2):
        record = session.exec(
            select(IdempotencyRecord).where(IdempotencyRecord.owner == owner, IdempotencyRecord.key == key)
        ).first()
        if record is None:
            record = IdempotencyRecord(
                owner=owner, key=key, method=method, path=path, request_hash=request_hash
            )
            session.add(record)
            try:
                session.commit()
            except IntegrityError:  # the same key arrived twice at once: the other one won
                session.rollback()
                continue
            assert record.id is not None
            return record.id
        if record.request_hash != request_hash:
            raise Conflict(
                "Idempotency-Key này đã được dùng cho một yêu cầu khác (khác địa chỉ, tham số hoặc "
                "nội dung); "
                "hãy dùng một khóa mới cho yêu cầu mới.",
                errors=[
                    FieldError(path="header.Idempotency-Key", message="Khóa đã được dùng.", type="reused_key")
                ],
            )
        if record.status_code is None:
            if utcnow() - record.created_at > STALE_AFTER:
                record.created_at = utcnow()  # abandoned by a crash: this request takes it over
                session.add(record)
                session.commit()
                assert record.id is not None
                return record.id
            raise Conflict(
                "Yêu cầu đầu tiên với Idempotency-Key này vẫn đang được xử lý; vui lòng thử lại sau ít giây.",
                headers={"Retry-After": "5"},
            )
        return Replay(record.status_code, record.response_body, dict(record.response_headers or {}))
    raise Conflict(
        "Idempotency-Key đang được dùng đồng thời; vui lòng thử lại.", headers={"Retry-After": "1"}
    )


def store(
    conn: Connection, record_id: int, status_code: int, body: Any, headers: dict[str, str] | None = None
) -> None:
    """Write the answer (inside the caller's transaction)."""
    conn.execute(
        update(T)
        .where(T.c.id == record_id)
        .values(status_code=status_code, response_body=body, response_headers=headers or {})
    )


def abandon(session: Session, record_id: int) -> None:
    """Forget the key: the request failed before doing anything, so a retry may try again."""
    session.rollback()
    session.execute(delete(T).where(T.c.id == record_id))
    session.commit()


def release(conn: Connection, owner: str, key: str) -> None:
    """Free a key whose work stored nothing (its job failed), so that a retry runs it again."""
    conn.execute(delete(T).where(T.c.owner == owner, T.c.key == key))


def forget_unanswered(conn: Connection, everything: bool) -> None:
    """On start-up: records whose request died with the process (all of them on a single-process
    SQLite server; the stale ones elsewhere, where other processes may still be answering)."""
    query = delete(T).where(T.c.status_code.is_(None))
    if not everything:
        query = query.where(T.c.created_at < utcnow() - STALE_AFTER)
    conn.execute(query)
