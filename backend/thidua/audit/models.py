from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from thidua.core.models import UTCDateTime, utcnow


class AuditEvent(SQLModel, table=True):
    """Append-only: who changed what, when, with the state before and after."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor_user_id: int | None = Field(default=None, index=True)
    actor_login: str | None = Field(default=None, max_length=64)
    action: str = Field(max_length=40)
    entity_type: str = Field(max_length=40, index=True)
    entity_id: int | None = Field(default=None, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)
