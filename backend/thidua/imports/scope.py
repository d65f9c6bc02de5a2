"""Which units an import or an export may touch: the imports package's only unit filtering.

Every kind asks here, never the actor itself, so that pointing these few functions at the domains'
`access.py` modules later changes the scoping of all six kinds in one place.
"""

from typing import Any, TypeVar

from sqlalchemy import Select

from thidua.auth.policy import Actor

Q = TypeVar("Q", bound=Select[Any])


def sees(actor: Actor, unit_id: int | None) -> bool:
    """The caller may read and write rows of this unit."""
    return unit_id is not None and actor.sees_unit(unit_id)


def unit_bound(actor: Actor) -> bool:
    """The caller sees only some units (a school's manager, a key bound to a unit), not all of them."""
    return actor.visible_unit_ids is not None


def readable(query: Q, actor: Actor, unit_column: Any) -> Q:
    """An export's query of unit-owned rows, restricted to the units the caller sees."""
    if actor.visible_unit_ids is None:
        return query
    return query.where(unit_column.in_(actor.visible_unit_ids))
