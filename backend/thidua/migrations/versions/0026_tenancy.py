"""Communes as tenants of one province: commune-level objects belong to a commune

Every commune-level table (movements, frameworks, award types and rounds, report requests, the
steering committee, inspections and inspection plans, budget sources, partners, the communications
plan, stories) gains `commune_id`. An existing deployment holds one commune: its rows are filled with
it, so nothing changes for its users.

Revision ID: 0026_tenancy
Revises: 0023_queue
Create Date: 2026-12-06 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_tenancy"
down_revision: str | None = "0023_queue"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "movement",
    "framework",
    "award_type",
    "award_round",
    "report_request",
    "steering_committee",
    "inspection",
    "inspection_plan",
    "budget_source",
    "partner",
    "comms_plan",
    "story",
)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{table}_commune_id", ["commune_id"], unique=False)
            batch_op.create_foreign_key(f"fk_{table}_commune_id_unit", "unit", ["commune_id"], ["id"])
    bind = op.get_bind()
    communes = bind.execute(sa.text("SELECT id FROM unit WHERE kind = 'commune'")).scalars().all()
    if len(communes) == 1:
        for table in TABLES:
            bind.execute(
                sa.text(f"UPDATE {table} SET commune_id = :commune WHERE commune_id IS NULL"),
                {"commune": communes[0]},
            )


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"fk_{table}_commune_id_unit", type_="foreignkey")
            batch_op.drop_index(f"ix_{table}_commune_id")
            batch_op.drop_column("commune_id")
