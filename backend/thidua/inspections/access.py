"""Who sees which inspections and what they may do with one: the only place inspection queries are
scoped.

Inspection managers and the commune leader see every inspection; an inspector (commune-wide, no unit)
only those whose team they are on; a unit's staff those of their team and those visiting their units,
and of the values recorded, only those of the units they see. Managers edit; a team member records
values while the inspection is open. Another inspection answers 404, exactly like a missing one.
"""

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped, of_commune
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from thidua.inspections.models import (
    Inspection,
    InspectionFinding,
    InspectionLead,
    InspectionMember,
    InspectionPlan,
    InspectionUnit,
)


def readable(actor: Actor) -> SelectOfScalar[Inspection]:
    query = commune_scoped(select(Inspection), Inspection.commune_id, actor)
    if actor.can(Permission.inspections_manage) or Role.commune_leader in actor.roles:
        return query
    member_of = select(InspectionMember.inspection_id).where(InspectionMember.user_id == actor.id)
    if actor.commune_wide or actor.visible_unit_ids is None:  # an inspector: their own inspections only
        return query.where(col(Inspection.id).in_(member_of))
    of_my_units = select(InspectionUnit.inspection_id).where(
        col(InspectionUnit.unit_id).in_(actor.visible_unit_ids)
    )
    return query.where(or_(col(Inspection.id).in_(member_of), col(Inspection.id).in_(of_my_units)))


def get_readable(session: Session, actor: Actor, inspection_id: int) -> Inspection:
    found = session.exec(readable(actor).where(Inspection.id == inspection_id)).first()
    if found is None:
        message = (
            f"Không tìm thấy đợt kiểm tra có id {inspection_id} trong các đợt bạn được xem "
            "(thành viên đoàn kiểm tra và đơn vị được kiểm tra mới xem được)."
        )
        raise NotFound(
            message, errors=[FieldError(path="path.inspection_id", message=message, type="not_found")]
        )
    return found


def _is_member(session: Session, actor: Actor, inspection: Inspection) -> bool:
    member = select(InspectionMember.user_id).where(
        InspectionMember.inspection_id == inspection.id, InspectionMember.user_id == actor.id
    )
    return session.exec(member).first() is not None


def is_lead(session: Session, actor: Actor, inspection: Inspection) -> bool:
    lead = session.get(InspectionLead, inspection.id)
    return lead is not None and lead.user_id == actor.id


def _may(session: Session, actor: Actor, inspection: Inspection, action: str) -> bool:
    """Whether the caller's role and place on the team allow the action, whatever the state."""
    if actor.can(Permission.inspections_manage):
        return True
    if not actor.can(Permission.inspections_record):
        return False
    if action == "record":
        return _is_member(session, actor, inspection)
    if action == "close":
        return is_lead(session, actor, inspection)
    return False


def allowed_actions(session: Session, actor: Actor, inspection: Inspection) -> list[str]:
    """update and decide: the commune's managers; record (values and findings): a team member while
    open; close: the team lead (or a manager) while open."""
    manage = actor.can(Permission.inspections_manage)
    actions = ["update"] if manage else []
    if inspection.status == "open":
        actions += [a for a in ("record", "close") if _may(session, actor, inspection, a)]
    if manage:
        actions.append("decide")
    return actions


def require(session: Session, actor: Actor, inspection: Inspection, action: str, why: str) -> None:
    """403 when the caller may never do it on this inspection (not on the team, not its lead); 409
    when only the inspection's state is in the way (it is closed)."""
    if not _may(session, actor, inspection, action):
        kind = "not_lead" if action == "close" else "not_member"
        raise Forbidden(why, errors=[FieldError(path="path.inspection_id", message=why, type=kind)])
    if inspection.status != "open":
        raise Conflict("Đợt kiểm tra đã kết thúc; không ghi thêm được nữa.")


def minutes_unit(session: Session, actor: Actor, inspection: Inspection, unit_id: int | None) -> int:
    """The school whose minutes the caller asks for: one of the inspection's units in their reach
    (the only one when not named)."""
    units = [
        u
        for u in session.exec(
            select(InspectionUnit.unit_id)
            .where(InspectionUnit.inspection_id == inspection.id)
            .order_by(col(InspectionUnit.unit_id))
        ).all()
        if actor.sees_unit(u)
    ]
    if unit_id is None and len(units) == 1:
        return units[0]
    if unit_id is not None and unit_id in units:
        return unit_id
    raise Invalid("query.unit_id", "Chọn một đơn vị thuộc đợt kiểm tra.", "not_assigned")


# ---------------------------------------------------------------- findings


def readable_findings(actor: Actor) -> SelectOfScalar[InspectionFinding]:
    """Findings of the inspections the caller sees; a school's staff only those of their units."""
    query = select(InspectionFinding).where(
        col(InspectionFinding.inspection_id).in_(readable(actor).with_only_columns(col(Inspection.id)))
    )
    if actor.visible_unit_ids is not None and not (
        actor.can(Permission.inspections_manage) or Role.commune_leader in actor.roles
    ):
        query = query.where(col(InspectionFinding.unit_id).in_(actor.visible_unit_ids))
    return query


def get_readable_finding(session: Session, actor: Actor, finding_id: int) -> InspectionFinding:
    found = session.exec(readable_findings(actor).where(InspectionFinding.id == finding_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy nhận xét kiểm tra có id {finding_id}.")
    return found


def finding_actions(
    session: Session, actor: Actor, finding: InspectionFinding, inspection: Inspection
) -> list[str]:
    actions = []
    if "record" in allowed_actions(session, actor, inspection):
        actions.append("update")
    if (
        inspection.status == "closed"
        and finding.recommendations.strip()
        and finding.follow_up_done_at is None
        and actor.can(Permission.inspections_respond)
        and actor.sees_unit(finding.unit_id)
    ):
        actions.append("report_done")
    return actions


# ---------------------------------------------------------------- plans


def readable_plans(actor: Actor) -> SelectOfScalar[InspectionPlan]:
    """The commune's managers and leader see drafts too; everyone else only issued plans."""
    query = commune_scoped(select(InspectionPlan), InspectionPlan.commune_id, actor)
    if actor.can(Permission.inspections_manage) or Role.commune_leader in actor.roles:
        return query
    return query.where(InspectionPlan.status == "issued")


def get_readable_plan(session: Session, actor: Actor, plan_id: int) -> InspectionPlan:
    found = session.exec(readable_plans(actor).where(InspectionPlan.id == plan_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy kế hoạch kiểm tra có id {plan_id}.")
    return found


def plan_of_caller(actor: Actor, plan: InspectionPlan | None) -> InspectionPlan | None:
    """A plan a request names through one of its visits, or None when it is another commune's."""
    return of_commune(actor, plan)


def plan_item_visible(actor: Actor, unit_id: int) -> bool:
    """A school's staff read only their own visits of the plan (the issued DOCX goes to every school)."""
    return actor.sees_unit(unit_id)


def plan_actions(actor: Actor, plan: InspectionPlan) -> list[str]:
    return ["update", "issue"] if plan.status == "draft" and actor.can(Permission.inspections_manage) else []
