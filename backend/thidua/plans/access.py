"""Who sees which plans and what they may do with one: the only place plan queries are scoped.

The commune's own plan is for everyone; a unit's implementation plan only for callers who see that
unit. Another unit's plan answers 404, exactly like a missing one.
"""

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Conflict, Forbidden
from thidua.core.lookup import first_or_404
from thidua.plans.models import Plan, PlanDispatch
from thidua.units.models import Unit

EDITABLE = ("draft", "returned")
PLAN_STATUSES = ("draft", "submitted", "returned", "approved", "issued")


def readable(actor: Actor) -> SelectOfScalar[Plan]:
    query = select(Plan)
    if actor.visible_unit_ids is None:
        return query
    # The commune's plan: its own commune's (every commune's without a wall).
    communes = col(Plan.kind) == "commune"
    if actor.commune_unit_ids is not None:
        communes = communes & col(Plan.unit_id).in_(actor.commune_unit_ids)
    return query.where(or_(communes, col(Plan.unit_id).in_(actor.visible_unit_ids)))


def readable_dispatches(actor: Actor, plan_id: int) -> Select[PlanDispatch, str]:
    """The commune plan's dispatches the caller sees: all for the commune, a school its own."""
    query = (
        select(PlanDispatch, Unit.name)
        .join(Unit, col(Unit.id) == PlanDispatch.unit_id)
        .where(PlanDispatch.plan_id == plan_id)
    )
    if actor.visible_unit_ids is None:
        return query
    return query.where(col(PlanDispatch.unit_id).in_(actor.visible_unit_ids))


def get_readable(session: Session, actor: Actor, plan_id: int) -> Plan:
    query = readable(actor).where(Plan.id == plan_id)
    return first_or_404(session, query, f"Không tìm thấy kế hoạch có id {plan_id}.")


def allowed_actions(actor: Actor, plan: Plan, status: str | None = None) -> list[str]:
    """What the caller may do with the plan now (or were it in `status`)."""
    status = status or plan.status
    actions: list[str] = []
    writer = actor.can(Permission.plans_write) and (
        (plan.kind == "unit" and Role.unit_manager in actor.roles and actor.sees_unit(plan.unit_id))
        or (plan.kind == "commune" and actor.can(Permission.plans_review))
    )
    if writer and status in EDITABLE:
        actions += ["update", "submit"] if plan.kind == "unit" else ["update", "issue"]
    if writer and plan.kind == "commune" and status == "issued":
        actions += ["correct", "record_receipt"]  # changes after issue only through a recorded correction
    if writer and plan.kind == "commune" and status in ("draft", "issued"):
        actions.append("attach_scan")  # the signed copy, before or after it is sent
    if writer and plan.kind == "unit" and status == "approved":
        actions += ["update_progress", "adjust"]  # the approved plan stays alive: progress, adjustments
    if plan.kind == "unit" and status == "approved" and actor.can(Permission.plans_review):
        actions += ["approve_adjustment", "return_adjustment"]  # offered only while one is pending
    # Phòng Kinh tế keeps the budget lines of the school plans and of the commune's own plan.
    if actor.can(Permission.plans_budget) and (
        (plan.kind == "unit" and actor.sees_unit(plan.unit_id))
        or (plan.kind == "commune" and actor.commune_wide)
    ):
        actions.append("edit_budget")
    if plan.kind == "unit" and status == "submitted" and actor.can(Permission.plans_review):
        actions += ["return", "approve"]
    return actions


def may_acknowledge(actor: Actor, plan: Plan) -> bool:
    """A school's manager acknowledges the issued commune plan for the school (the dispatch decides
    whether there is anything to acknowledge)."""
    return (
        plan.kind == "commune"
        and plan.status == "issued"
        and Role.unit_manager in actor.roles
        and actor.can(Permission.plans_write)
        and actor.user.unit_id is not None
    )


def require(actor: Actor, plan: Plan, action: str) -> None:
    """409 when the plan's state is in the way, 403 when the caller may not do this in any state
    (e.g. the commune officer editing a school's plan): the refusal says which."""
    if action in allowed_actions(actor, plan):
        return
    if any(action in allowed_actions(actor, plan, status) for status in PLAN_STATUSES):
        raise Conflict(f"Không thể thực hiện '{action}' với kế hoạch ở trạng thái '{plan.status}'.")
    raise Forbidden("Bạn không có quyền thực hiện thao tác này với kế hoạch này.")
