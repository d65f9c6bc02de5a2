"""Demo history for the awards screens: at Trường Tiểu học Thanh Thủy, the 2025-2026 school year's
activities with attendance, recognised initiatives, verified individual self-assessments (scored by the
real engine and frozen as verification does), one open disciplinary flag, and an open annual round.

- TH-TT-05 and TH-TT-06 reach "Hoàn thành xuất sắc" with a recognised initiative; 06 also has an
  open reprimand, so GK-XA-CN fails exactly one rule for 06.
- TH-TT-07 has no initiative: "Hoàn thành tốt", enough for the unit head's certificate (GK-DV-CN)."""

from datetime import date, timedelta
from decimal import Decimal

from sqlmodel import Session, select

import thidua.registrations  # noqa: F401 - the demo scores outside the app: sources must be registered
from thidua.activities.models import Activity, Attendance
from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.awards.models import AwardRound
from thidua.conduct.models import Flag
from thidua.core.models import today, utcnow
from thidua.frameworks.models import Framework, Indicator
from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.movements.models import Movement
from thidua.scoring import loader
from thidua.units.models import StaffMember, Unit

YEAR = "2025-2026"
SCHOOL = "TH-TT"
PEOPLE = ("TH-TT-05", "TH-TT-06", "TH-TT-07")
WITH_INITIATIVE = ("TH-TT-05", "TH-TT-06")
# Self-entered values (verified as entered): CN1.2 level 3, a contest. CN2.1 and CN2.2 are computed from
# each person's recognised works below: two digital learning materials and one article.
SELF_VALUES = {"CN1.2": Decimal(3), "CN3.3": Decimal(1)}
WORKS = (
    ("digital_material", "Bài giảng điện tử chủ đề Năng lượng của {name}"),
    ("digital_material", "Bộ câu hỏi ôn tập trực tuyến của {name}"),
    ("article", "Bài viết chia sẻ kinh nghiệm dạy học số của {name} trên tạp chí giáo dục"),
)
ACTIVITIES = (
    ("launch_ceremony", "Lễ phát động Phong trào thi đua năm học 2025-2026", date(2025, 9, 20)),
    ("training", 'Lớp bồi dưỡng "Bình dân học vụ số" cho giáo viên', date(2025, 10, 18)),
    ("seminar", "Chuyên đề ứng dụng AI trong soạn giảng", date(2025, 12, 6)),
)


def load_award_history(session: Session) -> bool:
    """Adds the history once; returns whether anything was added."""
    school = session.exec(select(Unit).where(Unit.code == SCHOOL)).first()
    movement = session.exec(select(Movement)).first()
    framework = session.exec(
        select(Framework).where(Framework.code == "BDC-CANHAN", Framework.status == "active")
    ).first()
    if school is None or movement is None or framework is None or school.id is None:
        return False
    if session.exec(select(AwardRound.id)).first() is not None:
        return False
    staff = {s.code: s for s in session.exec(select(StaffMember).where(StaffMember.code.in_(PEOPLE)))}  # type: ignore[attr-defined]
    for kind, title, day in ACTIVITIES:
        activity = Activity(unit_id=school.id, kind=kind, title=title, activity_date=day, school_year=YEAR)
        session.add(activity)
        session.flush()
        for member in staff.values():
            session.add(Attendance(activity_id=activity.id or 0, staff_id=member.id or 0, completed=True))
    works = [
        (staff[code], "initiative", "Sáng kiến xây dựng kho học liệu số môn học của {name}")
        for code in WITH_INITIATIVE
    ]
    works += [(member, kind, title) for member in staff.values() for kind, title in WORKS]
    for member, kind, title in works:
        initiative = Initiative(
            unit_id=member.unit_id,
            kind=kind,
            title=title.format(name=member.full_name),
            summary="Bộ bài giảng điện tử và câu hỏi ôn tập trực tuyến dùng chung trong tổ chuyên môn.",
            school_year=YEAR,
            recognition_level="unit",
            recognition_decision="18/QĐ-THTT",
            recognition_date=date(2026, 4, 20),
            recognised_by="Hội đồng sáng kiến Trường Tiểu học Thanh Thủy",
        )
        session.add(initiative)
        session.flush()
        session.add(
            InitiativeAuthor(
                initiative_id=initiative.id or 0, staff_id=member.id or 0, share_percent=Decimal(100)
            )
        )
    session.add(
        Flag(
            unit_id=staff["TH-TT-06"].unit_id,
            staff_id=staff["TH-TT-06"].id,
            kind="disciplinary",
            severity="reprimand",
            opened_on=date(2026, 3, 2),
            note="Khiển trách (ví dụ minh họa của dữ liệu mẫu).",
        )
    )
    session.flush()
    indicators = {
        i.code: i for i in session.exec(select(Indicator).where(Indicator.framework_id == framework.id))
    }
    for member in staff.values():
        assessment = SelfAssessment(
            framework_id=framework.id or 0,
            subject_kind="individual",
            subject_key=f"staff:{member.id}",
            unit_id=member.unit_id,
            staff_id=member.id,
            school_year=YEAR,
            status="verified",
            submitted_at=utcnow(),
            verified_at=utcnow(),
        )
        session.add(assessment)
        session.flush()
        for code, indicator in indicators.items():
            value = SELF_VALUES.get(code)
            session.add(
                AssessmentEntry(
                    assessment_id=assessment.id or 0,
                    indicator_id=indicator.id or 0,
                    self_value=value,
                    verified_value=value,
                    verified_source="review" if value is not None else None,
                )
            )
        session.flush()
        loader.freeze(session, assessment)  # the real engine's scorecard, as verification freezes it
    start = min(date(2026, 5, 15), today())
    session.add(
        AwardRound(
            movement_id=movement.id or 0,
            kind="annual",
            name=f"Khen thưởng năm học {YEAR}",
            school_year=YEAR,
            school_years=[YEAR],
            opens_on=start,
            closes_on=max(date(2026, 6, 30), today() + timedelta(days=60)),
            award_type_codes=["GK-DV-CN", "GK-XA-TT", "GK-XA-CN"],
        )
    )
    session.commit()
    return True
