"""Stored scorecards compressed with LZ4 on PostgreSQL

`assessment_score.scorecard` is about 2.4 kB of JSON per assessment, just over the size at which
PostgreSQL compresses a value, with pglz by default. A province re-score writes 126,000 of them; a
COPY of 120,000 took 4.6-5.2 s into the table with LZ4 against 5.3-5.9 s with pglz (1.8 against 2.6 s
into a copy without indexes), and reading a card back decompresses faster too. Only values written
from now on use it (each re-score rewrites them). A server built without LZ4 refuses the setting; the
column then keeps pglz, and nothing else changes. SQLite has no such setting.

Revision ID: 0028_scorecard_lz4
Revises: 0027_codes_per_commune
Create Date: 2026-12-07 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028_scorecard_lz4"
down_revision: str | None = "0027_codes_per_commune"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _compression(method: str) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "postgresql":
        return
    try:
        with conn.begin_nested():
            conn.execute(
                sa.text(f"ALTER TABLE assessment_score ALTER COLUMN scorecard SET COMPRESSION {method}")
            )
    except sa.exc.DBAPIError:
        pass  # built without LZ4: pglz stays


def upgrade() -> None:
    _compression("lz4")


def downgrade() -> None:
    _compression("pglz")
