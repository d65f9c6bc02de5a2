"""Communes as tenants of one province: commune-level objects belong to a commune

Every commune-level table (movements, frameworks, award types and rounds, report requests, the
steering committee, inspections and inspection plans, budget sources, partners, the communications
plan, stories) gains `commune_id`. An existing deployment holds one commune and no wall: its rows keep
no commune (NULL) until a second commune or the Department is added, when they become the first
commune's, so nothing changes for its users. Codes and numbers that were unique in the deployment (a
movement's code, a framework's and an award type's code and version, the school year of the
communications plan and of the inspection plan) become unique per commune.

Revision ID: 0026_tenancy
Revises: 0026_queue2
Create Date: 2026-12-06 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_tenancy"
down_revision: str | None = "0026_queue2"
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


# Codes unique per commune, not per deployment: (table, columns unique before, by a unique index or
# an unnamed unique constraint).
UNIQUE_INDEXES = {"movement": "code", "inspection_plan": "school_year"}
UNIQUE_CONSTRAINTS = {
    "framework": ("code", "version_number"),
    "award_type": ("code", "version_number"),
    "comms_plan": ("school_year",),
}
# SQLite reflects an unnamed unique constraint without a name; this names it so it can be dropped.
NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}


def _old_unique_name(table: str, columns: tuple[str, ...]) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"{table}_{'_'.join(columns)}_key"
    return f"uq_{table}_{'_'.join(columns)}"


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None, naming_convention=NAMING) as batch_op:
            batch_op.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{table}_commune_id", ["commune_id"], unique=False)
            batch_op.create_foreign_key(f"fk_{table}_commune_id_unit", "unit", ["commune_id"], ["id"])
            if table in UNIQUE_INDEXES:
                column = UNIQUE_INDEXES[table]
                batch_op.drop_index(f"ix_{table}_{column}")
                batch_op.create_index(f"ix_{table}_{column}", [column], unique=False)
                batch_op.create_unique_constraint(f"uq_{table}_commune_id_{column}", ["commune_id", column])
            if table in UNIQUE_CONSTRAINTS:
                columns = UNIQUE_CONSTRAINTS[table]
                batch_op.drop_constraint(_old_unique_name(table, columns), type_="unique")
                batch_op.create_unique_constraint(
                    f"uq_{table}_commune_id_{'_'.join(columns)}", ["commune_id", *columns]
                )
    # The rows keep no commune: a one-commune deployment has no wall, and its checks of codes and its
    # offers (an award type's code, the active types of a round) compare "no commune" with "no
    # commune". When a second commune or the Department is added, units.service
    # `claim_for_the_first_commune` gives every such row to the first commune, in that transaction.


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in UNIQUE_INDEXES:
                column = UNIQUE_INDEXES[table]
                batch_op.drop_constraint(f"uq_{table}_commune_id_{column}", type_="unique")
                batch_op.drop_index(f"ix_{table}_{column}")
                batch_op.create_index(f"ix_{table}_{column}", [column], unique=True)
            if table in UNIQUE_CONSTRAINTS:
                columns = UNIQUE_CONSTRAINTS[table]
                batch_op.drop_constraint(f"uq_{table}_commune_id_{'_'.join(columns)}", type_="unique")
                batch_op.create_unique_constraint(_old_unique_name(table, columns), list(columns))
            batch_op.drop_constraint(f"fk_{table}_commune_id_unit", type_="foreignkey")
            batch_op.drop_index(f"ix_{table}_commune_id")
            batch_op.drop_column("commune_id")
