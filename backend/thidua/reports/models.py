from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, UTCDateTime, Versioned


class ReportRequest(Versioned, CommuneOwned, table=True):
    """Yêu cầu báo cáo: periodic (quarter, semester, school year, phase review) or ad hoc."""

    __tablename__ = "report_request"

    movement_id: int = Field(foreign_key="movement.id", index=True)
    kind: str = Field(max_length=20)  # quarter | semester | school_year | phase_review | ad_hoc
    title: str = Field(max_length=300)
    period_label: str = Field(default="", max_length=100)  # "Quý I/2026", "Học kỳ I năm học 2025-2026"
    school_year: str = Field(max_length=9, index=True)  # the figures' school year
    phase_number: int | None = None  # phase reviews (sơ kết 2027, tổng kết 2030)
    due_date: date
    note: str = Field(default="", max_length=4000)


class ReportRequestUnit(SQLModel, table=True):
    """A unit asked to report."""

    __tablename__ = "report_request_unit"
    __table_args__ = (UniqueConstraint("request_id", "unit_id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="report_request.id", index=True, ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", index=True)


class Report(Versioned, table=True):
    """A unit's report: results (with a snapshot of its figures), difficulties, proposals."""

    __table_args__ = (UniqueConstraint("request_id", "unit_id"),)

    request_id: int = Field(foreign_key="report_request.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    status: str = Field(default="draft", max_length=20)  # draft | submitted
    results: str = Field(default="", max_length=20000)
    difficulties: str = Field(default="", max_length=20000)
    proposals: str = Field(default="", max_length=20000)
    figures: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ConsolidatedIssue(SQLModel, table=True):
    """An issued consolidated report: a numbered, dated, signed version whose figures are frozen as they
    were when it was issued (`content`, the consolidated report as JSON), and its sending to the
    Department. A request may be issued again (a correction): earlier versions stay readable."""

    __tablename__ = "consolidated_issue"
    __table_args__ = (UniqueConstraint("request_id", "sequence"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="report_request.id", index=True)
    sequence: int  # 1, 2, … per request
    number: str = Field(max_length=7)  # digits; printed "<number>/BC-UBND"
    issued_on: date
    signer: str = Field(max_length=120)
    signer_title: str = Field(max_length=120)
    recipient: str = Field(max_length=200)
    sent_at: datetime = Field(sa_type=UTCDateTime)
    issued_by_id: int = Field(foreign_key="user_account.id")
    content: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
