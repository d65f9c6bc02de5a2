"""Issued consolidated reports: numbered, dated, signed versions with frozen figures, sent to the Sở

Revision ID: 0022
Revises: 0015
Create Date: 2026-12-06 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0022"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consolidated_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("signer", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("signer_title", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["issued_by_id"], ["user_account.id"]),
        sa.ForeignKeyConstraint(["request_id"], ["report_request.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id", "sequence"),
    )
    with op.batch_alter_table("consolidated_issue", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consolidated_issue_request_id"), ["request_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consolidated_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consolidated_issue_request_id"))
    op.drop_table("consolidated_issue")
