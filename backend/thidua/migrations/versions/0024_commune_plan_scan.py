"""the commune plan's signed and sealed copy (issue 15, point 1): its scan, stored by content hash

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("scan_sha256", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("scan_size_bytes", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("scan_content_type", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("scan_filename", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        for column in ("scan_filename", "scan_content_type", "scan_size_bytes", "scan_sha256"):
            batch.drop_column(column)
