"""an index in the ranking's own order (completion descending, then assessment), carrying the status,
so that a ranking page at any depth is read from the index alone (issue 14)

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06 03:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_assessment_score_rank_order",
        "assessment_score",
        ["framework_id", "school_year", sa.text("completion_percent DESC"), "assessment_id"],
        postgresql_include=["status"],
    )


def downgrade() -> None:
    op.drop_index("ix_assessment_score_rank_order", table_name="assessment_score")
