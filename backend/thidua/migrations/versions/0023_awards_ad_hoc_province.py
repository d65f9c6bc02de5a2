"""Ad hoc award rounds with their reason; who signed the province's decision on a proposal; review
rounds offer the commune's Giấy khen in databases made before that default; province awards already
recorded lose the "(đề nghị)" of their type's name

Revision ID: 0023_awards
Revises: 0025
Create Date: 2026-12-06 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0023_awards"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMUNE_CERTIFICATES = ("GK-XA-TT", "GK-XA-CN")
REVIEWS = ("preliminary", "final")


def _widen_round_kinds() -> None:
    """Seed III.2: the 2027 and 2030 reviews also award the commune's Giấy khen. Adding a round kind
    changes no rule, so the versions in use are widened in place rather than re-versioned (the
    downgrade leaves them widened: databases made after the new default hold them so too)."""
    bind = op.get_bind()
    award_type = sa.table(
        "award_type",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("round_kinds", sa.JSON),
    )
    rows = bind.execute(
        sa.select(award_type.c.id, award_type.c.round_kinds).where(
            award_type.c.code.in_(COMMUNE_CERTIFICATES)
        )
    ).fetchall()
    for row_id, kinds in rows:
        kinds = list(kinds or [])
        widened = [*kinds, *(k for k in REVIEWS if k not in kinds)]
        if widened != kinds:
            bind.execute(award_type.update().where(award_type.c.id == row_id).values(round_kinds=widened))


PROPOSED = " (đề nghị)"


def _decided_names() -> None:
    """An award the province granted is the "Bằng khen của Chủ tịch UBND tỉnh", not a proposal: the
    achievements recorded from a province's answer before now drop the type's "(đề nghị)"."""
    bind = op.get_bind()
    achievement = sa.table("achievement", sa.column("id", sa.Integer), sa.column("award_name", sa.String))
    rows = bind.execute(
        sa.select(achievement.c.id, achievement.c.award_name).where(
            achievement.c.award_name.like(f"%{PROPOSED}")
        )
    ).fetchall()
    for row_id, name in rows:
        decided = name.removesuffix(PROPOSED)
        bind.execute(achievement.update().where(achievement.c.id == row_id).values(award_name=decided))


def upgrade() -> None:
    with op.batch_alter_table("award_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True))
    with op.batch_alter_table("award_decision", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("province_issuer", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True)
        )
    _widen_round_kinds()
    _decided_names()


def downgrade() -> None:
    with op.batch_alter_table("award_decision", schema=None) as batch_op:
        batch_op.drop_column("province_issuer")
    with op.batch_alter_table("award_round", schema=None) as batch_op:
        batch_op.drop_column("reason")
