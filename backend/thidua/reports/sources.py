"""Computed indicators fed by reports (registered by thidua/registrations.py), many subjects at a time."""

from decimal import Decimal

from sqlmodel import Session, col, select

from thidua.core.models import CENT, today
from thidua.core.sql import one_of
from thidua.reports.models import Report, ReportRequest, ReportRequestUnit
from thidua.scoring.sources import Source
from thidua.scoring.subject import Subject


def reports_on_time_share(
    session: Session, subjects: list[Subject], year: str
) -> dict[Subject, Decimal | None]:
    """Share (%) of the report requests of the school year that the unit answered on time, among
    those it answered and those whose due date has passed: a request is missed only after its
    due date, never on the day it is due."""
    units = {s.unit_id for s in subjects}
    asked = session.exec(
        select(col(ReportRequestUnit.unit_id), col(ReportRequest.id), col(ReportRequest.due_date))
        .join(ReportRequest, col(ReportRequest.id) == ReportRequestUnit.request_id)
        .where(
            one_of(ReportRequestUnit.unit_id, units),
            ReportRequest.school_year == year,
        )
    ).all()
    submitted = {
        (r.unit_id, r.request_id): r.submitted_at
        for r in session.exec(
            select(Report).where(one_of(Report.unit_id, units), col(Report.submitted_at).is_not(None))
        )
    }
    totals: dict[int, list[int]] = {}
    on = today()
    for unit_id, request_id, due in asked:
        when = submitted.get((unit_id, request_id or 0))
        if when is None and due >= on:
            continue  # not answered yet, not due yet: not missed
        counts = totals.setdefault(unit_id, [0, 0])
        counts[0] += 1
        counts[1] += 1 if when is not None and when.date() <= due else 0
    return {
        s: (Decimal(totals[s.unit_id][1]) * 100 / totals[s.unit_id][0]).quantize(CENT)
        if s.unit_id in totals
        else None
        for s in subjects
    }


SOURCES = (
    Source(
        "reports_on_time_share",
        "Tỷ lệ báo cáo nộp đúng hạn (%)",
        "unit",
        "percent",
        reports_on_time_share,
    ),
)
