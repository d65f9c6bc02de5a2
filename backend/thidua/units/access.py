"""Who reaches which units and staff members: the one place unit and staff queries are scoped.

The organisation chart is public knowledge (the honour board names schools), so every unit is
readable. What a caller may see and change of a unit's data is its reach: a unit-bound caller
reaches its home unit and every unit below it, a commune-wide caller reaches all of its commune (in a
province deployment: its commune's subtree, `Actor.commune_unit_ids`; province roles reach every
commune). A staff record
belongs to its unit: another unit's staff member answers 404, exactly like a missing one.

Other domains ask here whether a unit or a staff member is within the caller's reach: `in_reach`
for an id they already hold, `unit_in_reach` and `staff_in_reach` for an id a request names,
`units_in_reach`, `readable_staff` and `restrict_to_reach` for queries (imports, exports).
"""

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_units_only, scoped
from thidua.auth.roles import Permission
from thidua.core.lookup import first_or_404
from thidua.units.models import StaffMember, Unit

Q = TypeVar("Q", bound=Select[Any])


def in_reach(actor: Actor, unit_id: int | None) -> bool:
    """Whether the caller may see (and, with the permission, change) data of this unit. A row of
    no unit is in reach only of commune-wide callers."""
    return actor.sees_unit(unit_id)


def in_commune(actor: Actor, unit_id: int | None) -> bool:
    """Whether a unit is of the caller's commune (always, without a wall): what a body may name beyond
    the caller's own reach (a study visit's partner school)."""
    return actor.commune_unit_ids is None or unit_id in actor.commune_unit_ids


def unit_bound(actor: Actor) -> bool:
    """The caller reaches only some units (a school's manager, a key bound to a unit), not all."""
    return actor.visible_unit_ids is not None


def restrict_to_reach(query: Q, actor: Actor, unit_column: Any) -> Q:
    """Any query of unit-owned rows (an export, an import's look-up), kept to the caller's reach."""
    if actor.visible_unit_ids is None:
        return query
    return query.where(col(unit_column).in_(actor.visible_unit_ids))


def code_commune(actor: Actor) -> int | None:
    """The commune whose units and staff the caller names by code (imports): its own behind a wall
    (0, no commune, finds nothing). None: every commune, where a code used by more than one names
    none (a one-commune deployment, or a province role)."""
    return actor.commune_id


def lifecycle_actions(is_active: bool) -> list[str]:
    """What one who may edit a record (unit, staff member, account) may do with it."""
    return ["update", "deactivate"] if is_active else ["update", "activate"]


# ---------------------------------------------------------------- units


def readable_units(actor: Actor) -> SelectOfScalar[Unit]:
    """Every unit of the caller's commune, for every reader: the organisation chart is public
    knowledge. Behind a commune's wall (a province deployment) another commune's units are 404; the
    Department above is not the commune's to read either."""
    if actor.commune_unit_ids is None:
        return select(Unit)
    return select(Unit).where(col(Unit.id).in_(actor.commune_unit_ids))


def chart_in_commune(query: Q, actor: Actor, unit_column: Any) -> Q:
    """A bulk export's Core query of units narrowed like readable_units: the caller's commune's."""
    return commune_units_only(query, unit_column, actor)  # type: ignore[arg-type,return-value]


def get_readable_unit(session: Session, actor: Actor, unit_id: int) -> Unit:
    query = readable_units(actor).where(Unit.id == unit_id)
    return first_or_404(session, query, f"Không tìm thấy đơn vị có id {unit_id}.")


def units_in_reach(actor: Actor) -> SelectOfScalar[Unit]:
    """The units whose data the caller may see: its home unit and below, or all."""
    return scoped(select(Unit), Unit.id, actor)


def unit_in_reach(session: Session, actor: Actor, unit_id: int) -> Unit | None:
    """The unit a request names, or None when it does not exist or is out of the caller's reach;
    the caller says which field was wrong, so a unit out of reach reads like a missing one."""
    unit = session.get(Unit, unit_id)
    return unit if unit is not None and in_reach(actor, unit.id) else None


def unit_actions(actor: Actor, unit: Unit) -> list[str]:
    return lifecycle_actions(unit.is_active) if actor.can(Permission.units_write) else []


# ---------------------------------------------------------------- staff


def readable_staff(actor: Actor) -> SelectOfScalar[StaffMember]:
    """The staff members of the units in the caller's reach."""
    return scoped(select(StaffMember), StaffMember.unit_id, actor)


def get_readable_staff(session: Session, actor: Actor, staff_id: int) -> StaffMember:
    query = readable_staff(actor).where(col(StaffMember.id) == staff_id)
    return first_or_404(session, query, f"Không tìm thấy cán bộ có id {staff_id}.")


def staff_in_reach(session: Session, actor: Actor, staff_id: int) -> StaffMember | None:
    """The staff member a request names, or None when missing or out of the caller's reach."""
    staff = session.get(StaffMember, staff_id)
    return staff if staff is not None and in_reach(actor, staff.unit_id) else None


def keeps_staff_records(actor: Actor) -> bool:
    """Who writes staff records: the school's head, the commune officer, the administrator, and API
    keys that write or import staff (an export they re-import must carry the contact details, or
    its empty cells would clear them)."""
    return actor.can(Permission.staff_write) or actor.has_scope("staff:import")


def sees_contact(actor: Actor, staff: StaffMember) -> bool:
    """E-mail and phone are personal data: for those who keep the staff record and for the person
    themself, not for every reader (teachers, the leader, inspectors, read-only integrations)."""
    keeper = keeps_staff_records(actor) and in_reach(actor, staff.unit_id)
    return keeper or (staff.user_id is not None and staff.user_id == actor.id and actor.scopes is None)


def staff_actions(actor: Actor, staff: StaffMember) -> list[str]:
    may_edit = actor.can(Permission.staff_write) and in_reach(actor, staff.unit_id)
    return lifecycle_actions(staff.is_active) if may_edit else []
