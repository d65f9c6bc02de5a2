"""Activities of the movement (lễ phát động, chuyên đề, bồi dưỡng, ngoại khóa) with attendance."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from thidua.activities import access
from thidua.activities.models import (
    ACTIVITY_KIND_LABELS_VI,
    Activity,
    ActivityKind,
    ActivityPartner,
    Attendance,
)
from thidua.activities.schemas import (
    ActivityCreate,
    ActivityPage,
    ActivityRead,
    ActivityUpdate,
    AttendeeIn,
    AttendeeOut,
    EvidenceLinkIn,
)
from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Forbidden, Invalid, ValidationFailed
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.units import access as units_access
from thidua.units import service as units
from thidua.units.models import StaffMember, Unit


def school_year_of(day: date) -> str:
    """School years run from September to August."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def read_activity(session: Session, actor: Actor, activity: Activity) -> ActivityRead:
    assert activity.id is not None
    unit = session.get(Unit, activity.unit_id)
    # The partner school of a study visit reads the visit, not the host's staff list.
    rows = (
        []
        if not access.is_host(actor, activity)
        else session.exec(
            select(Attendance, StaffMember)
            .join(StaffMember, col(StaffMember.id) == Attendance.staff_id)
            .where(Attendance.activity_id == activity.id)
            .order_by(col(StaffMember.code))
        ).all()
    )
    partner = session.get(ActivityPartner, activity.id)
    partner_unit = session.get(Unit, partner.partner_unit_id) if partner else None
    return from_row(
        ActivityRead,
        activity,
        unit_name=unit.name if unit else "",
        partner_unit_id=partner_unit.id if partner_unit else None,
        partner_unit_name=partner_unit.name if partner_unit else None,
        kind=ActivityKind(activity.kind),
        kind_label=ACTIVITY_KIND_LABELS_VI[ActivityKind(activity.kind)],
        attendees=[
            AttendeeOut(staff_id=s.id or 0, staff_code=s.code, full_name=s.full_name, completed=a.completed)
            for a, s in rows
        ],
        evidence_links=[EvidenceLinkIn(**link) for link in activity.evidence_links],
        allowed_actions=access.allowed_actions(actor, activity),
    )


@dataclass(frozen=True)
class ActivityFilters:
    unit_id: int | None = None
    school_year: str | None = None
    kind: str | None = None


def list_activities(session: Session, actor: Actor, f: ActivityFilters, page: PageParams) -> ActivityPage:
    query = where_given(
        access.readable(actor),
        (Activity.unit_id, f.unit_id),
        (Activity.school_year, f.school_year),
        (Activity.kind, f.kind),
    )
    rows, total = paginate(session, query, page, col(Activity.activity_date).desc(), col(Activity.id).desc())
    return page_of(ActivityPage, [read_activity(session, actor, a) for a in rows], total, page)


def get_activity(session: Session, actor: Actor, activity_id: int) -> Activity:
    return access.get_readable(session, actor, activity_id)


def _check_unit(session: Session, actor: Actor, unit_id: int | None) -> int:
    unit = session.get(Unit, unit_id) if unit_id else None
    if unit is None or unit.id is None or not units_access.in_reach(actor, unit.id):
        raise Invalid("body.unit_id", "Không tìm thấy đơn vị trong phạm vi của bạn.", "not_found")
    return unit.id


def _check_attendees(session: Session, unit_id: int, attendees: list[AttendeeIn]) -> None:
    """Attendees come from the unit holding the activity (its subject groups included)."""
    problems = units.staff_list_problems(
        session,
        unit_id,
        [a.staff_id for a in attendees],
        "body.attendees",
        "Không có cán bộ id {staff_id} trong đơn vị tổ chức.",
        "Cán bộ bị trùng trong danh sách.",
    )
    if problems:
        raise ValidationFailed("Danh sách tham dự chưa hợp lệ; không có gì được lưu.", problems)


def _set_attendance(session: Session, activity_id: int, attendees: list[AttendeeIn]) -> None:
    for row in session.exec(select(Attendance).where(Attendance.activity_id == activity_id)).all():
        session.delete(row)
    session.flush()
    for attendee in attendees:
        session.add(
            Attendance(activity_id=activity_id, staff_id=attendee.staff_id, completed=attendee.completed)
        )


