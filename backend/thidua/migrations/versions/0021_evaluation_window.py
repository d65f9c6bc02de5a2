"""evaluation windows per school year (verification only inside; earlier the commune leader closes
early with a reason: early_verification), and stored scores re-scored because a computed indicator
without a value now counts as missing in data completeness

Revision ID: 0021
Revises: 0022
Create Date: 2026-12-06 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
# Data completeness now counts a computed indicator without a value as missing: `thidua.cli migrate`
# re-scores every assessment after the last migration (frozen rows keep their snapshot).
RESCORE = True


def upgrade() -> None:
    op.create_table(
        "evaluation_window",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("movement_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["movement_id"], ["movement.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("movement_id", "school_year"),
    )
    op.create_index("ix_evaluation_window_movement_id", "evaluation_window", ["movement_id"])
    op.create_table(
        "early_verification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        sa.Column("window_starts_on", sa.Date(), nullable=False),
        sa.Column("window_ends_on", sa.Date(), nullable=False),
        sa.Column("verified_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["self_assessment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["verified_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assessment_id"),
    )


def downgrade() -> None:
    op.drop_table("early_verification")
    op.drop_index("ix_evaluation_window_movement_id", table_name="evaluation_window")
    op.drop_table("evaluation_window")
