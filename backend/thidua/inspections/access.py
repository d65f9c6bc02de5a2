"""Who sees which inspections and what they may do with one: the only place inspection queries are
scoped.

Inspection managers and the commune leader see every inspection; an inspector (commune-wide, no unit)
only those whose team they are on; a unit's staff those of their team and those visiting their units,
and of the values recorded, only those of the units they see. Managers edit; a team member records
values while the inspection is open. Another inspection answers 404, exactly like a missing one.
"""

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission, Role
from thidua.core.errors import NotFound
from thidua.inspections.models import Inspection, InspectionMember, InspectionUnit


def readable(actor: Actor) -> SelectOfScalar[Inspection]:
    query = select(Inspection)
    if actor.can(Permission.inspections_manage) or Role.commune_leader in actor.roles:
        return query
    member_of = select(InspectionMember.inspection_id).where(InspectionMember.user_id == actor.id)
    if actor.visible_unit_ids is None:  # an inspector: their own inspections only
        return query.where(col(Inspection.id).in_(member_of))
    of_my_units = select(InspectionUnit.inspection_id).where(
        col(InspectionUnit.unit_id).in_(actor.visible_unit_ids)
    )
    return query.where(or_(col(Inspection.id).in_(member_of), col(Inspection.id).in_(of_my_units)))


def get_readable(session: Session, actor: Actor, inspection_id: int) -> Inspection:
    found = session.exec(readable(actor).where(Inspection.id == inspection_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy đợt kiểm tra có id {inspection_id}.")
    return found


def _is_member(session: Session, actor: Actor, inspection: Inspection) -> bool:
    member = select(InspectionMember.user_id).where(
        InspectionMember.inspection_id == inspection.id, InspectionMember.user_id == actor.id
    )
    return session.exec(member).first() is not None


def allowed_actions(session: Session, actor: Actor, inspection: Inspection) -> list[str]:
    manage = actor.can(Permission.inspections_manage)
    actions = ["update"] if manage else []
    if inspection.status == "open" and (
        manage or (actor.can(Permission.inspections_record) and _is_member(session, actor, inspection))
    ):
        actions.append("record")
    return actions