def _check_partner(
    session: Session, actor: Actor, kind: str, host_id: int, partner_id: int | None
) -> int | None:
    """A study visit names the other school (any school of the commune but the host); other kinds none."""
    path = "body.partner_unit_id"
    if kind != ActivityKind.study_visit.value:
        if partner_id is not None:
            raise Invalid(
                path, "Chỉ hoạt động tham quan, giao lưu giữa các trường mới có trường bạn.", "not_allowed"
            )
        return None
    if partner_id is None:
        raise Invalid(path, "Chọn trường bạn của chuyến tham quan, giao lưu.", "missing")
    partner = session.get(Unit, partner_id)
    if partner is None or partner.kind != "school" or not units_access.in_commune(actor, partner_id):
        raise Invalid(path, f"Không tìm thấy trường có id {partner_id}.", "not_found")
    if partner_id in units._ancestor_ids(session, host_id):  # the host itself or its own school
        raise Invalid(path, "Trường bạn phải khác trường tổ chức.", "same_school")
    return partner_id


def _set_partner(session: Session, activity_id: int, partner_id: int | None) -> None:
    existing = session.get(ActivityPartner, activity_id)
    if existing is not None and existing.partner_unit_id != partner_id:
        session.delete(existing)
        session.flush()
        existing = None
    if partner_id is not None and existing is None:
        session.add(ActivityPartner(activity_id=activity_id, partner_unit_id=partner_id))


def create_activity(session: Session, actor: Actor, data: ActivityCreate) -> Activity:
    unit_id = _check_unit(session, actor, data.unit_id or actor.user.unit_id)
    _check_attendees(session, unit_id, data.attendees)
    partner_id = _check_partner(session, actor, data.kind.value, unit_id, data.partner_unit_id)
    activity = Activity(
        unit_id=unit_id,
        kind=data.kind.value,
        title=data.title,
        activity_date=data.activity_date,
        school_year=school_year_of(data.activity_date),
        description=data.description,
        learner_count=data.learner_count,
        evidence_links=[link.model_dump() for link in data.evidence_links],
    )
    session.add(activity)
    session.flush()
    assert activity.id is not None
    _set_attendance(session, activity.id, data.attendees)
    _set_partner(session, activity.id, partner_id)
    audit.record(session, actor, "create", activity, None)
    session.commit()
    return activity


def _require_host(actor: Actor, activity: Activity) -> None:
    if "update" not in access.allowed_actions(actor, activity):
        raise Forbidden("Chỉ trường tổ chức mới sửa, xóa được hoạt động này; trường bạn chỉ xem.")


def update_activity(session: Session, actor: Actor, activity: Activity, data: ActivityUpdate) -> Activity:
    _require_host(actor, activity)
    changes: dict[str, Any] = {
        k: v for k, v in data.model_dump(exclude_unset=True, mode="json").items() if v is not None
    }
    attendees = data.attendees if "attendees" in changes else None
    changes.pop("attendees", None)
    assert activity.id is not None
    current = session.get(ActivityPartner, activity.id)
    kind = data.kind.value if data.kind is not None else activity.kind
    if "partner_unit_id" in data.model_fields_set or data.kind is not None:
        wanted = (
            data.partner_unit_id
            if "partner_unit_id" in data.model_fields_set
            else (current.partner_unit_id if current else None)
        )
        if kind != ActivityKind.study_visit.value and "partner_unit_id" not in data.model_fields_set:
            wanted = None
        _set_partner(session, activity.id, _check_partner(session, actor, kind, activity.unit_id, wanted))
    changes.pop("partner_unit_id", None)
    if attendees is not None:
        _check_attendees(session, activity.unit_id, attendees)
        assert activity.id is not None
        _set_attendance(session, activity.id, attendees)
    if data.activity_date is not None:
        changes["activity_date"] = data.activity_date
        changes["school_year"] = school_year_of(data.activity_date)
    # save_changes always touches updated_at, so the version (ETag) moves even when only attendance changed.
    return audit.save_changes(session, actor, activity, changes, "update")


def delete_activity(session: Session, actor: Actor, activity: Activity) -> None:
    _require_host(actor, activity)
    audit.record_removal(session, actor, "delete", activity)
    session.delete(activity)  # the attendance list goes with it (ON DELETE CASCADE)
    session.commit()
