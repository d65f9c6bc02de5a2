"""the job queue: procrastinate's schema (PostgreSQL only)

The SQL is read from the procrastinate package installed (pinned in pyproject.toml), so the tables and
functions match the library the workers run. A later version of procrastinate brings its own
migration files (procrastinate/sql/migrations/): upgrading it means a new Alembic migration that
applies those between the two versions. SQLite has no queue table: one process runs the tasks itself.

Revision ID: 0023_queue
Revises: 0023_awards
Create Date: 2026-12-06 03:10:00
"""

from collections.abc import Sequence
from importlib import resources

from alembic import op

revision: str = "0023_queue"
down_revision: str | None = "0023_awards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _driver():  # type: ignore[no-untyped-def]
    # psycopg's own execute: the SQL holds % and : that SQLAlchemy would read as parameters.
    return op.get_bind().connection.driver_connection


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = resources.files("procrastinate.sql").joinpath("schema.sql").read_text(encoding="utf-8")
    _driver().execute(schema)


DROP = """
DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs,
    procrastinate_workers, procrastinate_version CASCADE;
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = current_schema() AND p.proname LIKE 'procrastinate\\_%' LOOP
        EXECUTE 'DROP FUNCTION ' || r.f || ' CASCADE';
    END LOOP;
    FOR r IN SELECT t.typname AS t FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = current_schema() AND t.typname LIKE 'procrastinate\\_%'
             AND t.typtype IN ('e', 'c')
             AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid AND c.relkind <> 'c') LOOP
        EXECUTE 'DROP TYPE IF EXISTS ' || quote_ident(r.t) || ' CASCADE';
    END LOOP;
END
$$;
"""


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _driver().execute(DROP)
