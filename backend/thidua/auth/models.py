from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from thidua.core.models import UTCDateTime, Versioned


class User(Versioned, table=True):
    __tablename__ = "user_account"

    login: str = Field(max_length=64, unique=True, index=True)  # stored lower-case
    full_name: str = Field(max_length=120)
    password_hash: str = Field(max_length=255)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    is_active: bool = Field(default=True)
    # Bumped on password change and deactivation: tokens carry it, so old tokens stop working at once.
    token_version: int = Field(default=1)


class UserRole(SQLModel, table=True):
    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=32, index=True)


class LoginThrottle(SQLModel, table=True):
    """Failed logins per key ("login:<name>" or "ip:<address>"), kept in the database so that
    several API processes share the count."""

    __tablename__ = "login_throttle"

    key: str = Field(primary_key=True, max_length=200)
    failures: int = Field(default=0)
    window_started_at: datetime = Field(sa_type=UTCDateTime)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
