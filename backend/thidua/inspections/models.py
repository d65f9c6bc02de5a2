from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, Decimal2, UTCDateTime, Versioned, utcnow


class Inspection(Versioned, CommuneOwned, table=True):
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


class InspectionLead(SQLModel, table=True):
    """The team lead (trưởng đoàn): a member who closes the inspection and signs its minutes."""

    __tablename__ = "inspection_lead"

    inspection_id: int = Field(primary_key=True, foreign_key="inspection.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True)


class InspectionDecision(SQLModel, table=True):
    """Quyết định kiểm tra: the commune's decision sending the team (number, date, signer)."""

    __tablename__ = "inspection_decision"

    inspection_id: int = Field(primary_key=True, foreign_key="inspection.id", ondelete="CASCADE")
    number: str = Field(max_length=40)
    signed_on: date
    signer_name: str = Field(max_length=120)
    signer_title: str = Field(max_length=120)
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class InspectionFinding(Versioned, table=True):
    """What the team found at one school on one indicator (or in general): strengths, shortcomings,
    recommendations. A mandatory finding must be done before the lead closes the inspection; its
    recommendations are followed up until the school reports them done."""

    __tablename__ = "inspection_finding"

    inspection_id: int = Field(foreign_key="inspection.id", index=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", index=True)
    indicator_id: int | None = Field(default=None, foreign_key="indicator.id")
    strengths: str = Field(default="", max_length=4000)
    shortcomings: str = Field(default="", max_length=4000)
    recommendations: str = Field(default="", max_length=4000)
    mandatory: bool = Field(default=False)
    status: str = Field(default="open", max_length=20)  # open | done
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    follow_up_note: str | None = Field(default=None, max_length=4000)
    follow_up_done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    follow_up_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class InspectionPlan(Versioned, CommuneOwned, table=True):
    """Kế hoạch kiểm tra năm học: the commune's yearly schedule, issued as a Decree 30 document."""

    __tablename__ = "inspection_plan"
    __table_args__ = (UniqueConstraint("commune_id", "school_year"),)

    school_year: str = Field(max_length=9, index=True)
    title: str = Field(max_length=300)
    purpose: str = Field(default="", max_length=8000)
    status: str = Field(default="draft", max_length=20)  # draft | issued
    number: str | None = Field(default=None, max_length=40)
    signed_on: date | None = None
    signer_name: str | None = Field(default=None, max_length=120)
    signer_title: str | None = Field(default=None, max_length=120)
    issued_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class InspectionPlanItem(SQLModel, table=True):
    """One scheduled visit of the plan: a school, a month, the team, the content."""

    __tablename__ = "inspection_plan_item"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="inspection_plan.id", index=True, ondelete="CASCADE")
    position: int
    unit_id: int = Field(foreign_key="unit.id", index=True)
    scheduled_on: date
    team: str = Field(max_length=1000)
    content: str = Field(max_length=4000)


class InspectionVisit(SQLModel, table=True):
    """A visit of the issued yearly plan carried out by an inspection: the plan shows it as done, with the
    inspection's findings and minutes at that school. A visit is made by one inspection at most."""

    __tablename__ = "inspection_visit"

    plan_item_id: int = Field(primary_key=True, foreign_key="inspection_plan_item.id", ondelete="CASCADE")
    inspection_id: int = Field(foreign_key="inspection.id", index=True, ondelete="CASCADE")
