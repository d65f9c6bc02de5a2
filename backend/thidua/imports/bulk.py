"""Driver-level SQL for the bulk paths, inside the import's own transaction: SQLAlchemy's per-row
parameter processing and expanding IN cost more than the queries at thousands of rows."""

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def batched(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    source = iter(rows)
    while batch := list(islice(source, size)):
        yield batch


def bound(conn: Connection, column: Any, value: Any) -> Any:
    """A value as the driver takes it for this column (e.g. a datetime as SQLite's text)."""
    process = column.type._cached_bind_processor(conn.dialect)
    return process(value) if process else value


def executemany(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Straight to the driver's executemany, inside the import's transaction: the bulk paths skip the
    per-row parameter processing of SQLAlchemy (values are already in the driver's types, see bound()).
    `sql` uses ? placeholders."""
    cursor, sql = _cursor(conn, sql)
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def fetch_in(conn: Connection, sql: str, *lists: Sequence[Any]) -> list[Any]:
    """A driver-level query whose `{0}`, `{1}`... become IN lists of ? placeholders (for the bulk
    paths: SQLAlchemy's expanding IN costs more than the query at thousands of values)."""
    params: list[Any] = []
    for n, values in enumerate(lists):
        sql = sql.replace("{" + str(n) + "}", ", ".join("?" * len(values)))
        params.extend(values)
    cursor, sql = _cursor(conn, sql)
    try:
        if conn.dialect.driver == "psycopg":
            # Never a server-side prepared statement: psycopg prepares a query text run 5 times, and
            # PostgreSQL may then pick a generic plan, where `x IN ($1, ..., $2000)` left as a filter is
            # matched by walking the list for every row (with the values in a custom plan it is a hash
            # look-up): a second per chunk on a table of tens of thousands of assessments.
            cursor.execute(sql, params, prepare=False)
        else:
            cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _cursor(conn: Connection, sql: str) -> tuple[Any, str]:
    """A driver cursor on the import's own connection (inside its transaction), and the SQL in the
    driver's placeholder style."""
    if conn.dialect.paramstyle in ("format", "pyformat"):
        sql = sql.replace("?", "%s")
    return conn.connection.cursor(), sql
