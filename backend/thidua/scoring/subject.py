from dataclasses import dataclass

from sqlmodel import Session, select


@dataclass(frozen=True)
class Subject:
    """Who a computed value is for: a unit, or a staff member of that unit."""

    unit_id: int
    staff_id: int | None = None  # None: the unit itself is assessed


def rollup(session: Session, subject_units: set[int]) -> dict[int, int]:
    """Each unit mapped to the subject unit it belongs under (itself, or its nearest listed ancestor),
    so a school's figures include its subject groups. One query, whatever the number of subjects."""
    from thidua.units.models import Unit

    parent = dict(session.exec(select(Unit.id, Unit.parent_id)).all())
    owner: dict[int, int] = {}
    for unit_id in parent:
        current: int | None = unit_id
        seen = 0
        while current is not None and current not in subject_units and seen < 50:
            current, seen = parent.get(current), seen + 1
        if current is not None and current in subject_units and unit_id is not None:
            owner[unit_id] = current
    return owner
