"""`one_of(column, ids)`: `column IN ids` bound as one parameter, for the id lists of batch work (a
re-score's 500 assessments, the sources' subjects). `write_or_skip`: a request's bookkeeping write
that does not wait for SQLite's write lock.

`column.in_(ids)` binds each id as its own parameter. With 500 of them the statement is several
kilobytes: SQLAlchemy expands it on every execution and psycopg parses it again each time (it caches
only short statements), which took a tenth of a province re-score. One list parameter keeps the
statement short and the same for every batch: on PostgreSQL `column = ANY(:ids)` with an integer
array, on SQLite `column IN (SELECT value FROM json_each(:ids))` with the list as JSON, which also
has no limit on the number of ids.
"""

import json
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from sqlalchemy import Boolean, Connection, Integer, String, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement, coercions, roles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.type_api import TypeEngine
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

T = TypeVar("T")
SQLITE_BUSY_TIMEOUT_MS = 30_000  # how long a SQLite statement waits for a lock (db.make_engine)
BOOKKEEPING_WAIT_MS = 100  # how long a request's bookkeeping waits for SQLite's write lock


class IdList(TypeDecorator[list[int]]):
    """A list of integer ids as one bound value: an array on PostgreSQL, JSON text elsewhere."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(Integer))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        ids = [int(i) for i in value]
        return ids if dialect.name == "postgresql" else json.dumps(ids)


class OneOf(ColumnElement[bool]):
    """`column` is one of a list of ids (see the module's note)."""

    inherit_cache = True
    type = Boolean()
    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy's declared type; never changed
        ("column", InternalTraversal.dp_clauseelement),
        ("ids", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, column: Any, ids: Collection[int]) -> None:
        self.column = coercions.expect(roles.ExpressionElementRole, column)
        # One bound parameter: its value is taken anew on every execution of a cached statement.
        self.ids = bindparam(None, list(ids), type_=IdList(), unique=True)


def one_of(column: Any, ids: Collection[int]) -> ColumnElement[bool]:
    return OneOf(column, ids)


@compiles(OneOf)
def _in_json_each(element: OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids = compiler.process(element.column, **kw), compiler.process(element.ids, **kw)
    return f"{column} IN (SELECT value FROM json_each({ids}))"


@compiles(OneOf, "postgresql")
def _any_array(element: OneOf, compiler: SQLCompiler, **kw: Any) -> str:
    column, ids = compiler.process(element.column, **kw), compiler.process(element.ids, **kw)
    return f"{column} = ANY({ids})"


def write_or_skip(session: Session, write: Callable[[Connection], T]) -> T | None:
    """`write` on the session's connection, committed; on SQLite, None instead (nothing written, the
    session rolled back) when another transaction has held the write lock for BOOKKEEPING_WAIT_MS.

    For the bookkeeping a request does before its work: counting it for the rate limit, a key's last
    use. SQLite lets one transaction write at a time, and an import's holds the lock for as long as
    the import runs: waiting for it held every reader up for as long (the busy timeout, 30 s, then
    "database is locked"), although reading needs no lock in WAL mode."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        result = write(conn)
        session.commit()
        return result
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {BOOKKEEPING_WAIT_MS}")
    skipped = False
    try:
        result = write(conn)
    except OperationalError as exc:
        if "locked" not in str(exc.orig):
            raise
        skipped = True
    finally:
        # Set back on every way out, while the connection is still this session's (a commit or a
        # rollback returns it to the pool, where the next user expects the usual timeout).
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    if skipped:
        session.rollback()
        return None
    session.commit()  # in WAL mode the lock is ours since the first write: the commit does not wait
    return result
