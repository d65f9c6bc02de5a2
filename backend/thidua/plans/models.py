from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import UTCDateTime, Versioned, utcnow

PLAN_DEADLINE_DAYS = 30  # seed IV.4.1: within 30 days of receiving the commune plan
ACK_WITHIN_DAYS = 5  # a school that has not acknowledged the commune plan within 5 days is reminded


class Plan(Versioned, table=True):
    """Kế hoạch: the commune's plan, or a unit's implementation plan of the movement.

    The plan's content (objectives, targets, tasks, roadmap) and its budget lines are JSON documents
    validated by the schemas; every submission keeps a PlanVersion snapshot."""

    movement_id: int = Field(foreign_key="movement.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    kind: str = Field(max_length=10, index=True)  # commune | unit
    number: str = Field(default="", max_length=60)  # số, ký hiệu, e.g. "15/KH-THCS"
    title: str = Field(max_length=500)
    issue_date: date | None = None
    received_date: date | None = None  # when the unit received the commune plan (from its dispatch)
    # who recorded received_date: app (the school's acknowledgement, server time), exchange (the
    # commune officer, from the document-exchange system), school_entered (typed before issue 15)
    received_source: str | None = Field(default=None, max_length=20)
    due_date: date | None = None  # received_date + 30 days
    signer_name: str = Field(default="", max_length=200)  # commune plan: người ký
    signer_title: str = Field(default="", max_length=200)  # commune plan: thẩm quyền / chức vụ ký
    issued_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str = Field(
        default="draft", max_length=20, index=True
    )  # draft|submitted|returned|approved|issued
    content: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    budget_lines: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    return_comment: str | None = Field(default=None, max_length=4000)
    first_submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # commune plan: the signed and sealed copy (PDF or image), stored by content hash like evidence
    scan_sha256: str | None = Field(default=None, max_length=64)
    scan_size_bytes: int | None = None
    scan_content_type: str | None = Field(default=None, max_length=100)
    scan_filename: str | None = Field(default=None, max_length=200)


class PlanVersion(SQLModel, table=True):
    """What was submitted (or returned, or approved) each time: every version stays viewable."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")
    number: int
    event: str = Field(max_length=20)  # submit | return | approve
    comment: str | None = Field(default=None, max_length=4000)
    snapshot: dict[str, Any] = Field(sa_type=JSON)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PlanDispatch(SQLModel, table=True):
    """The commune plan sent to one school, and its receipt as recorded by the system: the school's
    acknowledgement in the app (server time) or the commune officer's entry from the document
    exchange ("số đến"). The school never types the date."""

    __tablename__ = "plan_dispatch"
    __table_args__ = (UniqueConstraint("plan_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True, ondelete="CASCADE")  # the commune plan
    unit_id: int = Field(foreign_key="unit.id", index=True)
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    channel: str = Field(max_length=20)  # app | exchange
    received_on: date | None = None
    received_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    received_source: str | None = Field(default=None, max_length=20)  # app | exchange
    incoming_number: str = Field(default="", max_length=60)  # số đến
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    correction_reason: str | None = Field(default=None, max_length=2000)
