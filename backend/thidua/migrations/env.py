"""Alembic environment: the URL comes from thidua settings (DATABASE_URL) unless a caller set one."""

from typing import Any, Literal

from alembic import context
from sqlmodel import SQLModel

import thidua.all_models  # noqa: F401 - registers every table
from thidua.config import Settings
from thidua.core.models import Decimal2, UTCDateTime
from thidua.db import make_engine

config = context.config

# Our column types render as the plain SQL types they store, so migrations never import app code.
_PLAIN_TYPES = {UTCDateTime: "sa.DateTime(timezone=True)", Decimal2: "sa.BigInteger()"}


def _render_item(type_: str, obj: Any, _autogen_context: Any) -> str | Literal[False]:
    if type_ == "type" and type(obj) in _PLAIN_TYPES:
        return _PLAIN_TYPES[type(obj)]
    return False


target_metadata = SQLModel.metadata


def include_name(name: str | None, type_: str, _parent: Any) -> bool:
    """procrastinate's tables (the job queue, migration 0023_queue) are not models: autogenerate
    leaves them alone."""
    return not (type_ == "table" and (name or "").startswith("procrastinate_"))


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or Settings().resolved_database_url


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(_url())
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one, which other tables' foreign
            # keys refuse while they are enforced (Alembic's batch mode; the copy keeps every id).
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        _run(connection)
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
    engine.dispose()


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        render_item=_render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
