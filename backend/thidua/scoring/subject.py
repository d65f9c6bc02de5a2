"""Who a computed value is for, and the helpers every domain's sources share to compute many
subjects at once."""

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import true
from sqlmodel import Session, col, select

from thidua.core.models import CENT
from thidua.units.models import StaffMember, Unit


@dataclass(frozen=True)
class Subject:
    """Who a computed value is for: a unit, or a staff member of that unit."""

    unit_id: int
    staff_id: int | None = None  # None: the unit itself is assessed


# Above this many ids a query reads the whole table instead of listing them (SQLite caps the number
# of bound parameters, and at that size one pass is cheaper anyway).
MANY = 500


def among(column: Any, ids: Collection[int]) -> Any:
    """A WHERE clause restricting `column` to `ids`, or no restriction for large sets."""
    return true() if len(ids) > MANY else col(column).in_(list(ids))


_ROLLUPS = "scoring.rollups"


@contextmanager
def one_tree(session: Session) -> Iterator[None]:
    """Inside: `rollup` reads the unit tree once per set of subject units. The computed sources of one
    re-score all ask for the same units (seven walks of the tree for one school's review) and the tree
    does not change while they compute."""
    session.info[_ROLLUPS] = {}
    try:
        yield
    finally:
        session.info.pop(_ROLLUPS, None)


def rollup(session: Session, subject_units: set[int]) -> dict[int, int]:
    """Each unit under the subject units mapped to the subject unit it belongs under (itself or its
    nearest listed ancestor), so a school's figures include its subject groups. One query per level."""
    memo: dict[frozenset[int], dict[int, int]] | None = session.info.get(_ROLLUPS)
    key = frozenset(subject_units)
    if memo is not None and key in memo:
        return dict(memo[key])
    owner = {u: u for u in subject_units}
    frontier = set(subject_units)
    for _level in range(20):
        if not frontier:
            break
        children = session.exec(select(Unit.id, Unit.parent_id).where(among(Unit.parent_id, frontier))).all()
        frontier = set()
        for child, parent in children:
            if child is not None and parent in owner and child not in owner:
                owner[child] = owner[parent]
                frontier.add(child)
    if memo is not None:
        memo[key] = dict(owner)
    return owner


def active_staff_by_subject(session: Session, subjects: list[Subject]) -> dict[int, list[int]]:
    """Each subject unit's active staff, those of the units under it included."""
    owner = rollup(session, {s.unit_id for s in subjects})
    staff: dict[int, list[int]] = {}
    for staff_id, unit_id in session.exec(
        select(StaffMember.id, StaffMember.unit_id).where(
            col(StaffMember.is_active).is_(True), among(StaffMember.unit_id, owner)
        )
    ).all():
        if unit_id in owner and staff_id is not None:
            staff.setdefault(owner[unit_id], []).append(staff_id)
    return staff


def share(part: int, whole: int) -> Decimal:
    """`part` of `whole` in percent, 2 decimals; 0 when `whole` is 0."""
    return Decimal("0.00") if whole == 0 else (Decimal(part) * 100 / whole).quantize(CENT)


def active_staff_share(
    session: Session, subjects: list[Subject], counted: Callable[[list[int]], Collection[int | None]]
) -> dict[Subject, Decimal | None]:
    """Share (%) of each subject unit's active staff that `counted` keeps (it is given them all)."""
    staff = active_staff_by_subject(session, subjects)
    kept = set(counted([m for members in staff.values() for m in members]))
    return {
        s: share(sum(1 for m in staff.get(s.unit_id, []) if m in kept), len(staff.get(s.unit_id, [])))
        for s in subjects
    }
