from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    """Who a computed value is for: a unit, or a staff member of that unit."""

    unit_id: int
    staff_id: int | None = None  # None: the unit itself is assessed
