"""A head of school and the school's results (seed IV.1: "gắn kết quả thực hiện Phong trào thi đua
với việc đánh giá, xếp loại ... của người đứng đầu đơn vị"): the school's classification for each
year, read from the stored scores (scoring/models.py), never recomputed."""

import unicodedata

from sqlmodel import Session, col, select

from thidua.auth.models import User, UserRole
from thidua.auth.roles import Role
from thidua.scoring.models import AssessmentScore
from thidua.steering.schemas import HeadSchoolResults, SchoolYearResult
from thidua.units.models import StaffMember, Unit

HEAD_TITLES = ("hiệu trưởng", "giám đốc", "thủ trưởng")


def is_head_title(position: str) -> bool:
    """ "Hiệu trưởng" is a head, "Phó Hiệu trưởng" is not."""
    text = unicodedata.normalize("NFC", position).strip().lower()
    return text.startswith(HEAD_TITLES)


def is_head(session: Session, staff: StaffMember) -> bool:
    unit = session.get(Unit, staff.unit_id)
    if unit is None or unit.kind != "school":
        return False
    if is_head_title(staff.position):
        return True
    if staff.user_id is None:
        return False
    manager = session.exec(
        select(UserRole.id)
        .join(User, col(User.id) == UserRole.user_id)
        .where(UserRole.user_id == staff.user_id, UserRole.role == Role.unit_manager, User.unit_id == unit.id)
    ).first()
    return manager is not None


def school_scores(session: Session, unit_id: int) -> dict[str, AssessmentScore]:
    """The school's stored unit score per school year (the newest framework version of the year);
    drafts are left out: a classification is only a result once the school has submitted."""
    rows = session.exec(
        select(AssessmentScore)
        .where(
            AssessmentScore.unit_id == unit_id,
            AssessmentScore.subject_kind == "unit",
            AssessmentScore.status != "draft",
        )
        .order_by(col(AssessmentScore.school_year), col(AssessmentScore.framework_version))
    ).all()
    return {row.school_year: row for row in rows}  # later versions overwrite earlier ones


def head_results(session: Session, staff: StaffMember) -> HeadSchoolResults:
    assert staff.id is not None
    unit = session.get(Unit, staff.unit_id)
    head = is_head(session, staff)
    years = (
        [
            SchoolYearResult(
                school_year=year,
                status=s.status,
                classification_code=s.classification_code,
                classification_label=s.classification_label,
                verified_total=str(s.verified_total),
                completion_percent=str(s.completion_percent),
            )
            for year, s in sorted(school_scores(session, staff.unit_id).items())
        ]
        if head
        else []
    )
    return HeadSchoolResults(
        staff_id=staff.id,
        is_head=head,
        unit_id=staff.unit_id,
        unit_name=unit.name if unit else "",
        years=years,
    )
