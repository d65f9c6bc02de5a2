"""Plans (kế hoạch): the commune's plan and each unit's implementation plan, due within 30 days of
receiving the commune plan; draft → submitted → returned → submitted → approved, every version kept."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor, descendant_unit_ids
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, ValidationFailed
from thidua.core.models import today, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import where_given
from thidua.frameworks.models import Framework, Indicator
from thidua.movements.models import Movement
from thidua.plans import access
from thidua.plans.models import PLAN_DEADLINE_DAYS, Plan, PlanVersion
from thidua.plans.schemas import (
    BudgetLinesIn,
    PlanContent,
    PlanCreate,
    PlanPage,
    PlanRead,
    PlanUpdate,
    PlanVersionRead,
    ReturnComment,
    TrackingRow,
)
from thidua.units import access as unit_access
from thidua.units.models import StaffMember, Unit
from thidua.webhooks import service as webhooks

DUE_SOON_DAYS = 7


def deadline(plan: Plan | None, on: date) -> tuple[str, int | None]:
    """(deadline status, days left) of a unit plan: on time, due in ≤ 7 days, overdue, submitted late."""
    if plan is None or plan.due_date is None:
        return "not_received", None
    if plan.first_submitted_at is not None:
        submitted_on = plan.first_submitted_at.date()
        return ("on_time" if submitted_on <= plan.due_date else "submitted_late"), None
    days_left = (plan.due_date - on).days
    if days_left < 0:
        return "overdue", days_left
    return ("due_soon" if days_left <= DUE_SOON_DAYS else "pending"), days_left


def _count_versions(session: Session, plan_id: int) -> int:
    return int(session.exec(select(func.count()).where(PlanVersion.plan_id == plan_id)).one())


def read_plan(session: Session, actor: Actor, plan: Plan) -> PlanRead:
    assert plan.id is not None
    unit = session.get(Unit, plan.unit_id)
    status, days_left = deadline(plan, today()) if plan.kind == "unit" else (None, None)
    return from_row(
        PlanRead,
        plan,
        unit_name=unit.name if unit else "",
        deadline_status=status,
        days_left=days_left,
        budget_total_vnd=sum(int(b["amount_vnd"]) for b in plan.budget_lines),
        version_count=_count_versions(session, plan.id),
        allowed_actions=access.allowed_actions(actor, plan),
    )


@dataclass(frozen=True)
class PlanFilters:
    unit_id: int | None = None
    status: str | None = None
    kind: str | None = None


def list_plans(session: Session, actor: Actor, f: PlanFilters, page: PageParams) -> PlanPage:
    query = access.readable(actor)
    query = where_given(query, (Plan.unit_id, f.unit_id), (Plan.status, f.status), (Plan.kind, f.kind))
    rows, total = paginate(session, query, page, Plan.kind, Plan.unit_id, Plan.id)
    return page_of(PlanPage, [read_plan(session, actor, p) for p in rows], total, page)


def get_plan(session: Session, actor: Actor, plan_id: int) -> Plan:
    return access.get_readable(session, actor, plan_id)


def _content_problems(
    session: Session, movement_id: int, unit_id: int, content: PlanContent
) -> list[FieldError]:
    problems: list[FieldError] = []
    at = "body.content"
    units = descendant_unit_ids(session, unit_id)
    for n, task in enumerate(content.tasks):
        if task.due_date < task.start_date:
            problems.append(
                FieldError(
                    path=f"{at}.tasks.{n}.due_date",
                    type="before_start",
                    message="Hạn hoàn thành không được trước ngày bắt đầu.",
                )
            )
        if task.owner_staff_id is not None:
            staff = session.get(StaffMember, task.owner_staff_id)
            if staff is None or staff.unit_id not in units:
                problems.append(
                    FieldError(
                        path=f"{at}.tasks.{n}.owner_staff_id",
                        type="not_in_unit",
                        message="Người phụ trách phải là cán bộ của đơn vị.",
                    )
                )
        if task.owner_unit_id is not None and task.owner_unit_id not in units:
            problems.append(
                FieldError(
                    path=f"{at}.tasks.{n}.owner_unit_id",
                    type="not_in_unit",
                    message="Tổ phụ trách phải thuộc đơn vị.",
                )
            )
        if task.status == "done" and task.done_date is None:
            problems.append(
                FieldError(
                    path=f"{at}.tasks.{n}.done_date",
                    type="missing",
                    message="Nhiệm vụ đã hoàn thành cần ngày hoàn thành.",
                )
            )
    codes = set(
        session.exec(
            select(Indicator.code)
            .join(Framework, col(Framework.id) == Indicator.framework_id)
            .where(
                Framework.movement_id == movement_id,
                Framework.status == "active",
                Framework.subject_kind == "unit",
            )
        ).all()
    )
    for n, target in enumerate(content.targets):
        if target.indicator_code not in codes:
            problems.append(
                FieldError(
                    path=f"{at}.targets.{n}.indicator_code",
                    type="unknown_indicator",
                    message=f"Không có chỉ tiêu mã '{target.indicator_code}' trong bảng điểm.",
                )
            )
    return problems


def _validate(session: Session, movement_id: int, unit_id: int, content: PlanContent) -> None:
    problems = _content_problems(session, movement_id, unit_id, content)
    if problems:
        raise ValidationFailed(f"Kế hoạch chưa hợp lệ: {len(problems)} lỗi; không có gì được lưu.", problems)


def create_plan(session: Session, actor: Actor, data: PlanCreate) -> Plan:
    if session.get(Movement, data.movement_id) is None:
        raise Invalid("body.movement_id", f"Không tìm thấy phong trào có id {data.movement_id}.", "not_found")
    unit = unit_access.unit_in_reach(session, actor, data.unit_id or actor.user.unit_id or 0)
    if unit is None or unit.id is None:
        raise Invalid("body.unit_id", "Không tìm thấy đơn vị trong phạm vi của bạn.", "not_found")
    if unit.kind == "commune":
        if not actor.can(Permission.plans_review):
            raise Invalid("body.unit_id", "Chỉ Phòng Văn hóa - Xã hội lập kế hoạch của xã.", "not_allowed")
        kind = "commune"
    elif unit.kind == "school" and Role.unit_manager in actor.roles:
        kind = "unit"
    elif unit.kind == "school":  # the role, not the body, is what is refused
        raise Forbidden("Kế hoạch thực hiện do thủ trưởng cơ sở giáo dục lập.")
    else:
        raise Invalid("body.unit_id", "Kế hoạch thực hiện do thủ trưởng cơ sở giáo dục lập.", "not_allowed")
    if (
        kind == "unit"
        and session.exec(
            select(Plan.id).where(
                Plan.unit_id == unit.id, Plan.movement_id == data.movement_id, Plan.kind == "unit"
            )
        ).first()
    ):
        raise Conflict("Đơn vị đã có kế hoạch thực hiện phong trào này; hãy sửa kế hoạch đó.")
    _validate(session, data.movement_id, unit.id, data.content)
    plan = Plan(
        movement_id=data.movement_id,
        unit_id=unit.id,
        kind=kind,
        number=data.number,
        title=data.title,
        issue_date=data.issue_date,
        received_date=data.received_date,
        due_date=_due(data.received_date),
        status="draft" if kind == "unit" else "issued",
        content=data.content.model_dump(mode="json"),
    )
    session.add(plan)
    session.flush()
    audit.record(session, actor, "create", plan, None)
    session.commit()
    return plan


def _due(received: date | None) -> date | None:
    return received + timedelta(days=PLAN_DEADLINE_DAYS) if received else None


def update_plan(session: Session, actor: Actor, plan: Plan, data: PlanUpdate) -> Plan:
    access.require(actor, plan, "update")
    changes: dict[str, Any] = data.model_dump(exclude_unset=True, exclude={"content"}, mode="json")
    if data.content is not None:
        _validate(session, plan.movement_id, plan.unit_id, data.content)
        changes["content"] = data.content.model_dump(mode="json")
    if "received_date" in data.model_fields_set:
        changes["received_date"] = data.received_date
        changes["due_date"] = _due(data.received_date)
    if "issue_date" in data.model_fields_set:
        changes["issue_date"] = data.issue_date
    if changes.get("title", "") is None:
        raise Invalid("body.title", "Trường này không được để trống.", "missing")
    return audit.save_changes(session, actor, plan, changes, "update")


def set_budget(session: Session, actor: Actor, plan: Plan, data: BudgetLinesIn) -> Plan:
    access.require(actor, plan, "edit_budget")
    lines = [line.model_dump(mode="json") for line in data.budget_lines]
    return audit.save_changes(session, actor, plan, {"budget_lines": lines}, "update_budget")


def _snapshot(session: Session, actor: Actor, plan: Plan, event: str, comment: str | None) -> None:
    assert plan.id is not None
    session.add(
        PlanVersion(
            plan_id=plan.id,
            number=_count_versions(session, plan.id) + 1,
            event=event,
            comment=comment,
            created_by_id=actor.id,
            snapshot={
                "number": plan.number,
                "title": plan.title,
                "status": plan.status,
                "content": plan.content,
                "budget_lines": plan.budget_lines,
                "received_date": str(plan.received_date or ""),
                "issue_date": str(plan.issue_date or ""),
            },
        )
    )


def _transition(
    session: Session,
    actor: Actor,
    plan: Plan,
    action: str,
    changes: dict[str, Any],
    comment: str | None = None,
) -> Plan:
    access.require(actor, plan, action)
    before = audit.snapshot(plan)
    for key, value in changes.items():
        setattr(plan, key, value)
    plan.updated_at = utcnow()
    session.add(plan)
    session.flush()
    _snapshot(session, actor, plan, action, comment)
    audit.record(session, actor, action, plan, before)
    event = {"submit": "plan.submitted", "approve": "plan.approved"}.get(action)
    if event:  # the webhook event commits with the change, or not at all
        data = {"plan_id": plan.id, "kind": plan.kind, "movement_id": plan.movement_id, "status": plan.status}
        webhooks.emit(session, event, plan.unit_id, {**data, "number": plan.number, "title": plan.title})
    session.commit()
    return plan


def submit(session: Session, actor: Actor, plan: Plan) -> Plan:
    changes: dict[str, Any] = {"status": "submitted"}
    if plan.received_date is None:
        raise Invalid("body.received_date", "Cần nhập ngày nhận kế hoạch của xã trước khi nộp.", "missing")
    if plan.first_submitted_at is None:
        changes["first_submitted_at"] = utcnow()
    return _transition(session, actor, plan, "submit", changes)


def return_plan(session: Session, actor: Actor, plan: Plan, data: ReturnComment) -> Plan:
    return _transition(
        session, actor, plan, "return", {"status": "returned", "return_comment": data.comment}, data.comment
    )


def approve(session: Session, actor: Actor, plan: Plan) -> Plan:
    return _transition(
        session,
        actor,
        plan,
        "approve",
        {"status": "approved", "approved_at": utcnow(), "return_comment": None},
    )


def versions(session: Session, plan: Plan) -> list[PlanVersionRead]:
    rows = session.exec(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(col(PlanVersion.number))
    )
    return [PlanVersionRead.model_validate(v, from_attributes=True) for v in rows]


def tracking(session: Session, movement_id: int) -> list[TrackingRow]:
    """The commune's table: every school's plan status and days left."""
    schools = session.exec(
        select(Unit).where(Unit.kind == "school", col(Unit.is_active).is_(True)).order_by(col(Unit.code))
    ).all()
    plans = {
        p.unit_id: p
        for p in session.exec(select(Plan).where(Plan.movement_id == movement_id, Plan.kind == "unit"))
    }
    on = today()
    rows = []
    for school in schools:
        plan = plans.get(school.id or 0)
        status, days_left = deadline(plan, on)
        rows.append(
            TrackingRow(
                unit_id=school.id or 0,
                unit_code=school.code,
                unit_name=school.name,
                plan_id=plan.id if plan else None,
                status=plan.status if plan else None,
                received_date=plan.received_date if plan else None,
                due_date=plan.due_date if plan else None,
                deadline_status=status,
                days_left=days_left,
            )
        )
    return rows
