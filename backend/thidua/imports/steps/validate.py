"""Step 2 of a chunk, validate: the rules every kind shares (one row per natural key, units and staff
named by code and in the caller's scope). A kind's own rules add their problems to the same reader."""

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from thidua.imports.context import ImportContext
from thidua.imports.lookups import UnitInfo
from thidua.imports.messages import M, Message
from thidua.imports.steps.parse import RowReader

T = TypeVar("T")


def first_of_key(r: RowReader, key: Hashable, seen: set[Hashable], column: str) -> None:
    """A row repeating the natural key of an earlier row of the file fails at `column`."""
    if r.problems:
        return
    if key in seen:
        r.fail(column, M.duplicate)
    seen.add(key)


def unit_in_scope(ctx: ImportContext, r: RowReader, column: str, unit_code: str | None) -> UnitInfo | None:
    """The unit a cell names, when it exists and the caller sees it; else the row fails at `column`."""
    if not unit_code:
        return None
    unit = ctx.units.find(unit_code)
    if unit is None or not ctx.sees(unit.id):
        r.fail(column, M.not_in_scope("đơn vị", "unit", unit_code))
        return None
    return unit


def staff_of_unit(
    ctx: ImportContext,
    r: RowReader,
    column: str,
    listed: Iterable[tuple[str, T]],
    unit_id: int,
    missing: Callable[[str], Message],
    twice: Message,
) -> dict[int, T]:
    """Staff codes listed in one cell (attendees, authors), each with its value, resolved to staff of the
    unit's subtree; an unknown or repeated code fails the row at `column`."""
    allowed = ctx.units.subtree(unit_id)
    found: dict[int, T] = {}
    for staff_code, value in listed:
        staff = ctx.staff.find(staff_code)
        if staff is None or staff.unit_id not in allowed:
            r.fail(column, missing(staff_code), value=staff_code)
        elif staff.id in found:
            r.fail(column, twice, value=staff_code)
        else:
            found[staff.id] = value
    return found
