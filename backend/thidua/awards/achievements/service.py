"""The achievement history every eligibility rule reads: awards a decision on the system granted, and
earlier ones entered by hand."""

from dataclasses import dataclass

from sqlmodel import Session, col

from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.awards.achievements import access
from thidua.awards.achievements.schemas import AchievementCreate, AchievementPage, AchievementRead
from thidua.awards.models import Achievement, AwardLevel
from thidua.core.errors import Conflict, Invalid
from thidua.core.models import today
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.units import access as units_access
from thidua.units.models import StaffMember, Unit


def read_achievement(session: Session, actor: Actor, a: Achievement) -> AchievementRead:
    assert a.id is not None
    unit = session.get(Unit, a.unit_id)
    staff = session.get(StaffMember, a.staff_id) if a.staff_id else None
    return from_row(
        AchievementRead,
        a,
        unit_name=unit.name if unit else "",
        subject_name=staff.full_name if staff else (unit.name if unit else ""),
        level=AwardLevel(a.level),
        allowed_actions=access.allowed_actions(actor, a),
    )


@dataclass(frozen=True)
class AchievementFilters:
    unit_id: int | None = None
    staff_id: int | None = None
    school_year: str | None = None
    award_type_code: str | None = None
    round_id: int | None = None


def list_achievements(
    session: Session, actor: Actor, f: AchievementFilters, page: PageParams
) -> AchievementPage:
    query = where_given(
        access.readable(session, actor),
        (Achievement.unit_id, f.unit_id),
        (Achievement.staff_id, f.staff_id),
        (Achievement.school_year, f.school_year),
        (Achievement.award_type_code, f.award_type_code),
        (Achievement.round_id, f.round_id),
    )
    rows, total = paginate(
        session, query, page, col(Achievement.decision_date).desc(), col(Achievement.id).desc()
    )
    return page_of(AchievementPage, [read_achievement(session, actor, a) for a in rows], total, page)


def create_achievement(session: Session, actor: Actor, data: AchievementCreate) -> Achievement:
    unit = units_access.unit_in_reach(session, actor, data.unit_id)
    if unit is None:
        raise Invalid("body.unit_id", f"Không tìm thấy đơn vị có id {data.unit_id}.", "not_found")
    if data.staff_id is not None:
        staff = session.get(StaffMember, data.staff_id)
        if staff is None or staff.unit_id not in descendant_unit_ids(session, data.unit_id):
            raise Invalid("body.staff_id", "Không có cán bộ này trong đơn vị đã chọn.", "not_in_unit")
    if data.decision_date > today():
        raise Invalid("body.decision_date", "Ngày quyết định không được ở tương lai.", "future")
    a = Achievement(**data.model_dump(mode="python"))
    a.level = data.level.value
    return audit.add_new(session, actor, a)


def delete_achievement(session: Session, actor: Actor, a: Achievement) -> None:
    if a.nomination_id is not None:
        raise Conflict("Thành tích do quyết định khen thưởng trên hệ thống tạo ra; không xóa được.")
    audit.record_removal(session, actor, "delete", a)
    session.delete(a)
    session.commit()
