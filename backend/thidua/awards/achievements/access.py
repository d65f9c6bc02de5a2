"""Who sees which achievements and what they may do with one: the only place achievement queries are
scoped. Teachers see their own achievements only; managers and the commune see their units'. Another's
achievement answers 404, exactly like a missing one."""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission, Role
from thidua.awards.models import Achievement
from thidua.core.errors import NotFound
from thidua.units.models import StaffMember


def _own_staff_id(session: Session, actor: Actor) -> int | None:
    return session.exec(select(StaffMember.id).where(StaffMember.user_id == actor.id)).first()


def _staff_only(actor: Actor) -> bool:
    return Role.staff in actor.roles and not actor.roles - {Role.staff}


def readable(session: Session, actor: Actor) -> SelectOfScalar[Achievement]:
    query = scoped(select(Achievement), Achievement.unit_id, actor)
    if _staff_only(actor):
        query = query.where(Achievement.staff_id == (_own_staff_id(session, actor) or -1))
    return query


def get_readable(session: Session, actor: Actor, achievement_id: int) -> Achievement:
    a = get_visible(session, Achievement, achievement_id, actor, "thành tích")
    if _staff_only(actor) and a.staff_id != _own_staff_id(session, actor):
        raise NotFound(f"Không tìm thấy thành tích có id {achievement_id}.")
    return a


def allowed_actions(actor: Actor, a: Achievement) -> list[str]:
    """Achievements a decision wrote on the system stay; those entered by hand can be deleted."""
    actions = ["certificate"] if a.verification_code else []
    if a.nomination_id is None and actor.can(Permission.achievements_write):
        actions.append("delete")
    return actions
