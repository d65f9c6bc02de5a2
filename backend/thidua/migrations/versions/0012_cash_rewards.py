"""cash rewards: a coefficient per award type, the base salary with its effective dates

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-05 18:30:00
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Decree 98/2023/NĐ-CP: Giấy khen 0.15 (individual) / 0.3 (collective) times the base salary;
# the province chairman's Bằng khen 1.0 / 2.0. Stored in hundredths (Decimal2).
DEFAULT_COEFFICIENTS = {"GK-DV-CN": 15, "GK-XA-CN": 15, "GK-XA-TT": 30, "BK-TINH-CN": 100, "BK-TINH-TT": 200}


def upgrade() -> None:
    with op.batch_alter_table("award_type", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cash_coefficient", sa.BigInteger(), nullable=True))
    award_type = sa.table(
        "award_type", sa.column("code", sa.String), sa.column("cash_coefficient", sa.BigInteger)
    )
    for code, hundredths in DEFAULT_COEFFICIENTS.items():
        op.execute(award_type.update().where(award_type.c.code == code).values(cash_coefficient=hundredths))

    base_salary = op.create_table(
        "base_salary",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("legal_basis", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("base_salary", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_base_salary_effective_from"), ["effective_from"], unique=True)
    now = datetime.now(UTC)
    op.bulk_insert(
        base_salary,
        [
            {
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "effective_from": date(2024, 7, 1),
                "amount": 2_340_000,
                "legal_basis": "Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ",
            }
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("base_salary", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_base_salary_effective_from"))
    op.drop_table("base_salary")
    with op.batch_alter_table("award_type", schema=None) as batch_op:
        batch_op.drop_column("cash_coefficient")
