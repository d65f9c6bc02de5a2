"""an inspection carries out visits of the yearly inspection plan (issue 17): `inspection_visit` ties a
scheduled visit (one school on the issued plan) to the inspection that made it, so the plan shows which
visits were done, with their findings and minutes

Revision ID: 0026_actors
Revises: 0026_finish
Create Date: 2026-12-06 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_actors"
down_revision: str | None = "0026_finish"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inspection_visit",
        sa.Column("plan_item_id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_item_id"], ["inspection_plan_item.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_item_id"),
    )
    with op.batch_alter_table("inspection_visit", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_visit_inspection_id"), ["inspection_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("inspection_visit")
