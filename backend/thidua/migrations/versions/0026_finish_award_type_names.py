"""the province's award types are named for what they are ("Bằng khen của Chủ tịch UBND tỉnh"), not
"... (đề nghị)": the commune proposes them, and that is said by the documents and screens that propose,
so the name no longer needs stripping wherever an award is granted (issue 16)

Revision ID: 0026_finish
Revises: 0026_scores
Create Date: 2026-12-06 07:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026_finish"
down_revision: str | None = "0026_scores"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROPOSED = " (đề nghị)"


def _strip(table: str, column: str) -> None:
    """Every stored name that ends in "(đề nghị)" loses it (award types of every version, and any
    achievement still carrying it)."""
    bind = op.get_bind()
    t = sa.table(table, sa.column("id", sa.Integer), sa.column(column, sa.String))
    rows = bind.execute(sa.select(t.c.id, t.c[column]).where(t.c[column].like(f"%{PROPOSED}"))).fetchall()
    for row_id, name in rows:
        bind.execute(t.update().where(t.c.id == row_id).values({column: name.removesuffix(PROPOSED)}))


def upgrade() -> None:
    _strip("award_type", "name")
    _strip("achievement", "award_name")


def downgrade() -> None:
    """Names are data: the downgrade leaves them as they are (the code before this change printed both)."""
