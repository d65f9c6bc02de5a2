from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field

from thidua.core.models import UTCDateTime, Versioned


class ApiKey(Versioned, table=True):
    """A key of a service account (a user with the integration role). The secret is shown once and
    only its SHA-256 is kept: keys are long random strings, so a fast hash is enough and lookups are
    by the public prefix. Scopes decide what the key may do; a unit scope narrows it to one unit."""

    __tablename__ = "api_key"

    name: str = Field(max_length=120)
    prefix: str = Field(max_length=16, unique=True, index=True)
    secret_hash: str = Field(max_length=64)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    scopes: list[str] = Field(default_factory=list, sa_type=JSON)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: int = Field(foreign_key="user_account.id")
