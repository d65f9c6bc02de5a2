from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import Decimal2, UTCDateTime, Versioned, utcnow


class Inspection(Versioned, table=True):
    """Kiểm tra, giám sát: a periodic or ad hoc visit by a team to some units."""

    kind: str = Field(max_length=20)  # periodic | ad_hoc
    title: str = Field(max_length=300)
    school_year: str = Field(max_length=9, index=True)
    inspection_date: date
    findings: str = Field(default="", max_length=8000)
    status: str = Field(default="open", max_length=20)  # open | closed


class InspectionMember(SQLModel, table=True):
    """An inspector on the team; only members record values."""

    __tablename__ = "inspection_member"
    __table_args__ = (UniqueConstraint("inspection_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True)


class InspectionUnit(SQLModel, table=True):
    """A unit the inspection is assigned to; values are recorded only for these."""

    __tablename__ = "inspection_unit"
    __table_args__ = (UniqueConstraint("inspection_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", index=True)


class InspectionValue(SQLModel, table=True):
    """A value verified on site; it becomes the entry's verified value."""

    __tablename__ = "inspection_value"
    __table_args__ = (UniqueConstraint("inspection_id", "assessment_id", "indicator_id"),)

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True, ondelete="CASCADE")
    assessment_id: int = Field(foreign_key="self_assessment.id", index=True)
    indicator_id: int = Field(foreign_key="indicator.id")
    value: Decimal = Field(sa_type=Decimal2)
    comment: str | None = Field(default=None, max_length=2000)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    recorded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
