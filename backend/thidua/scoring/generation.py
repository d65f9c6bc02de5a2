"""Knowing when cached rankings are out of date, across server processes.

A ranking scores every subject of a framework and year (about 1.3 s for 3,000 schools), so each
process keeps recent rankings in memory. They are valid while the `score_generation` value they
were computed at is still the value in the database. Every commit that wrote to a table scores can
depend on (entries, assessments, units, staff, activities, plans, reports, initiatives, frameworks...)
adds one to that value in the same transaction, just before it commits; imports that write through
plain connections are caught too, because this listens on the engine, not on the ORM session.

Only tables that can never change a score are left out: the bookkeeping below. When in doubt a
table counts, which costs a recomputation, never a wrong number.
"""

import random
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

T = TypeVar("T")

BOOKKEEPING_TABLES = frozenset(
    {
        "audit_event",
        "idempotency_record",
        "import_job",
        "webhook_delivery",
        "webhook_subscription",
        "api_key",
        "login_throttle",
        "score_generation",
        "alembic_version",
    }
)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_CHANGED = "score_data_changed"


def _touches_scores(statement: str) -> bool:
    match = _WRITE.match(statement)
    return bool(match) and match.group(1).lower() not in BOOKKEEPING_TABLES  # type: ignore[union-attr]


def track(engine: Engine) -> None:
    """Bump the generation on every commit that wrote score data through this engine."""

    @event.listens_for(engine, "after_cursor_execute")
    def _note_write(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not conn.info.get(_CHANGED) and _touches_scores(statement):
            conn.info[_CHANGED] = True

    @event.listens_for(engine, "commit")
    def _bump(conn: Any) -> None:
        # Runs just before the DBAPI commit, inside the transaction: the new value becomes visible
        # together with the data. The row lock (PostgreSQL) is held only for the commit itself.
        if conn.info.pop(_CHANGED, False):
            cursor = conn.connection.dbapi_connection.cursor()
            try:
                cursor.execute("UPDATE score_generation SET value = value + 1 WHERE id = 1")
            finally:
                cursor.close()

    @event.listens_for(engine, "rollback")
    def _forget(conn: Any) -> None:
        conn.info.pop(_CHANGED, None)


def current(session: Session) -> int:
    """The generation now. Read before the data a cached result is computed from, so a write that
    lands meanwhile makes the result look old rather than new."""
    value = session.execute(text("SELECT value FROM score_generation WHERE id = 1")).scalar()
    if value is not None:
        return int(value)
    # The row is gone only when a test emptied every table: start again from a random value so no
    # result cached before the reset can match.
    seed = random.randrange(1, 2**62)
    engine = session.get_bind().engine
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO score_generation (id, value) VALUES (1, :v)"), {"v": seed})
    except IntegrityError:
        pass  # another request created it first
    session.rollback()  # a new snapshot that sees the row
    return int(session.execute(text("SELECT value FROM score_generation WHERE id = 1")).scalar_one())


class ResultCache(Generic[T]):
    """A small LRU of computed results. One computation per key at a time: concurrent requests for
    the same ranking wait for the first instead of each spending a second of CPU on it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._items:
                    return self._items[key]
            value = compute()
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._computing.pop(key, None)
            return value
