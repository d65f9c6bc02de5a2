"""What the kinds' exports share: the rows the caller may read, in batches by id."""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select

from thidua.auth.policy import Actor
from thidua.imports.kinds.base import ExportFilters
from thidua.units import access as units_access

EXPORT_BATCH = 2000


def within(
    query: Select[Any],
    actor: Actor,
    filters: ExportFilters,
    unit_column: Any,
    subtree: Callable[[int], frozenset[int]],
    year_column: Any = None,
) -> Select[Any]:
    """Rows of the units the caller sees, narrowed to the filters' unit subtree and school year.
    `subtree` gives a unit and the units below it (asked only when the filters name a unit)."""
    query = units_access.restrict_to_reach(query, actor, unit_column)
    if filters.unit_id is not None:
        query = query.where(unit_column.in_(subtree(filters.unit_id)))
    if year_column is not None and filters.school_year is not None:
        query = query.where(year_column == filters.school_year)
    return query


def batches(conn: Connection, query: Select[Any], id_column: Any) -> Iterator[Sequence[Row[Any]]]:
    """The query's rows, EXPORT_BATCH at a time in id order (a keyset: no OFFSET on large tables)."""
    last = 0
    while True:
        batch = conn.execute(query.where(id_column > last).order_by(id_column).limit(EXPORT_BATCH)).all()
        if not batch:
            return
        yield batch
        last = batch[-1].id
