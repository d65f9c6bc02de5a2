from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from thidua.core.models import UTCDateTime, utcnow


class GeneratedFile(SQLModel, table=True):
    """A file built by a job of the queue for the user (or API key) who asked for it: its status and
    progress while it is built, where the storage keeps it once done. Kept `KEEP_HOURS`, then removed
    with its stored file (`generated.housekeeping`)."""

    __tablename__ = "generated_file"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=40)  # a key of thidua.generated.kinds.KINDS
    params: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    status: str = Field(default="queued", max_length=20, index=True)  # queued|running|succeeded|failed
    progress: int = 0  # percent, written by the job as it goes
    user_id: int = Field(foreign_key="user_account.id", index=True)
    api_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    filename: str = Field(max_length=200)
    media_type: str = Field(max_length=120)
    storage_key: str | None = Field(default=None, max_length=300)
    size_bytes: int = 0
    error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
