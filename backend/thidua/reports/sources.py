"""Computed indicators fed by reports (registered in scoring/sources.py)."""

from decimal import Decimal

from sqlmodel import Session, col, select

from thidua.plans.service import today
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.scoring.subject import Subject


def reports_on_time_share(session: Session, subject: Subject, year: str) -> Decimal | None:
    """Share (%) of the report requests of the school year, already due, that the unit answered on time."""
    on = today()
    asked = session.exec(
        select(ReportRequest)
        .join(ReportRequestUnit, col(ReportRequestUnit.request_id) == ReportRequest.id)
        .where(
            ReportRequestUnit.unit_id == subject.unit_id,
            ReportRequest.school_year == year,
            ReportRequest.due_date <= on,
        )
    ).all()
    if not asked:
        return None
    on_time = 0
    for request in asked:
        report = session.exec(
            select(Report).where(Report.request_id == request.id, Report.unit_id == subject.unit_id)
        ).first()
        if (
            report is not None
            and report.submitted_at is not None
            and report.submitted_at.date() <= request.due_date
        ):
            on_time += 1
    return (Decimal(on_time) * 100 / len(asked)).quantize(Decimal("0.01"))
