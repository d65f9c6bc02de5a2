"""Who sees which scoring frameworks and what they may do with one.

A framework is a commune-wide document: every reader sees every version, and nothing is scoped
by unit. What a writer may do depends on the version's state and on whether assessments use it.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped, of_commune
from thidua.auth.roles import Permission
from thidua.core.lookup import first_or_404
from thidua.frameworks.models import Framework


def readable(actor: Actor) -> SelectOfScalar[Framework]:
    return commune_scoped(select(Framework), Framework.commune_id, actor)


def get_readable(session: Session, actor: Actor, framework_id: int) -> Framework:
    query = readable(actor).where(Framework.id == framework_id)
    return first_or_404(session, query, f"Không tìm thấy bảng điểm có id {framework_id}.")


def allowed_actions(actor: Actor, framework: Framework, used: int) -> list[str]:
    """`used`: how many self-assessments use this version (a used version is not edited in place)."""
    if not actor.can(Permission.frameworks_write):
        return []
    actions = ["new_version"]
    if used == 0 and framework.status != "retired":
        actions.append("update")
    if framework.status == "draft":
        actions.append("activate")
    return actions


def named(session: Session, actor: Actor, framework_id: int) -> Framework | None:
    """The framework a request names by id, or None when missing or another commune's."""
    return of_commune(actor, session.get(Framework, framework_id))
