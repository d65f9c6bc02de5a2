"""What the Department (Sở GDĐT) reads: every commune of the province, never their writes (its role
holds no write permission). A commune's own account holding the read permission would see its own
commune only, as everywhere behind the wall."""

from typing import Any

from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.units.models import Unit, UnitKind


def communes(actor: Actor) -> SelectOfScalar[Unit]:
    query = select(Unit).where(Unit.kind == UnitKind.commune.value, col(Unit.is_active).is_(True))
    if actor.commune_id is not None:
        query = query.where(Unit.id == actor.commune_id)
    return query.order_by(col(Unit.name), col(Unit.id))


def in_communes(column: Any, actor: Actor) -> Any:
    """Rows of the communes the caller reads (a commune-level row's `commune_id`): a subquery, so that
    150 communes make one short statement, not a list of ids the driver parses anew each time."""
    ids = communes(actor).with_only_columns(col(Unit.id)).order_by(None)
    return col(column).in_(ids)
