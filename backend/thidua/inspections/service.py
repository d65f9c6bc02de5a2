"""Inspections (kiểm tra, giám sát): a team visits units, records findings and verified values.

An inspector sees and records only for inspections they are a member of, and only for the units
assigned to the inspection. A recorded value becomes the entry's verified value once the school has
submitted its self-assessment; recorded on a draft, it is held as the inspection's value and applied
by `apply_held_values` when the school submits (in the submission's transaction, so the stored
scores move then and not before)."""

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
from thidua.inspections import access, visits
from thidua.inspections.models import (
    Inspection,
    InspectionDecision,
    InspectionFinding,
    InspectionLead,
    InspectionMember,
    InspectionPlanItem,
    InspectionUnit,
    InspectionValue,
)
from thidua.inspections.schemas import (
    DecisionIn,
    DecisionOut,
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
from thidua.users import access as users_access


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
        select(InspectionValue, Indicator.code, SelfAssessment.unit_id, SelfAssessment.status)
        .join(Indicator, col(Indicator.id) == InspectionValue.indicator_id)
        .join(SelfAssessment, col(SelfAssessment.id) == InspectionValue.assessment_id)
        .where(InspectionValue.inspection_id == inspection.id)
        .order_by(col(InspectionValue.id))
    ).all()
    visible_rows = [r for r in rows if units_access.in_reach(actor, r[2])]
    self_values = {
        (e.assessment_id, e.indicator_id): e.self_value
        for e in session.exec(
            select(AssessmentEntry).where(
                col(AssessmentEntry.assessment_id).in_({r[0].assessment_id for r in visible_rows})
            )
        )
    }
    lead = session.get(InspectionLead, inspection.id)
    decision = session.get(InspectionDecision, inspection.id)
    recorder = "record" in access.allowed_actions(session, actor, inspection)
    return from_row(
        InspectionRead,
        inspection,
        members=[MemberOut(user_id=u.id or 0, login=u.login, full_name=u.full_name) for u in users],
        units=[
            InspectedUnitOut(
                unit_id=u.id or 0,
                code=u.code,
                name=u.name,
                # only where recording is the caller's to do: the reason is what stops the button
                record_blocked=_record_blocked(
                    _unit_assessment(session, u.id or 0, inspection.school_year), inspection.school_year
                )
                if recorder
                else None,
            )
            for u in units
        ],
        values=[
            from_row(
                RecordedValueOut,
                v,
                unit_id=unit_id,
                indicator_code=code,
                self_value=self_values.get((v.assessment_id, v.indicator_id)),
                applied=status != "draft",
            )
            for v, code, unit_id, status in visible_rows
        ],
        lead_user_id=lead.user_id if lead else None,
        decision=from_row(DecisionOut, decision) if decision else None,
        visits=visits.of_inspection(session, actor, inspection),
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


def _check_team(
    session: Session, actor: Actor, member_ids: list[int], unit_ids: list[int], lead_id: int | None = None
) -> None:
    problems = []
    if lead_id is not None and lead_id not in member_ids:
        problems.append(
            FieldError(
                path="body.lead_user_id",
                type="not_member",
                message="Trưởng đoàn phải là một thành viên của đoàn kiểm tra.",
            )
        )
    for n, user_id in enumerate(member_ids):
        user = session.get(User, user_id)
        if user is not None and not users_access.unit_for_account(actor, user.unit_id):
            user = None  # another commune's inspector reads like a missing one
        if user is None or not user.is_active or Role.inspector not in roles_of(session, user_id):
            problems.append(
                FieldError(
                    path=f"body.member_user_ids.{n}",
                    type="not_inspector",
                    message=f"Tài khoản {user_id} không phải thành viên đoàn kiểm tra đang hoạt động.",
                )
            )
    for n, unit_id in enumerate(unit_ids):
        unit = units_access.unit_in_reach(session, actor, unit_id)
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


def _set_lead(session: Session, inspection_id: int, user_id: int) -> None:
    lead = session.get(InspectionLead, inspection_id)
    if lead is None:
        session.add(InspectionLead(inspection_id=inspection_id, user_id=user_id))
    else:
        lead.user_id = user_id
        session.add(lead)


def _with_visited(unit_ids: list[int], planned: list[InspectionPlanItem]) -> list[int]:
    """The inspection's schools: those named, then each planned visit's school not named."""
    return unit_ids + [u for u in dict.fromkeys(i.unit_id for i in planned) if u not in unit_ids]


def create_inspection(session: Session, actor: Actor, data: InspectionCreate) -> Inspection:
    _check_team(session, actor, data.member_user_ids, data.unit_ids, data.lead_user_id)
    planned = visits.check(session, actor, data.kind, data.school_year, data.plan_item_ids, None)
    inspection = Inspection(
        **data.model_dump(exclude={"member_user_ids", "unit_ids", "lead_user_id", "plan_item_ids"}),
        commune_id=actor.commune_id,
    )
    session.add(inspection)
    session.flush()
    assert inspection.id is not None
    _set_team(session, inspection.id, data.member_user_ids, _with_visited(data.unit_ids, planned))
    visits.replace(session, inspection.id, planned)
    _set_lead(session, inspection.id, data.lead_user_id or data.member_user_ids[0])
    audit.record(session, actor, "create", inspection, None)
    session.commit()
    return inspection


def update_inspection(
    session: Session, actor: Actor, inspection: Inspection, data: InspectionUpdate
) -> Inspection:
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    members, units = changes.pop("member_user_ids", None), changes.pop("unit_ids", None)
    lead_id = changes.pop("lead_user_id", None)
    item_ids = changes.pop("plan_item_ids", None)
    assert inspection.id is not None
    planned = (
        visits.check(session, actor, inspection.kind, inspection.school_year, item_ids, inspection.id)
        if item_ids is not None
        else None
    )
    if planned:
        current = (
            units
            if units is not None
            else _ids(session, InspectionUnit, InspectionUnit.unit_id, inspection.id)
        )
        units = _with_visited(current, planned)
    current_lead = session.get(InspectionLead, inspection.id)
    team = (
        members
        if members is not None
        else _ids(session, InspectionMember, InspectionMember.user_id, inspection.id)
    )
    if lead_id is None and members is not None and current_lead and current_lead.user_id not in members:
        lead_id = members[0]  # the lead left the team: the first member leads
    _check_team(session, actor, members or [], units or [])
    if lead_id is not None and lead_id not in team:
        raise Invalid(
            "body.lead_user_id", "Trưởng đoàn phải là một thành viên của đoàn kiểm tra.", "not_member"
        )
    if changes.get("status") == "closed" and inspection.status == "open":
        check_can_close(session, inspection)
    _set_team(session, inspection.id, members, units)
    if planned is not None:
        visits.replace(session, inspection.id, planned)
    elif units is not None:
        visits.drop_outside(session, inspection.id, units)
    if lead_id is not None:
        _set_lead(session, inspection.id, lead_id)
    return audit.save_changes(session, actor, inspection, changes, "update")


def check_can_close(session: Session, inspection: Inspection) -> None:
    """A mandatory finding still open keeps the inspection open: 409 naming each one."""
    still_open = session.exec(
        select(InspectionFinding)
        .where(
            InspectionFinding.inspection_id == inspection.id,
            col(InspectionFinding.mandatory).is_(True),
            InspectionFinding.status == "open",
        )
        .order_by(col(InspectionFinding.id))
    ).all()
    if still_open:
        raise Conflict(
            f"Còn {len(still_open)} nội dung kiểm tra bắt buộc chưa hoàn thành; "
            "chưa kết thúc được đợt kiểm tra.",
            errors=[
                FieldError(
                    path=f"findings.{f.id}.status",
                    message="Nội dung bắt buộc chưa hoàn thành.",
                    type="mandatory_open",
                )
                for f in still_open
            ],
        )


def set_decision(session: Session, actor: Actor, inspection: Inspection, data: DecisionIn) -> Inspection:
    """The commune's decision sending the team (Quyết định kiểm tra): recorded, then downloadable."""
    assert inspection.id is not None
    decision = session.get(InspectionDecision, inspection.id)
    before = audit.snapshot(decision) if decision else None
    decision = decision or InspectionDecision(inspection_id=inspection.id, **data.model_dump())
    for key, value in data.model_dump().items():
        setattr(decision, key, value)
    decision.issued_at = utcnow()
    session.add(decision)
    session.flush()
    audit.record(session, actor, "decide", decision, before)
    return audit.save_changes(session, actor, inspection, {}, "decide")


def _unit_assessment(session: Session, unit_id: int, school_year: str) -> SelfAssessment | None:
    """The unit's self-assessment of the inspection's year on the active framework (values land there)."""
    return session.exec(
        select(SelfAssessment)
        .join(Framework, col(Framework.id) == SelfAssessment.framework_id)
        .where(
            SelfAssessment.unit_id == unit_id,
            SelfAssessment.subject_kind == "unit",
            SelfAssessment.school_year == school_year,
            Framework.status == "active",
        )
    ).first()


def _record_blocked(assessment: SelfAssessment | None, school_year: str) -> str | None:
    """Why values cannot be recorded on the unit's assessment now, or None when they can."""
    if assessment is None:
        return f"Đơn vị chưa lập bản tự đánh giá năm học {school_year}."
    if assessment.status == "verified":
        return "Bản tự đánh giá của đơn vị đã được xác nhận và chốt điểm; không ghi thêm giá trị."
    return None


def record_values(
    session: Session, actor: Actor, inspection: Inspection, data: InspectionValuesIn
) -> Inspection:
    access.require(session, actor, inspection, "record", "Chỉ thành viên đoàn kiểm tra mới ghi được giá trị.")
    if data.unit_id not in _ids(session, InspectionUnit, InspectionUnit.unit_id, inspection.id):
        raise Invalid("body.unit_id", "Đơn vị này không thuộc đợt kiểm tra.", "not_assigned")
    assessment = _unit_assessment(session, data.unit_id, inspection.school_year)
    blocked = _record_blocked(assessment, inspection.school_year)
    if blocked is not None or assessment is None:
        raise Conflict(blocked or "")
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
        if assessment.status != "draft":
            _apply(session, assessment, value)
    if assessment.status == "draft":
        # Held as the inspection's values: they apply when the school submits, not before.
        return audit.save_changes(session, actor, inspection, {}, "record_values")
    # Both change: the assessment's ETag must go stale for anyone editing it.
    assessment.updated_at = utcnow()
    session.add(assessment)
    session.flush()
    audit.record(session, actor, "inspection_values", assessment, before_assessment)
    return audit.save_changes(session, actor, inspection, {}, "record_values")


def _apply(session: Session, assessment: SelfAssessment, value: InspectionValue) -> None:
    entry = session.exec(
        select(AssessmentEntry).where(
            AssessmentEntry.assessment_id == assessment.id, AssessmentEntry.indicator_id == value.indicator_id
        )
    ).first()
    entry = entry or AssessmentEntry(assessment_id=assessment.id or 0, indicator_id=value.indicator_id)
    entry.verified_value, entry.verified_source = value.value, f"inspection:{value.inspection_id}"
    session.add(entry)


def apply_held_values(session: Session, assessment: SelfAssessment) -> None:
    """On submission (assessments.service.submit, wired in registrations.py): the values inspections
    recorded while the assessment was a draft become its verified values, the latest recorded value
    of an indicator winning. The entries change in the submission's transaction; the dependency map
    re-scores the assessment before it commits."""
    if assessment.status != "draft":
        return  # a returned assessment already carries them
    held = session.exec(
        select(InspectionValue)
        .where(InspectionValue.assessment_id == assessment.id)
        .order_by(col(InspectionValue.recorded_at), col(InspectionValue.id))
    ).all()
    for value in held:
        _apply(session, assessment, value)
