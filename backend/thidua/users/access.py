"""Who sees which accounts and what they may do with one.

Accounts are the administrator's to manage: the route's permission (users:manage) is the whole
rule, so every account is readable to whoever reaches the routes and nothing is scoped by unit.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.core.lookup import first_or_404
from thidua.units.access import lifecycle_actions


def readable(actor: Actor) -> SelectOfScalar[User]:
    return select(User)


def get_readable(session: Session, actor: Actor, user_id: int) -> User:
    query = readable(actor).where(User.id == user_id)
    return first_or_404(session, query, f"Không tìm thấy tài khoản có id {user_id}.")


def allowed_actions(actor: Actor, user: User) -> list[str]:
    return lifecycle_actions(user.is_active)
