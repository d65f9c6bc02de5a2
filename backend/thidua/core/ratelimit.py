"""Requests per minute per API key and per user: a fixed one-minute window counted in the database.

Every API process (on every machine) counts in the same rows, so the limit holds however many
processes serve the API. One short transaction per authenticated request: an upsert that adds one and
reads the count back (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, on PostgreSQL and SQLite alike),
so parallel requests are never lost. A request counts on its own session's connection before it reads
anything (`hit(..., session=)`): a second connection per request made a busy process open and close
connections all the time. The first request of a bucket in a new minute deletes the rows of
minutes that are over, so the table holds about two minutes of callers. On SQLite a request whose
count would wait for another transaction's write lock (a long import) goes uncounted rather than
wait (`core/sql.write_or_skip`)."""

import time
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Field, Session, SQLModel

from thidua.core.sql import write_or_skip


class RateCount(SQLModel, table=True):
    __tablename__ = "api_rate_count"

    bucket: str = Field(primary_key=True, max_length=100)  # "key:<id>" or "user:<id>"
    window: int = Field(primary_key=True, index=True)  # minutes since the Unix epoch
    hits: int = Field(default=0)


_T: Any = RateCount.__table__  # type: ignore[attr-defined]


class RateLimiter:
    def __init__(self, engine: Engine, per_minute: int) -> None:
        self.engine = engine
        self.per_minute = per_minute
        self._postgresql = engine.dialect.name == "postgresql"
        insert = (pg_insert if self._postgresql else sqlite_insert)(_T)
        # Built once, bound per request: building the upsert cost more than running it.
        self._upsert = (
            insert.values(bucket=bindparam("bucket"), window=bindparam("window"), hits=1)
            .on_conflict_do_update(index_elements=[_T.c.bucket, _T.c.window], set_={"hits": _T.c.hits + 1})
            .returning(_T.c.hits)
        )

    def hit(self, bucket: str, now: float | None = None, session: Session | None = None) -> int | None:
        """Counts one request; returns None when allowed, else the seconds until the next window. With a
        session, counts in its transaction and commits it (call it before the request changes anything)."""
        if self.per_minute <= 0:
            return None
        now = time.time() if now is None else now
        window = int(now // 60)
        if session is None:
            with self.engine.begin() as conn:
                count = self._count(conn, bucket, window)
        else:
            counted = write_or_skip(session, lambda conn: self._count(conn, bucket, window))
            if counted is None:
                return None  # SQLite's write lock is another transaction's: this one goes uncounted
            count = counted
        if count > self.per_minute:
            return max(1, int((window + 1) * 60 - now))
        return None

    def _count(self, conn: Connection, bucket: str, window: int) -> int:
        if self._postgresql:
            # A count lost in a crash costs nothing; waiting for the WAL flush on every request does.
            conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        count = int(conn.execute(self._upsert, {"bucket": bucket, "window": window}).scalar_one())
        if count == 1:
            conn.execute(delete(_T).where(_T.c.window < window - 1))
        return count
