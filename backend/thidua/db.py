"""Engine and sessions. SQLite gets WAL and foreign keys; PostgreSQL goes through psycopg 3."""

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from thidua.core.sql import SQLITE_BUSY_TIMEOUT_MS


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def make_engine(url: str, echo: bool = False, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    """Statement parameters never reach the logs or error messages (`hide_parameters`), not even with
    SQL_ECHO on: they carry password hashes, webhook secrets and personal data."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()
            # SQLite's lower() folds ASCII only; searches must match "ĐỨC" with "đức" as on PostgreSQL.
            dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    else:
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            pool_pre_ping=True,
            pool_size=pool_size,
            max_overflow=max_overflow,
        )
    return engine


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session
