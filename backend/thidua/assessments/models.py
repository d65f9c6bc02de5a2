from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import Decimal2, UTCDateTime, Versioned, utcnow


class SelfAssessment(Versioned, table=True):
    """Tự đánh giá: one subject's values for one framework version and school year.

    The subject is a unit (staff_id empty) or a staff member; unit_id is always the owning unit, so
    the scoping layer applies to both kinds. Entry edits bump this row's version (one ETag)."""

    __tablename__ = "self_assessment"
    __table_args__ = (
        UniqueConstraint("framework_id", "subject_key", "school_year"),
        # Lists show the latest year first, newest first: read straight off this index.
        Index("ix_self_assessment_school_year_id", "school_year", "id"),
    )

    framework_id: int = Field(foreign_key="framework.id", index=True)
    subject_kind: str = Field(max_length=20)  # unit | individual
    subject_key: str = Field(max_length=40)  # "unit:12" or "staff:345": one assessment per subject
    unit_id: int = Field(foreign_key="unit.id", index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff_member.id", index=True)
    school_year: str = Field(max_length=9, index=True)
    status: str = Field(default="draft", max_length=20, index=True)  # draft|submitted|returned|verified
    return_reason: str | None = Field(default=None, max_length=4000)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    verified_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class AssessmentEntry(SQLModel, table=True):
    __tablename__ = "assessment_entry"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator_id"),)

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="self_assessment.id", index=True, ondelete="CASCADE")
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    self_value: Decimal | None = Field(default=None, sa_type=Decimal2)
    note: str | None = Field(default=None, max_length=2000)
    verified_value: Decimal | None = Field(default=None, sa_type=Decimal2)
    reviewer_comment: str | None = Field(default=None, max_length=2000)
    return_reason: str | None = Field(default=None, max_length=2000)
    verified_source: str | None = Field(default=None, max_length=40)  # "review" or "inspection:<id>"
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Evidence(SQLModel, table=True):
    """Minh chứng: an uploaded file (stored under var/ by content hash) or a link, for one entry."""

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="self_assessment.id", index=True, ondelete="CASCADE")
    indicator_id: int = Field(foreign_key="indicator.id", index=True)
    kind: str = Field(max_length=10)  # file | link
    url: str | None = Field(default=None, max_length=2000)
    title: str = Field(default="", max_length=255)
    filename: str | None = Field(default=None, max_length=255)
    content_type: str | None = Field(default=None, max_length=100)
    size_bytes: int | None = None
    sha256: str | None = Field(default=None, max_length=64, index=True)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ScorecardSnapshot(SQLModel, table=True):
    """The scorecard frozen when an assessment is verified; later framework versions never change it."""

    __tablename__ = "scorecard_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="self_assessment.id", unique=True)
    framework_id: int = Field(foreign_key="framework.id", index=True)
    school_year: str = Field(max_length=9, index=True)
    verified_total: Decimal = Field(sa_type=Decimal2)
    completion_percent: Decimal = Field(sa_type=Decimal2, index=True)
    classification_code: str = Field(max_length=30)
    scorecard: dict[str, Any] = Field(sa_type=JSON)
    frozen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EarlyVerification(SQLModel, table=True):
    """Chốt sớm: a verification outside the school year's evaluation window, by the commune leader,
    with the reason recorded (and the window it was outside of)."""

    __tablename__ = "early_verification"

    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="self_assessment.id", unique=True, ondelete="CASCADE")
    reason: str = Field(max_length=2000)
    window_starts_on: date
    window_ends_on: date
    verified_by_id: int = Field(foreign_key="user_account.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
