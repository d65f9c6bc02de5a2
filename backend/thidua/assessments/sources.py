"""Computed indicators fed by self-assessments (registered by thidua/registrations.py)."""

from decimal import Decimal

from sqlmodel import Session, select

from thidua.assessments.models import SelfAssessment
from thidua.scoring.sources import Source
from thidua.scoring.subject import Subject, active_staff_share, among


def verified_individual_share(
    session: Session, subjects: list[Subject], year: str
) -> dict[Subject, Decimal | None]:
    """Share (%) of the unit's active staff whose individual self-assessment of the year is verified."""

    def verified(staff: list[int]) -> list[int | None]:
        return list(
            session.exec(
                select(SelfAssessment.staff_id).where(
                    SelfAssessment.school_year == year,
                    SelfAssessment.status == "verified",
                    among(SelfAssessment.staff_id, staff),
                )
            ).all()
        )

    return active_staff_share(session, subjects, verified)


SOURCES = (
    Source(
        "verified_individual_share",
        "Tỷ lệ cán bộ có tự đánh giá cá nhân đã được xác nhận (%)",
        "unit",
        "percent",
        verified_individual_share,
    ),
)
