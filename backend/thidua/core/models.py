"""Columns every stored resource shares: id, optimistic-lock version, timestamps."""

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today's date in UTC, the one clock deadlines are judged by."""
    return utcnow().date()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every database (SQLite hands back naive values otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime; use thidua.core.models.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


CENT = Decimal("0.01")


class Decimal2(TypeDecorator[Decimal]):
    """A decimal with 2 places stored as an integer number of hundredths: exact and identical on
    SQLite (which has no decimal type) and PostgreSQL, and still sortable in SQL."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value).scaleb(-2)  # exact: 8000 -> 80.00


class Versioned(SQLModel):
    """The version backs the ETag and is also checked by the UPDATE itself (version_id_col),
    so two writers racing past the If-Match check still cannot both win."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class CommuneOwned(SQLModel):
    """A commune-level object (a movement, a framework, a round...): in a province deployment it
    belongs to one commune, whose users alone see it (`auth.policy.commune_scoped`). NULL in a
    one-commune deployment; filled with that commune when a second commune or the Department is
    added (`units.service.create_unit`) and by migration 0026."""

    commune_id: int | None = Field(default=None, foreign_key="unit.id", index=True)


def same_commune(column: Any, commune_id: int | None) -> Any:
    """`column` names the same commune as `commune_id` (both NULL in a one-commune deployment): codes
    and numbers are unique per commune."""
    return column.is_(None) if commune_id is None else column == commune_id
