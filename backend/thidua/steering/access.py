"""Who sees the Ban chỉ đạo and who changes it: the only place its queries are decided.

The committee is public within the commune (seed IV.1): every signed-in user reads every committee,
its members and its assignments. The commune officer and the administrator set it up; the schools an
assignment names must be schools in the writer's reach (units/access.py answers that).
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped
from thidua.auth.roles import Permission
from thidua.core.errors import NotFound
from thidua.steering.models import SteeringAssignment, SteeringCommittee, SteeringMember

LABEL = "Ban chỉ đạo"


def readable(actor: Actor) -> SelectOfScalar[SteeringCommittee]:
    return commune_scoped(select(SteeringCommittee), SteeringCommittee.commune_id, actor)


def get_readable(session: Session, actor: Actor, committee_id: int) -> SteeringCommittee:
    found = session.exec(readable(actor).where(SteeringCommittee.id == committee_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy {LABEL} có id {committee_id}.")
    return found


def get_member(session: Session, committee: SteeringCommittee, member_id: int) -> SteeringMember:
    member = session.get(SteeringMember, member_id)
    if member is None or member.committee_id != committee.id:
        raise NotFound(f"Không tìm thấy thành viên có id {member_id} trong {LABEL}.")
    return member


def get_assignment(session: Session, committee: SteeringCommittee, assignment_id: int) -> SteeringAssignment:
    row = session.get(SteeringAssignment, assignment_id)
    if row is None or row.committee_id != committee.id:
        raise NotFound(f"Không tìm thấy phân công có id {assignment_id} trong {LABEL}.")
    return row


def allowed_actions(actor: Actor) -> list[str]:
    """For a member or an assignment: changed and removed by the commune officer."""
    return ["update", "delete"] if actor.can(Permission.steering_write) else []


def committee_actions(actor: Actor) -> list[str]:
    """A committee is never deleted (a new decision establishes the next one): it is updated, its
    scan attached, members and assignments added."""
    return (
        ["update", "attach_scan", "add_member", "add_assignment"]
        if actor.can(Permission.steering_write)
        else []
    )
