from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import UTCDateTime, utcnow


class ImportJob(SQLModel, table=True):
    """A bulk import too large to answer at once: kept in the database so progress and the summary
    survive, and a restart marks an interrupted job failed (its single transaction never committed)."""

    __tablename__ = "import_job"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)
    format: str = Field(max_length=10)  # csv | xlsx | json
    status: str = Field(default="queued", max_length=20, index=True)  # queued|running|succeeded|failed
    dry_run: bool = False
    strategy: str = Field(default="create_and_update", max_length=30)
    atomic: bool = True
    user_id: int = Field(foreign_key="user_account.id", index=True)
    api_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    file_path: str | None = Field(default=None, max_length=500)
    size_bytes: int = 0
    total_rows: int | None = None
    processed_rows: int = 0
    summary: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    error: str | None = Field(default=None, max_length=4000)
    idempotency_key: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class IdempotencyRecord(SQLModel, table=True):
    """The first answer to a request sent with an Idempotency-Key, replayed to retries of it."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("owner", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=60)  # "user:12" or "key:3": keys of different callers never meet
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=500)
    request_hash: str = Field(max_length=64)
    status_code: int | None = None  # None while the first request is still being processed
    response_body: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    response_headers: dict[str, str] | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
