"""QĐ 4725 self-assessments: dti_assessment (a school's result for one school year on the Ministry's
digital-transformation index) and dti_value (its answer per criterion). The index itself is reference
data published with the code (thidua/dti/index.py).

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-06 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dti_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("index_code", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "school_year", "index_code"),
    )
    op.create_index(op.f("ix_dti_assessment_unit_id"), "dti_assessment", ["unit_id"])
    op.create_index(op.f("ix_dti_assessment_school_year"), "dti_assessment", ["school_year"])
    op.create_table(
        "dti_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("criterion_code", sa.String(length=20), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=True),  # hundredths, as Decimal2 stores them
        sa.Column("met", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["dti_assessment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("assessment_id", "criterion_code"),
    )
    op.create_index(op.f("ix_dti_value_assessment_id"), "dti_value", ["assessment_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_dti_value_assessment_id"), table_name="dti_value")
    op.drop_table("dti_value")
    op.drop_index(op.f("ix_dti_assessment_school_year"), table_name="dti_assessment")
    op.drop_index(op.f("ix_dti_assessment_unit_id"), table_name="dti_assessment")
    op.drop_table("dti_assessment")
