"""Inspections (kiểm tra, giám sát): a team visits units, records findings and verified values.

An inspector sees and records only for inspections they are a member of, and only for the units
assigned to the inspection; a recorded value becomes the entry's verified value."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.assessments.service import check_value
from thidua.audit import service as audit
from thidua.auth.models import User
from thidua.auth.policy import Actor, roles_of
from thidua.auth.roles import Role
from thidua.core.errors import Conflict, FieldError, Invalid, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.frameworks.models import Framework, Indicator
from thidua.inspections import access
from thidua.inspections.models import Inspection, InspectionMember, InspectionUnit, InspectionValue
from thidua.inspections.schemas import (
    InspectedUnitOut,
    InspectionCreate,
    InspectionPage,
    InspectionRead,
    InspectionUpdate,
    InspectionValuesIn,
    MemberOut,
    RecordedValueOut,
)
from thidua.units import access as units_access
from thidua.units.models import Unit


def _ids(session: Session, model: Any, column: Any, inspection_id: int | None) -> list[int]:
    return list(
        session.exec(select(column).where(model.inspection_id == inspection_id).order_by(column)).all()
    )


def get_inspection(session: Session, actor: Actor, inspection_id: int) -> Inspection:
    return access.get_readable(session, actor, inspection_id)


def read_inspection(session: Session, actor: Actor, inspection: Inspection) -> InspectionRead:
    assert inspection.id is not None
    member_ids = _ids(session, InspectionMember, InspectionMember.user_id, inspection.id)
    unit_ids = _ids(session, InspectionUnit, InspectionUnit.unit_id, inspection.id)
    users = session.exec(select(User).where(col(User.id).in_(member_ids))).all() if member_ids else []
    units = session.exec(select(Unit).where(col(Unit.id).in_(unit_ids)).order_by(col(Unit.code))).all()
    rows = session.exec(
        select(InspectionValue, Indicator.code, SelfAssessment.unit_id)
        .join(Indicator, col(Indicator.id) == InspectionValue.indicator_id)
        .join(SelfAssessment, col(SelfAssessment.id) == InspectionValue.assessment_id)
        .where(InspectionValue.inspection_id == inspection.id)
        .order_by(col(InspectionValue.id))
    ).all()
    visible_rows = [r for r in rows if units_access.in_reach(actor, r[2])]
    return from_row(
        InspectionRead,
        inspection,
        members=[MemberOut(user_id=u.id or 0, login=u.login, full_name=u.full_name) for u in users],
        units=[InspectedUnitOut(unit_id=u.id or 0, code=u.code, name=u.name) for u in units],
        values=[
            from_row(RecordedValueOut, v, unit_id=unit_id, indicator_code=code)
            for v, code, unit_id in visible_rows
        ],
        allowed_actions=access.allowed_actions(session, actor, inspection),
    )


@dataclass(frozen=True)
class InspectionFilters:
    school_year: str | None = None
    status: str | None = None
    kind: str | None = None


def list_inspections(
    session: Session, actor: Actor, f: InspectionFilters, page: PageParams
) -> InspectionPage:
    query = where_given(
        access.readable(actor),
        (Inspection.school_year, f.school_year),
        (Inspection.status, f.status),
        (Inspection.kind, f.kind),
    )
    rows, total = paginate(session, query, page, col(Inspection.inspection_date).desc(), Inspection.id)
    return page_of(InspectionPage, [read_inspection(session, actor, i) for i in rows], total, page)


def _check_team(session: Session, member_ids: list[int], unit_ids: list[int]) -> None:
    problems = []
    for n, user_id in enumerate(member_ids):
        user = session.get(User, user_id)
        if user is None or not user.is_active or Role.inspector not in roles_of(session, user_id):
            problems.append(
                FieldError(
                    path=f"body.member_user_ids.{n}",
                    type="not_inspector",
                    message=f"Tài khoản {user_id} không phải thành viên đoàn kiểm tra đang hoạt động.",
                )
            )
    for n, unit_id in enumerate(unit_ids):
        unit = session.get(Unit, unit_id)
        if unit is None or unit.kind != "school":
            problems.append(
                FieldError(
                    path=f"body.unit_ids.{n}",
                    type="not_school",
                    message=f"Không có cơ sở giáo dục có id {unit_id}.",
                )
            )
    if len(set(member_ids)) != len(member_ids):
        problems.append(
            FieldError(path="body.member_user_ids", message="Thành viên bị trùng.", type="duplicate")
        )
    if len(set(unit_ids)) != len(unit_ids):
        problems.append(FieldError(path="body.unit_ids", message="Đơn vị bị trùng.", type="duplicate"))
    if problems:
        raise ValidationFailed("Thành phần đoàn kiểm tra chưa hợp lệ.", problems)


def _set_team(
    session: Session, inspection_id: int, member_ids: list[int] | None, unit_ids: list[int] | None
) -> None:
    for model, column, ids in (
        (InspectionMember, "user_id", member_ids),
        (InspectionUnit, "unit_id", unit_ids),
    ):
        if ids is None:
            continue
        for row in session.exec(select(model).where(model.inspection_id == inspection_id)).all():
            session.delete(row)
        session.flush()
        for value in ids:
            session.add(model(inspection_id=inspection_id, **{column: value}))


def create_inspection(session: Session, actor: Actor, data: InspectionCreate) -> Inspection:
    _check_team(session, data.member_user_ids, data.unit_ids)
    inspection = Inspection(**data.model_dump(exclude={"member_user_ids", "unit_ids"}))
    session.add(inspection)
    session.flush()
    assert inspection.id is not None
    _set_team(session, inspection.id, data.member_user_ids, data.unit_ids)
    audit.record(session, actor, "create", inspection, None)
    session.commit()
    return inspection


def update_inspection(
    session: Session, actor: Actor, inspection: Inspection, data: InspectionUpdate
) -> Inspection:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    members, units = changes.pop("member_user_ids", None), changes.pop("unit_ids", None)
    _check_team(session, members or [], units or [])
    assert inspection.id is not None
    _set_team(session, inspection.id, members, units)
    return audit.save_changes(session, actor, inspection, changes, "update")


def record_values(
    session: Session, actor: Actor, inspection: Inspection, data: InspectionValuesIn
) -> Inspection:
    if "record" not in access.allowed_actions(session, actor, inspection):
        raise Conflict("Đợt kiểm tra đã kết thúc hoặc bạn không phải thành viên đoàn kiểm tra.")
    if data.unit_id not in _ids(session, InspectionUnit, InspectionUnit.unit_id, inspection.id):
        raise Invalid("body.unit_id", "Đơn vị này không thuộc đợt kiểm tra.", "not_assigned")
    assessment = session.exec(
        select(SelfAssessment)
        .join(Framework, col(Framework.id) == SelfAssessment.framework_id)
        .where(
            SelfAssessment.unit_id == data.unit_id,
            SelfAssessment.subject_kind == "unit",
            SelfAssessment.school_year == inspection.school_year,
            Framework.status == "active",
        )
    ).first()
    if assessment is None or assessment.status == "draft":
        raise Conflict(f"Đơn vị chưa nộp bản tự đánh giá năm học {inspection.school_year}.")
    if assessment.status == "verified":
        raise Conflict("Bản tự đánh giá của đơn vị đã được xác nhận và chốt điểm; không ghi thêm giá trị.")
    indicators = {
        i.code.upper(): i
        for i in session.exec(select(Indicator).where(Indicator.framework_id == assessment.framework_id))
    }
    problems = []
    for n, item in enumerate(data.values):
        ind = indicators.get(item.indicator_code.upper())
        reason = "Bảng điểm không có chỉ tiêu này." if ind is None else check_value(ind, item.value)
        if reason:
            field = "indicator_code" if ind is None else "value"
            problems.append(FieldError(path=f"body.values.{n}.{field}", message=reason, type="invalid_value"))
    if problems:
        raise ValidationFailed(f"{len(problems)} giá trị chưa hợp lệ; không có gì được lưu.", problems)
    before_assessment = audit.snapshot(assessment)
    for item in data.values:
        ind = indicators[item.indicator_code.upper()]
        value = session.exec(
            select(InspectionValue).where(
                InspectionValue.inspection_id == inspection.id,
                InspectionValue.assessment_id == assessment.id,
                InspectionValue.indicator_id == ind.id,
            )
        ).first()
        value = value or InspectionValue(
            inspection_id=inspection.id or 0,
            assessment_id=assessment.id or 0,
            indicator_id=ind.id or 0,
            value=item.value,
        )
        value.value, value.comment, value.recorded_by_id, value.recorded_at = (
            item.value,
            item.comment,
            actor.id,
            utcnow(),
        )
        session.add(value)
        entry = session.exec(
            select(AssessmentEntry).where(
                AssessmentEntry.assessment_id == assessment.id, AssessmentEntry.indicator_id == ind.id
            )
        ).first()
        entry = entry or AssessmentEntry(assessment_id=assessment.id or 0, indicator_id=ind.id or 0)
        entry.verified_value, entry.verified_source = item.value, f"inspection:{inspection.id}"
        session.add(entry)
    # Both change: the assessment's ETag must go stale for anyone editing it.
    assessment.updated_at = utcnow()
    session.add(assessment)
    session.flush()
    audit.record(session, actor, "inspection_values", assessment, before_assessment)
    return audit.save_changes(session, actor, inspection, {}, "record_values")
