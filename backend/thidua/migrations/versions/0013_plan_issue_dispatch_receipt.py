"""commune plan issue, dispatch and receipt recorded by the system

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 18:10:00

Existing received dates were typed by the schools: they are kept and marked `school_entered`.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("received_source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "signer_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "signer_title",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.alter_column("signer_name", server_default=None)
        batch_op.alter_column("signer_title", server_default=None)
    op.execute("UPDATE plan SET received_source = 'school_entered' WHERE received_date IS NOT NULL")

    op.create_table(
        "plan_dispatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("incoming_number", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "unit_id"),
    )
    with op.batch_alter_table("plan_dispatch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_dispatch_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_dispatch_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_dispatch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_dispatch_unit_id"))
        batch_op.drop_index(batch_op.f("ix_plan_dispatch_plan_id"))
    op.drop_table("plan_dispatch")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("issued_at")
        batch_op.drop_column("signer_title")
        batch_op.drop_column("signer_name")
        batch_op.drop_column("received_source")
