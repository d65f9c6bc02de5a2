"""The yearly inspection plan (Kế hoạch kiểm tra): one per school year, a schedule of visits (school,
date, team, content); drafted and then issued by the commune as a Decree 30 document. Who sees which
plan is decided in inspections/access.py."""

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError, ValidationFailed
from thidua.core.models import same_commune, utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.inspections import access, visits
from thidua.inspections.models import InspectionPlan, InspectionPlanItem
from thidua.inspections.schemas import (
    InspectionPlanCreate,
    InspectionPlanIssueIn,
    InspectionPlanItemIn,
    InspectionPlanItemOut,
    InspectionPlanPage,
    InspectionPlanRead,
    InspectionPlanUpdate,
)
from thidua.units import access as units_access
from thidua.units.models import Unit


def items_of(session: Session, plan: InspectionPlan) -> list[tuple[InspectionPlanItem, str]]:
    return [
        (item, name)
        for item, name in session.exec(
            select(InspectionPlanItem, Unit.name)
            .join(Unit, col(Unit.id) == InspectionPlanItem.unit_id)
            .where(InspectionPlanItem.plan_id == plan.id)
            .order_by(col(InspectionPlanItem.position))
        ).all()
    ]


def read_plan(session: Session, actor: Actor, plan: InspectionPlan) -> InspectionPlanRead:
    done = visits.done_by(session, actor, plan)
    return from_row(
        InspectionPlanRead,
        plan,
        items=[
            from_row(InspectionPlanItemOut, item, unit_name=name, inspection=done.get(item.id or 0))
            for item, name in items_of(session, plan)
            if access.plan_item_visible(actor, item.unit_id)
        ],
        allowed_actions=access.plan_actions(actor, plan),
    )


def list_plans(session: Session, actor: Actor, page: PageParams) -> InspectionPlanPage:
    rows, total = paginate(
        session, access.readable_plans(actor), page, col(InspectionPlan.school_year).desc()
    )
    return page_of(InspectionPlanPage, [read_plan(session, actor, p) for p in rows], total, page)


def get_plan(session: Session, actor: Actor, plan_id: int) -> InspectionPlan:
    return access.get_readable_plan(session, actor, plan_id)


def _check_items(session: Session, actor: Actor, items: list[InspectionPlanItemIn]) -> None:
    problems = []
    for n, item in enumerate(items):
        unit = units_access.unit_in_reach(session, actor, item.unit_id)
        if unit is None or unit.kind != "school":
            problems.append(
                FieldError(
                    path=f"body.items.{n}.unit_id",
                    type="not_school",
                    message=f"Không có cơ sở giáo dục có id {item.unit_id}.",
                )
            )
    if problems:
        raise ValidationFailed("Lịch kiểm tra chưa hợp lệ.", problems)


def _set_items(session: Session, plan_id: int, items: list[InspectionPlanItemIn]) -> None:
    for row in session.exec(select(InspectionPlanItem).where(InspectionPlanItem.plan_id == plan_id)).all():
        session.delete(row)
    session.flush()
    for n, item in enumerate(items, 1):
        session.add(InspectionPlanItem(plan_id=plan_id, position=n, **item.model_dump()))


def create_plan(session: Session, actor: Actor, data: InspectionPlanCreate) -> InspectionPlan:
    _check_items(session, actor, data.items)
    taken = session.exec(
        select(InspectionPlan).where(
            InspectionPlan.school_year == data.school_year,
            same_commune(InspectionPlan.commune_id, actor.commune_id),
        )
    ).first()
    if taken is not None:
        raise Conflict(
            f"Năm học {data.school_year} đã có kế hoạch kiểm tra.",
            errors=[
                FieldError(path="body.school_year", message="Đã có kế hoạch cho năm học này.", type="taken")
            ],
        )
    plan = InspectionPlan(**data.model_dump(exclude={"items"}), commune_id=actor.commune_id)
    session.add(plan)
    session.flush()
    assert plan.id is not None
    _set_items(session, plan.id, data.items)
    audit.record(session, actor, "create", plan, None)
    session.commit()
    return plan


def _require_draft(actor: Actor, plan: InspectionPlan) -> None:
    if "update" not in access.plan_actions(actor, plan):
        raise Conflict("Kế hoạch đã ban hành; không sửa được nữa.")


def update_plan(
    session: Session, actor: Actor, plan: InspectionPlan, data: InspectionPlanUpdate
) -> InspectionPlan:
    _require_draft(actor, plan)
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    items = data.items
    changes.pop("items", None)
    if items is not None:
        _check_items(session, actor, items)
        assert plan.id is not None
        _set_items(session, plan.id, items)
    return audit.save_changes(session, actor, plan, changes, "update")


def issue_plan(
    session: Session, actor: Actor, plan: InspectionPlan, data: InspectionPlanIssueIn
) -> InspectionPlan:
    _require_draft(actor, plan)
    return audit.save_changes(
        session, actor, plan, {**data.model_dump(), "status": "issued", "issued_at": utcnow()}, "issue"
    )
