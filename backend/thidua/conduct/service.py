"""Annual staff ratings (entered by the unit manager or the commune) and flags (disciplinary measures,
information-security incidents, recorded by the commune): records the award rules read.

Personal data: only those who decide awards read them, a unit manager only their own unit's."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.conduct import access
from thidua.conduct.models import (
    DISCIPLINE_SEVERITY_LABELS_VI,
    FLAG_KIND_LABELS_VI,
    STAFF_RATING_LABELS_VI,
    DisciplineSeverity,
    Flag,
    FlagKind,
    StaffRating,
    StaffRatingValue,
)
from thidua.conduct.schemas import (
    FlagCreate,
    FlagPage,
    FlagRead,
    FlagUpdate,
    StaffRatingCreate,
    StaffRatingPage,
    StaffRatingRead,
    StaffRatingUpdate,
)
from thidua.core.errors import Conflict, FieldError, Invalid
from thidua.core.models import today
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.units import access as units_access
from thidua.units.models import StaffMember, Unit


def _unit_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    rows = session.exec(select(Unit.id, Unit.name).where(col(Unit.id).in_(wanted))).all()
    return {unit_id: name for unit_id, name in rows if unit_id is not None}


def _staff(session: Session, ids: Iterable[int | None]) -> dict[int, StaffMember]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(StaffMember).where(col(StaffMember.id).in_(wanted))).all()
    return {s.id: s for s in rows if s.id is not None}


# --- staff ratings ---------------------------------------------------------------------------------


def read_ratings(session: Session, actor: Actor, ratings: list[StaffRating]) -> list[StaffRatingRead]:
    names = _unit_names(session, (r.unit_id for r in ratings))
    staff = _staff(session, (r.staff_id for r in ratings))
    out = []
    for r in ratings:
        assert r.id is not None
        member = staff.get(r.staff_id)
        out.append(
            from_row(
                StaffRatingRead,
                r,
                staff_code=member.code if member else "",
                staff_name=member.full_name if member else "",
                unit_name=names.get(r.unit_id, ""),
                rating=StaffRatingValue(r.rating),
                rating_label=STAFF_RATING_LABELS_VI[StaffRatingValue(r.rating)],
                allowed_actions=access.rating_actions(actor, r),
            )
        )
    return out


def read_rating(session: Session, actor: Actor, rating: StaffRating) -> StaffRatingRead:
    return read_ratings(session, actor, [rating])[0]


@dataclass(frozen=True)
class RatingFilters:
    unit_id: int | None = None  # the unit and its subject groups
    staff_id: int | None = None
    school_year: str | None = None


def list_ratings(session: Session, actor: Actor, f: RatingFilters, page: PageParams) -> StaffRatingPage:
    query = access.readable_ratings(actor).join(StaffMember, col(StaffMember.id) == StaffRating.staff_id)
    if f.unit_id is not None:
        query = query.where(col(StaffRating.unit_id).in_(descendant_unit_ids(session, f.unit_id)))
    if f.staff_id is not None:
        query = query.where(StaffRating.staff_id == f.staff_id)
    if f.school_year is not None:
        query = query.where(StaffRating.school_year == f.school_year)
    rows, total = paginate(
        session,
        query,
        page,
        col(StaffRating.school_year).desc(),
        col(StaffMember.code),
        col(StaffRating.id),
    )
    return page_of(StaffRatingPage, read_ratings(session, actor, rows), total, page)


def get_rating(session: Session, actor: Actor, rating_id: int) -> StaffRating:
    return access.get_readable_rating(session, actor, rating_id)


def create_rating(session: Session, actor: Actor, data: StaffRatingCreate) -> StaffRating:
    staff = session.get(StaffMember, data.staff_id)
    if staff is None or staff.id is None or not units_access.in_reach(actor, staff.unit_id):
        raise Invalid(
            "body.staff_id",
            f"Không tìm thấy cán bộ có id {data.staff_id} trong phạm vi của bạn.",
            "not_found",
        )
    taken = session.exec(
        select(StaffRating.id).where(
            StaffRating.staff_id == staff.id, StaffRating.school_year == data.school_year
        )
    ).first()
    if taken is not None:
        raise Conflict(
            f"{staff.full_name} đã có xếp loại năm học {data.school_year} (id {taken}); hãy sửa xếp loại đó.",
            errors=[
                FieldError(
                    path="body.school_year", message="Đã có xếp loại của năm học này.", type="duplicate"
                )
            ],
        )
    rating = StaffRating(
        staff_id=staff.id, unit_id=staff.unit_id, school_year=data.school_year, rating=data.rating.value
    )
    session.add(rating)
    session.flush()
    audit.record(session, actor, "create", rating, None)
    session.commit()
    return rating


def update_rating(
    session: Session, actor: Actor, rating: StaffRating, data: StaffRatingUpdate
) -> StaffRating:
    return audit.save_changes(session, actor, rating, {"rating": data.rating.value}, "update")


def delete_rating(session: Session, actor: Actor, rating: StaffRating) -> None:
    audit.record_removal(session, actor, "delete", rating)
    session.delete(rating)
    session.commit()


# --- flags -----------------------------------------------------------------------------------------


def read_flags(session: Session, actor: Actor, flags: list[Flag]) -> list[FlagRead]:
    names = _unit_names(session, (f.unit_id for f in flags))
    staff = _staff(session, (f.staff_id for f in flags))
    out = []
    for f in flags:
        assert f.id is not None
        member = staff.get(f.staff_id) if f.staff_id is not None else None
        severity = DisciplineSeverity(f.severity) if f.severity else None
        out.append(
            from_row(
                FlagRead,
                f,
                unit_name=names.get(f.unit_id, ""),
                staff_code=member.code if member else None,
                staff_name=member.full_name if member else None,
                subject_name=member.full_name if member else names.get(f.unit_id, ""),
                kind=FlagKind(f.kind),
                kind_label=FLAG_KIND_LABELS_VI[FlagKind(f.kind)],
                severity=severity,
                severity_label=DISCIPLINE_SEVERITY_LABELS_VI[severity] if severity else None,
                is_open=f.closed_on is None,
                allowed_actions=access.flag_actions(actor, f),
            )
        )
    return out


def read_flag(session: Session, actor: Actor, flag: Flag) -> FlagRead:
    return read_flags(session, actor, [flag])[0]


@dataclass(frozen=True)
class FlagFilters:
    unit_id: int | None = None  # the unit and its subject groups
    staff_id: int | None = None
    kind: str | None = None
    open: bool | None = None


def list_flags(session: Session, actor: Actor, f: FlagFilters, page: PageParams) -> FlagPage:
    query = access.readable_flags(actor)
    if f.unit_id is not None:
        query = query.where(col(Flag.unit_id).in_(descendant_unit_ids(session, f.unit_id)))
    if f.staff_id is not None:
        query = query.where(Flag.staff_id == f.staff_id)
    if f.kind is not None:
        query = query.where(Flag.kind == f.kind)
    if f.open is not None:
        closed = col(Flag.closed_on)
        query = query.where(closed.is_(None) if f.open else closed.is_not(None))
    rows, total = paginate(session, query, page, col(Flag.opened_on).desc(), col(Flag.id).desc())
    return page_of(FlagPage, read_flags(session, actor, rows), total, page)


def get_flag(session: Session, actor: Actor, flag_id: int) -> Flag:
    return access.get_readable_flag(session, actor, flag_id)


def _check_severity(kind: str, severity: DisciplineSeverity | None) -> None:
    if severity is not None and kind != FlagKind.disciplinary.value:
        raise Invalid(
            "body.severity",
            "Chỉ hình thức kỷ luật mới có mức độ; sự cố an toàn thông tin thì bỏ trống.",
            "not_allowed",
        )


def _check_not_future(path: str, day: Any, what: str) -> None:
    if day > today():
        raise Invalid(path, f"{what} không được sau ngày hôm nay.", "future_date")


def create_flag(session: Session, actor: Actor, data: FlagCreate) -> Flag:
    unit = session.get(Unit, data.unit_id)
    if unit is None or unit.id is None or not units_access.in_reach(actor, unit.id):
        raise Invalid("body.unit_id", f"Không tìm thấy đơn vị có id {data.unit_id}.", "not_found")
    if data.staff_id is not None:
        staff = session.get(StaffMember, data.staff_id)
        if staff is None or staff.unit_id not in descendant_unit_ids(session, unit.id):
            raise Invalid(
                "body.staff_id",
                f"Không có cán bộ id {data.staff_id} trong đơn vị '{unit.name}'.",
                "not_in_unit",
            )
    _check_severity(data.kind.value, data.severity)
    _check_not_future("body.opened_on", data.opened_on, "Ngày bắt đầu")
    flag = Flag(
        unit_id=unit.id,
        staff_id=data.staff_id,
        kind=data.kind.value,
        severity=data.severity.value if data.severity else None,
        opened_on=data.opened_on,
        note=data.note,
    )
    session.add(flag)
    session.flush()
    audit.record(session, actor, "create", flag, None)
    session.commit()
    return flag


def update_flag(session: Session, actor: Actor, flag: Flag, data: FlagUpdate) -> Flag:
    sent = data.model_fields_set
    changes: dict[str, Any] = {}
    if "closed_on" in sent:
        if data.closed_on is not None:
            if data.closed_on < flag.opened_on:
                raise Invalid(
                    "body.closed_on",
                    f"Ngày khép lại không được trước ngày bắt đầu ({flag.opened_on:%d/%m/%Y}).",
                    "before_opened",
                )
            _check_not_future("body.closed_on", data.closed_on, "Ngày khép lại")
        changes["closed_on"] = data.closed_on  # null reopens
    if "severity" in sent:
        _check_severity(flag.kind, data.severity)
        changes["severity"] = data.severity.value if data.severity else None
    if data.note is not None:
        changes["note"] = data.note
    return audit.save_changes(session, actor, flag, changes, "update")


def delete_flag(session: Session, actor: Actor, flag: Flag) -> None:
    audit.record_removal(session, actor, "delete", flag)
    session.delete(flag)
    session.commit()
