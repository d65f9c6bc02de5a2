"""`core.sql.one_of`: the id lists of batch work bound as one parameter (an array on PostgreSQL, JSON on
SQLite) select exactly the listed rows, also when one cached statement runs again with other ids."""

from sqlalchemy import delete, select
from sqlmodel import Session, col

from tests.helpers import World
from thidua.core.sql import one_of
from thidua.units.models import StaffMember


def _codes(db: Session, ids: list[int]) -> list[str]:
    query = select(col(StaffMember.code)).where(one_of(StaffMember.id, ids)).order_by(col(StaffMember.code))
    return list(db.execute(query).scalars())


def test_selects_exactly_the_listed_ids_each_time(world: World, db: Session) -> None:
    s = world.staff
    assert _codes(db, [s["A-01"], s["B-02"]]) == ["A-01", "B-02"]
    # The same statement from SQLAlchemy's cache, bound with other ids.
    assert _codes(db, [s["A-02"]]) == ["A-02"]
    assert _codes(db, [s["B-01"], s["B-01"], 10**9]) == ["B-01"]
    assert _codes(db, []) == []


def test_many_ids_in_one_parameter(world: World, db: Session) -> None:
    """More ids than SQLite binds as separate parameters (32,766)."""
    ids = [*range(10**6, 10**6 + 40_000), world.staff["A-01"]]
    assert _codes(db, ids) == ["A-01"]


def test_in_a_delete(world: World, db: Session) -> None:
    db.execute(delete(StaffMember).where(one_of(StaffMember.id, [world.staff["B-02"]])))
    db.commit()
    assert _codes(db, list(world.staff.values())) == ["A-01", "A-02", "B-01"]
