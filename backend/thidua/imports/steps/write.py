"""Step 3 of a chunk, write: the strategy decides whether a checked row creates, updates or leaves
the stored row alone, and the kind's writer stores it (versioned rows: version and timestamps)."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import delete, insert, update

from thidua.imports.context import ImportContext
from thidua.imports.messages import M
from thidua.imports.schemas import Strategy
from thidua.imports.steps.parse import RowReader

R = TypeVar("R", contravariant=True)


@dataclass(frozen=True)
class Change:
    """What a row would store, and how it compares with what is stored."""

    exists: bool
    values: dict[str, Any]
    changed: bool


class Writer(Protocol[R]):
    @property
    def key_column(self) -> str: ...  # where a refusal by the strategy is reported

    def create(self, ctx: ImportContext, record: R, values: dict[str, Any]) -> None: ...

    def update(self, ctx: ImportContext, record: R, values: dict[str, Any]) -> None: ...


def outcome(ctx: ImportContext, r: RowReader, exists: bool, changed: bool, key_column: str) -> str | None:
    """create | update | unchanged by the strategy, or None when the strategy refuses the row."""
    if not exists:
        if ctx.strategy == Strategy.update:
            r.fail(key_column, M.missing)
            ctx.reject_reader(r)
            return None
        return "create"
    if not changed:
        return "unchanged"
    if ctx.strategy == Strategy.create:
        r.fail(key_column, M.exists)
        ctx.reject_reader(r)
        return None
    return "update"


def store(ctx: ImportContext, writer: "Writer[R]", r: RowReader, record: R, change: Change) -> None:
    """Write one checked row as the strategy allows, and count it."""
    done = outcome(ctx, r, change.exists, change.changed, writer.key_column)
    if done is None:
        return
    if done == "create":
        writer.create(ctx, record, change.values)
    elif done == "update":
        writer.update(ctx, record, change.values)
    ctx.count(done)


def differs(current: Mapping[str, Any], values: Mapping[str, Any]) -> bool:
    return any(current[k] != v for k, v in values.items())


def new_versioned(now: datetime, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "version": 1, "created_at": now, "updated_at": now}


def versioned_changes(now: datetime, table: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """An UPDATE's values for a Versioned row: the changes, the version bumped, updated_at moved."""
    return {**changes, "version": table.c.version + 1, "updated_at": now}


def insert_versioned(ctx: ImportContext, table: Any, values: dict[str, Any]) -> int:
    """A new Versioned row; its id."""
    key = ctx.conn.execute(insert(table).values(**new_versioned(ctx.now, values))).inserted_primary_key
    assert key is not None
    return int(key[0])


def update_versioned(ctx: ImportContext, table: Any, row_id: int, values: dict[str, Any]) -> None:
    ctx.conn.execute(
        update(table).where(table.c.id == row_id).values(**versioned_changes(ctx.now, table, values))
    )


def replace_links(
    ctx: ImportContext, table: Any, owner_column: str, owner_id: int, rows: list[dict[str, Any]]
) -> None:
    """A row's list of links (roles, attendees, authors) replaced by the file's."""
    ctx.conn.execute(delete(table).where(table.c[owner_column] == owner_id))
    insert_links(ctx, table, rows)


def insert_links(ctx: ImportContext, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        ctx.conn.execute(insert(table), rows)
