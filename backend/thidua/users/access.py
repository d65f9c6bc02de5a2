"""Who sees which accounts and what they may do with one.

Accounts are the administrator's to manage: the route's permission (users:manage) is the rule within
a commune. In a province deployment a commune's administrator sees and manages only the accounts of
its commune's units (another commune's account is 404); the province administrator sees all.
"""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.core.lookup import first_or_404
from thidua.units.access import lifecycle_actions


def readable(actor: Actor) -> SelectOfScalar[User]:
    if actor.commune_unit_ids is None:
        return select(User)
    return select(User).where(col(User.unit_id).in_(actor.commune_unit_ids))


def get_readable(session: Session, actor: Actor, user_id: int) -> User:
    query = readable(actor).where(User.id == user_id)
    return first_or_404(session, query, f"Không tìm thấy tài khoản có id {user_id}.")


def allowed_actions(actor: Actor, user: User) -> list[str]:
    return lifecycle_actions(user.is_active)


def unit_for_account(actor: Actor, unit_id: int | None) -> bool:
    """Whether an account may be placed in this unit by the caller: behind a wall, its commune's."""
    return actor.commune_unit_ids is None or unit_id in actor.commune_unit_ids
