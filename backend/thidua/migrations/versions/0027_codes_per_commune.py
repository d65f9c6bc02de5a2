"""Units' and staff members' codes unique per commune

A province deployment holds several communes, each with its own schools and staff: commune B may give
a school or a person the code commune A already uses (TH-01, GV-001). `unit` and `staff_member` gain
`commune_id`, filled from the unit tree: a unit's is the commune it sits in (its nearest commune
ancestor), a staff member's that of their unit (the unit itself when it is a commune). The Department
and the communes sit in no commune (NULL). The global unique indexes on `code` give way to a unique
constraint on (commune_id, code) and, for the rows of no commune, a partial unique index on `code`
where `commune_id` is NULL (NULLs never clash in a unique constraint), on SQLite and PostgreSQL alike.

Revision ID: 0027_codes_per_commune
Revises: 0026_tenancy
Create Date: 2026-12-06 19:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027_codes_per_commune"
down_revision: str | None = "0026_tenancy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("unit", "staff_member")
NO_COMMUNE = sa.text("commune_id IS NULL")


def _backfill() -> None:
    conn = op.get_bind()
    units = {
        r.id: (r.kind, r.parent_id) for r in conn.execute(sa.text("SELECT id, kind, parent_id FROM unit"))
    }

    def commune_at(unit_id: int | None) -> int | None:
        seen: set[int] = set()
        while unit_id is not None and unit_id in units and unit_id not in seen:
            seen.add(unit_id)
            kind, parent = units[unit_id]
            if kind == "commune":
                return unit_id
            unit_id = parent
        return None

    unit_rows = [{"id": u, "c": commune_at(parent)} for u, (_, parent) in units.items()]
    staff_rows = [{"u": u, "c": commune_at(u)} for u in units]
    if unit_rows:
        conn.execute(sa.text("UPDATE unit SET commune_id = :c WHERE id = :id"), unit_rows)
        conn.execute(sa.text("UPDATE staff_member SET commune_id = :c WHERE unit_id = :u"), staff_rows)


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{table}_commune_id", ["commune_id"], unique=False)
            batch_op.create_foreign_key(f"fk_{table}_commune_id_unit", "unit", ["commune_id"], ["id"])
    _backfill()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_code")
            batch_op.create_index(f"ix_{table}_code", ["code"], unique=False)
            batch_op.create_unique_constraint(f"uq_{table}_commune_id_code", ["commune_id", "code"])
            batch_op.create_index(
                f"uq_{table}_code_no_commune",
                ["code"],
                unique=True,
                sqlite_where=NO_COMMUNE,
                postgresql_where=NO_COMMUNE,
            )


def downgrade() -> None:
    # Codes used by more than one commune make this fail, as it should: they were not unique.
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"uq_{table}_code_no_commune")
            batch_op.drop_constraint(f"uq_{table}_commune_id_code", type_="unique")
            batch_op.drop_index(f"ix_{table}_code")
            batch_op.create_index(f"ix_{table}_code", ["code"], unique=True)
            batch_op.drop_constraint(f"fk_{table}_commune_id_unit", type_="foreignkey")
            batch_op.drop_index(f"ix_{table}_commune_id")
            batch_op.drop_column("commune_id")
