"""Who sees which activities and what they may do with one: the only place activity queries are scoped.

An activity belongs to one unit: a caller sees the activities of the units they see and edits them
with `activities.write`. Another unit's activity answers 404, exactly like a missing one.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.activities.models import Activity
from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission


def readable(actor: Actor) -> SelectOfScalar[Activity]:
    return scoped(select(Activity), Activity.unit_id, actor)


def get_readable(session: Session, actor: Actor, activity_id: int) -> Activity:
    return get_visible(session, Activity, activity_id, actor, "hoạt động")


def allowed_actions(actor: Actor, activity: Activity) -> list[str]:
    may_edit = actor.can(Permission.activities_write) and actor.sees_unit(activity.unit_id)
    return ["update", "delete"] if may_edit else []
