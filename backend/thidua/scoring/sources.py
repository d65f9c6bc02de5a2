"""Computed indicators: named sources, each a function of the data in the system for a subject and
school year. A computed value is never typed in by the subject.

Sources whose data arrives with later modules (plans, activities, reports, initiatives) are declared
here with `compute=None`: a framework can reference them, and until the module that owns the data
registers its function, the indicator shows as "no data yet" (unanswered, 0 points) rather than a
made-up number.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, col, func, select

from thidua.activities import sources as activity
from thidua.auth.policy import descendant_unit_ids
from thidua.plans import sources as plans
from thidua.reports import sources as reports
from thidua.scoring.subject import Subject

Compute = Callable[[Session, Subject, str], Decimal | None]


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    subject_kind: str  # unit | individual
    value_kind: str  # boolean | percent | count
    compute: Compute | None = None


def _percent(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.00")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def verified_individual_share(session: Session, subject: Subject, school_year: str) -> Decimal | None:
    """Share (%) of the unit's active staff whose individual self-assessment of the year is verified."""
    from thidua.assessments.models import SelfAssessment
    from thidua.units.models import StaffMember

    units = descendant_unit_ids(session, subject.unit_id)
    staff_ids = session.exec(
        select(StaffMember.id).where(
            col(StaffMember.unit_id).in_(units), col(StaffMember.is_active).is_(True)
        )
    ).all()
    if not staff_ids:
        return Decimal("0.00")
    verified = session.exec(
        select(func.count(func.distinct(SelfAssessment.staff_id))).where(
            col(SelfAssessment.staff_id).in_(staff_ids),
            SelfAssessment.school_year == school_year,
            SelfAssessment.status == "verified",
        )
    ).one()
    return _percent(int(verified), len(staff_ids))


SOURCES: dict[str, Source] = {
    s.name: s
    for s in [
        Source(
            "verified_individual_share",
            "Tỷ lệ cán bộ có tự đánh giá cá nhân đã được xác nhận (%)",
            "unit",
            "percent",
            verified_individual_share,
        ),
        # Fed by plans and reports.
        Source("plan_on_time", "Ban hành kế hoạch trong 30 ngày", "unit", "boolean", plans.plan_on_time),
        Source(
            "plan_tasks_on_time_share",
            "Tỷ lệ nhiệm vụ hoàn thành đúng hạn (%)",
            "unit",
            "percent",
            plans.plan_tasks_on_time_share,
        ),
        Source(
            "reports_on_time_share",
            "Tỷ lệ báo cáo nộp đúng hạn (%)",
            "unit",
            "percent",
            reports.reports_on_time_share,
        ),
        # Fed by activities and attendance.
        Source(
            "launch_ceremony_held",
            "Đã tổ chức Lễ phát động",
            "unit",
            "boolean",
            activity.launch_ceremony_held,
        ),
        Source(
            "trained_staff_share",
            "Tỷ lệ cán bộ được bồi dưỡng kỹ năng số (%)",
            "unit",
            "percent",
            activity.trained_staff_share,
        ),
        Source(
            "seminars_count",
            "Số buổi sinh hoạt chuyên đề, hội nghị, tọa đàm",
            "unit",
            "count",
            activity.seminars_count,
        ),
        Source(
            "extracurricular_count",
            "Số hoạt động ngoại khóa kỹ năng số, an toàn thông tin",
            "unit",
            "count",
            activity.extracurricular_count,
        ),
        Source(
            "person_trained",
            "Đã hoàn thành bồi dưỡng kỹ năng số",
            "individual",
            "boolean",
            activity.person_trained,
        ),
        Source(
            "person_activities_attended",
            "Số hoạt động của Phong trào đã tham gia",
            "individual",
            "count",
            activity.person_activities_attended,
        ),
        # Owned by the initiatives and awards module.
        Source("unit_initiatives_recognised", "Số sáng kiến của đơn vị được công nhận", "unit", "count"),
        Source(
            "unit_initiatives_recognised_commune_level",
            "Có sáng kiến được công nhận từ cấp xã",
            "unit",
            "boolean",
        ),
        Source(
            "person_initiatives_recognised", "Số sáng kiến của cá nhân được công nhận", "individual", "count"
        ),
    ]
}


def register(name: str, compute: Compute) -> None:
    """Called by the module that owns a source's data."""
    source = SOURCES[name]
    SOURCES[name] = Source(source.name, source.label, source.subject_kind, source.value_kind, compute)
