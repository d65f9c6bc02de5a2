from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Index, Table, UniqueConstraint, event, inspect, or_, select, text, update
from sqlalchemy.sql import ColumnElement
from sqlmodel import Field

from thidua.core.models import Versioned


class UnitKind(StrEnum):
    department = "department"
    commune = "commune"
    office = "office"
    school = "school"
    subject_group = "subject_group"


class SchoolLevel(StrEnum):
    preschool = "preschool"
    primary = "primary"
    lower_secondary = "lower_secondary"
    inter_level = "inter_level"


# Which kind of unit may sit under which: the province's Department (Sở GDĐT) → communes → offices and
# schools → subject groups. A commune may also stand alone (a one-commune deployment).
ALLOWED_PARENT_KIND: dict[UnitKind, UnitKind | None] = {
    UnitKind.department: None,
    UnitKind.commune: UnitKind.department,
    UnitKind.office: UnitKind.commune,
    UnitKind.school: UnitKind.commune,
    UnitKind.subject_group: UnitKind.school,
}

# Kinds that may also sit at the root of the tree.
MAY_BE_ROOT = frozenset({UnitKind.department, UnitKind.commune})
# Kinds that are tenants: each one's users see only its subtree and its own commune-level objects.
TENANT_KINDS = ("commune",)
PROVINCE_KINDS = ("commune", "department")

UNIT_KIND_LABELS_VI = {
    UnitKind.department: "Sở Giáo dục và Đào tạo",
    UnitKind.commune: "UBND xã",
    UnitKind.office: "Phòng, trung tâm",
    UnitKind.school: "Cơ sở giáo dục",
    UnitKind.subject_group: "Tổ chuyên môn",
}


def _codes_unique_per_commune(table: str) -> tuple[Any, ...]:
    """A code is unique in its commune (`commune_id`, code), and among the rows of no commune (the
    Department, the communes themselves and their staff... see `Unit`): a partial unique index, as
    NULLs never clash in a unique constraint."""
    no_commune = text("commune_id IS NULL")
    return (
        UniqueConstraint("commune_id", "code", name=f"uq_{table}_commune_id_code"),
        Index(
            f"uq_{table}_code_no_commune",
            "code",
            unique=True,
            sqlite_where=no_commune,
            postgresql_where=no_commune,
        ),
    )


class Unit(Versioned, table=True):
    """`commune_id` is the commune the unit sits in (its nearest commune ancestor; NULL for the
    Department and the communes themselves, which sit in the province), kept from the tree by the
    events below: codes are unique per commune."""

    __table_args__ = _codes_unique_per_commune("unit")

    code: str = Field(max_length=32, index=True)
    name: str = Field(max_length=255)
    kind: str = Field(max_length=20, index=True)
    school_level: str | None = Field(default=None, max_length=20)
    parent_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    address: str | None = Field(default=None, max_length=255)
    is_active: bool = Field(default=True)
    commune_id: int | None = Field(default=None, foreign_key="unit.id", index=True)


class StaffMember(Versioned, table=True):
    """`commune_id` is the commune of the staff member's unit (the unit itself when it is a commune),
    kept from the tree by the events below: codes are unique per commune."""

    __tablename__ = "staff_member"
    __table_args__ = _codes_unique_per_commune("staff_member")

    code: str = Field(max_length=32, index=True)
    full_name: str = Field(max_length=120)
    position: str = Field(default="", max_length=120)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=20)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", unique=True)
    is_active: bool = Field(default=True)
    commune_id: int | None = Field(default=None, foreign_key="unit.id", index=True)


# ---------------------------------------------------------------- the commune of a unit's rows

U = Unit.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
S = StaffMember.__table__  # type: ignore[attr-defined]


def commune_at(conn: Connection, unit_id: int | None) -> int | None:
    """The commune of what sits at a unit (a staff member of it, a unit under it): the unit itself
    when it is a commune, else the commune it sits in; None for the Department and no unit."""
    if unit_id is None:
        return None
    row = conn.execute(select(U.c.kind, U.c.commune_id).where(U.c.id == unit_id)).first()
    if row is None:
        return None
    return unit_id if row.kind == UnitKind.commune.value else row.commune_id


def codes_of_commune(table: Table, commune: int | None) -> ColumnElement[bool]:
    """The rows of `unit` or `staff_member` whose codes a commune's users name (and among which a code
    is unique): those sitting in the commune, and for units the commune itself. None: the rows of no
    commune (the Department and the communes themselves, the Department's staff)."""
    if commune is None:
        return table.c.commune_id.is_(None)
    if table is U:
        return or_(table.c.commune_id == commune, table.c.id == commune)
    return table.c.commune_id == commune


def subtree_ids(conn: Connection, unit_id: int) -> list[int]:
    """The unit and every unit below it."""
    found, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = [
            r
            for r in conn.execute(select(U.c.id).where(U.c.parent_id.in_(frontier))).scalars()
            if r not in found
        ]
        found.extend(frontier)
    return found


def recommune(conn: Connection, unit_id: int) -> None:
    """After a unit moved under another parent: its commune, and that of everything below it and of
    their staff, follow the tree (a commune keeps its own staff; what sits under it stays its)."""
    frontier = [unit_id]
    while frontier:
        nxt: list[int] = []
        for uid in frontier:
            row = conn.execute(select(U.c.kind, U.c.parent_id).where(U.c.id == uid)).one()
            commune = commune_at(conn, row.parent_id)
            conn.execute(update(U).where(U.c.id == uid).values(commune_id=commune))
            own = uid if row.kind == UnitKind.commune.value else commune
            conn.execute(update(S).where(S.c.unit_id == uid).values(commune_id=own))
            nxt.extend(conn.execute(select(U.c.id).where(U.c.parent_id == uid)).scalars())
        frontier = nxt


def _changed(target: Any, attribute: str) -> bool:
    return bool(inspect(target).attrs[attribute].history.has_changes())


@event.listens_for(Unit, "before_insert")
def _unit_commune(mapper: Any, conn: Connection, unit: Unit) -> None:
    unit.commune_id = commune_at(conn, unit.parent_id)


@event.listens_for(Unit, "after_update")
def _unit_moved(mapper: Any, conn: Connection, unit: Unit) -> None:
    if _changed(unit, "parent_id") and unit.id is not None:
        recommune(conn, unit.id)


@event.listens_for(StaffMember, "before_insert")
def _staff_commune(mapper: Any, conn: Connection, staff: StaffMember) -> None:
    staff.commune_id = commune_at(conn, staff.unit_id)


@event.listens_for(StaffMember, "before_update")
def _staff_moved(mapper: Any, conn: Connection, staff: StaffMember) -> None:
    if _changed(staff, "unit_id"):
        staff.commune_id = commune_at(conn, staff.unit_id)
