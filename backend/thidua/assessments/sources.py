"""Computed indicators fed by self-assessments (registered by thidua/registrations.py)."""

from decimal import Decimal

from sqlmodel import Session, select

from thidua.assessments.models import SelfAssessment
from thidua.scoring.sources import Source
from thidua.scoring.subject import Subject, active_staff_by_subject, among, share


def verified_individual_share(
    session: Session, subjects: list[Subject], year: str
) -> dict[Subject, Decimal | None]:
    """Share (%) of the unit's active staff whose individual self-assessment of the year is verified."""
    staff = active_staff_by_subject(session, subjects)
    members = [m for ids in staff.values() for m in ids]
    verified = set(
        session.exec(
            select(SelfAssessment.staff_id).where(
                SelfAssessment.school_year == year,
                SelfAssessment.status == "verified",
                among(SelfAssessment.staff_id, members),
            )
        ).all()
    )
    return {
        s: share(sum(1 for m in staff.get(s.unit_id, []) if m in verified), len(staff.get(s.unit_id, [])))
        for s in subjects
    }


SOURCES = (
    Source(
        "verified_individual_share",
        "Tỷ lệ cán bộ có tự đánh giá cá nhân đã được xác nhận (%)",
        "unit",
        "percent",
        verified_individual_share,
    ),
)
