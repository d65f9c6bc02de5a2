"""each criterion's and content area's stored score carries its framework and school year, with an
index on them, so that the aggregates sum one framework's rows instead of scanning every row (issue 14)

Revision ID: 0026_scores
Revises: 0023_queue
Create Date: 2026-12-06 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_scores"
down_revision: str | None = "0023_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("criterion_score", "content_area_score")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("framework_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("school_year", sa.String(length=9), nullable=True))
        # Filled from the assessment's stored row (every part has one: same transaction, same re-score).
        op.execute(
            f"UPDATE {table} SET "
            "framework_id = (SELECT s.framework_id FROM assessment_score s "
            f"WHERE s.assessment_id = {table}.assessment_id), "
            "school_year = (SELECT s.school_year FROM assessment_score s "
            f"WHERE s.assessment_id = {table}.assessment_id)"
        )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("framework_id", existing_type=sa.Integer(), nullable=False)
            batch.alter_column("school_year", existing_type=sa.String(length=9), nullable=False)
        op.create_index(
            f"ix_{table}_framework_year",
            table,
            ["framework_id", "school_year", "code"],
            postgresql_include=["assessment_id", "completion_percent"],
        )


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_framework_year", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("school_year")
            batch.drop_column("framework_id")
