"""Who a nomination or an achievement is about: a school (collective) or a staff member (individual)."""

from sqlmodel import Session

from thidua.units.models import StaffMember, Unit


def subject_key(unit_id: int, staff_id: int | None) -> str:
    return f"staff:{staff_id}" if staff_id else f"unit:{unit_id}"


def subject_names(session: Session, unit_id: int, staff_id: int | None) -> tuple[str, str]:
    """The subject's name (the person's, or the unit's for a collective) and its unit's name."""
    unit = session.get(Unit, unit_id)
    staff = session.get(StaffMember, staff_id) if staff_id else None
    unit_name = unit.name if unit else ""
    return (staff.full_name if staff else unit_name), unit_name


def school_of(session: Session, unit_id: int) -> int:
    """The school (or other top unit under the commune) a unit belongs to."""
    unit = session.get(Unit, unit_id)
    while unit is not None and unit.kind == "subject_group" and unit.parent_id is not None:
        unit = session.get(Unit, unit.parent_id)
    return unit.id if unit and unit.id else unit_id
