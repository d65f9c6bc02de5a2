"""Who sees which research supports and who records them: the only place their queries are scoped.

A support belongs to the school giving it: a caller sees the supports of the units they see, and
another school's answers 404 like a missing one. The school's head (unit_manager) records and edits
the supports of their school; the commune officer and the administrator any school's. A support is
only for an initiative the caller can see (initiatives/access.py): another school's is 404.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission, Role
from thidua.core.errors import Forbidden
from thidua.research.models import ResearchSupport

LABEL = "khoản hỗ trợ nghiên cứu"


def readable(actor: Actor) -> SelectOfScalar[ResearchSupport]:
    return scoped(select(ResearchSupport), ResearchSupport.unit_id, actor)


def get_readable(session: Session, actor: Actor, support_id: int) -> ResearchSupport:
    return get_visible(session, ResearchSupport, support_id, actor, LABEL)


def may_write(actor: Actor, unit_id: int) -> bool:
    if not actor.can(Permission.research_support_write) or not actor.sees_unit(unit_id):
        return False
    return actor.commune_wide or Role.unit_manager in actor.roles


def allowed_actions(actor: Actor, support: ResearchSupport) -> list[str]:
    return ["update", "delete"] if may_write(actor, support.unit_id) else []


def require_writer(actor: Actor, unit_id: int) -> None:
    if not may_write(actor, unit_id):
        raise Forbidden("Chỉ thủ trưởng đơn vị ghi nhận hỗ trợ nghiên cứu của đơn vị mình.")
