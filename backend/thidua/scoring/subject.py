"""Who a computed value is for, and the helpers every domain's sources share to compute many
subjects at once."""

from collections.abc import Callable, Collection, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar, cast

from sqlalchemy import true
from sqlmodel import Session, col, select

from thidua.core.models import CENT
from thidua.core.sql import one_of
from thidua.units.models import StaffMember, Unit


@dataclass(frozen=True)
class Subject:
    """Who a computed value is for: a unit, or a staff member of that unit."""

    unit_id: int
    staff_id: int | None = None  # None: the unit itself is assessed


# Above this many ids a query reads the whole table instead of listing them: at that size one pass is
# cheaper (a re-score's batch of 500 assessments stays under it).
MANY = 500


def among(column: Any, ids: Collection[int]) -> Any:
    """A WHERE clause restricting `column` to `ids`, or no restriction for large sets."""
    return true() if len(ids) > MANY else one_of(column, ids)


_PASS = "scoring.pass"
T = TypeVar("T")


@contextmanager
def one_pass(session: Session) -> Iterator[None]:
    """Inside: what `shared` computes is computed once. The computed sources of one re-score ask for the
    same things (the unit tree under the subjects seven times, activities counted per kind three
    times), and nothing they read changes while they compute."""
    session.info[_PASS] = {}
    try:
        yield
    finally:
        session.info.pop(_PASS, None)


def shared(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, computed once per `key` inside `one_pass` (every time outside it). Callers get the
    same object: they must not change it."""
    memo: dict[Hashable, Any] | None = session.info.get(_PASS)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return cast(T, memo[key])


def rollup(session: Session, subject_units: set[int]) -> dict[int, int]:
    """Each unit under the subject units mapped to the subject unit it belongs under (itself or its
    nearest listed ancestor), so a school's figures include its subject groups."""
    key = frozenset(subject_units)
    return dict(shared(session, ("rollup", key), lambda: _rollup(session, key)))


def _rollup(session: Session, subject_units: frozenset[int]) -> dict[int, int]:
    """One query per level of the tree."""
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
