"""Who sees which activities and what they may do with one: the only place activity queries are scoped.

An activity belongs to one unit: a caller sees the activities of the units they see and edits them
with `activities.write`. A study visit or exchange also names a partner school, whose users read it
(never edit it). Another unit's activity answers 404, exactly like a missing one.
"""

from sqlalchemy import or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.activities.models import Activity, ActivityPartner
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.core.errors import NotFound


def readable(actor: Actor) -> SelectOfScalar[Activity]:
    if actor.visible_unit_ids is None:
        return select(Activity)
    partnered = select(ActivityPartner.activity_id).where(
        col(ActivityPartner.partner_unit_id).in_(actor.visible_unit_ids)
    )
    return select(Activity).where(
        or_(col(Activity.unit_id).in_(actor.visible_unit_ids), col(Activity.id).in_(partnered))
    )


def get_readable(session: Session, actor: Actor, activity_id: int) -> Activity:
    found = session.exec(readable(actor).where(Activity.id == activity_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy hoạt động có id {activity_id}.")
    return found


def allowed_actions(actor: Actor, activity: Activity) -> list[str]:
    may_edit = actor.can(Permission.activities_write) and actor.sees_unit(activity.unit_id)
    return ["update", "delete"] if may_edit else []


def is_host(actor: Actor, activity: Activity) -> bool:
    """The caller sees the host unit's own data (a partner school only reads the visit itself)."""
    return actor.sees_unit(activity.unit_id)
