"""API rate limit counted in the database (shared by every API process)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_rate_count",
        sa.Column("bucket", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("window", sa.Integer(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "window"),
    )
    with op.batch_alter_table("api_rate_count", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_rate_count_window"), ["window"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("api_rate_count", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_rate_count_window"))
    op.drop_table("api_rate_count")
