"""Who sees which movements and what they may do with one.

A movement is the commune's programme: every reader sees every movement, and nothing is scoped
by unit.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped, of_commune
from thidua.auth.roles import Permission
from thidua.core.lookup import first_or_404
from thidua.movements.models import ContentArea, Movement


def readable(actor: Actor) -> SelectOfScalar[Movement]:
    return commune_scoped(select(Movement), Movement.commune_id, actor)


def get_readable(session: Session, actor: Actor, movement_id: int) -> Movement:
    query = readable(actor).where(Movement.id == movement_id)
    return first_or_404(session, query, f"Không tìm thấy phong trào có id {movement_id}.")


def allowed_actions(actor: Actor, movement: Movement) -> list[str]:
    return ["update"] if actor.can(Permission.movements_write) else []


def window_actions(actor: Actor) -> list[str]:
    """The commune officer sets each school year's evaluation window."""
    return ["update"] if actor.can(Permission.movements_write) else []


def named(session: Session, actor: Actor, movement_id: int) -> Movement | None:
    """The movement a request names by id, or None when missing or another commune's."""
    return of_commune(actor, session.get(Movement, movement_id))


def content_area_named(session: Session, actor: Actor, area_id: int) -> ContentArea | None:
    """A content area a request names by id, or None when missing or of another commune's movement."""
    area = session.get(ContentArea, area_id)
    if area is None or named(session, actor, area.movement_id) is None:
        return None
    return area
