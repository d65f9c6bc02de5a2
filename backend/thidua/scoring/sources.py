"""Computed indicators: named sources, each a function of the data in the system for a subject and
school year. A computed value is never typed in by the subject.

Each source lives with the data it reads (plans, reports, activities, initiatives) and is registered
here. A source declared with `compute=None` (none today) could still be referenced by a framework:
until a module adds its function the indicator shows as "no data yet" (unanswered, 0 points) rather
than a made-up number.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from thidua.activities import sources as activity
from thidua.initiatives import sources as initiatives
from thidua.plans import sources as plans
from thidua.reports import sources as reports
from thidua.scoring.subject import Subject, among

# Computes many subjects of one school year at once (a single subject is a list of one).
Compute = Callable[[Session, list[Subject], str], dict[Subject, Decimal | None]]


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    subject_kind: str  # unit | individual
    value_kind: str  # boolean | percent | count
    compute: Compute | None = None


def verified_individual_share(
    session: Session, subjects: list[Subject], year: str
) -> dict[Subject, Decimal | None]:
    """Share (%) of the unit's active staff whose individual self-assessment of the year is verified."""
    from thidua.assessments.models import SelfAssessment

    staff = activity.active_staff_by_subject(session, subjects)
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
        s: activity.share(
            sum(1 for m in staff.get(s.unit_id, []) if m in verified), len(staff.get(s.unit_id, []))
        )
        for s in subjects
    }


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
        # Fed by recognised initiatives.
        Source(
            "unit_initiatives_recognised",
            "Số sáng kiến của đơn vị được công nhận",
            "unit",
            "count",
            initiatives.unit_initiatives_recognised,
        ),
        Source(
            "unit_initiatives_recognised_commune_level",
            "Có sáng kiến được công nhận từ cấp xã",
            "unit",
            "boolean",
            initiatives.unit_initiatives_recognised_commune_level,
        ),
        Source(
            "person_initiatives_recognised",
            "Số sáng kiến của cá nhân được công nhận",
            "individual",
            "count",
            initiatives.person_initiatives_recognised,
        ),
    ]
}
