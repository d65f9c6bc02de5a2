"""stored scores: assessment_score, criterion_score, content_area_score filled from the data; the
score_generation counter goes (rankings read the stored rows, nothing is cached per process)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
# The tables are filled for the data already there by `thidua.cli migrate` once every migration has run,
# with the application's engine and sources (the same code that keeps them up to date afterwards).
RESCORE = True


def _decimal(name: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sa.BigInteger(), nullable=False)  # hundredths, as Decimal2 stores them


def upgrade() -> None:
    op.create_table(
        "assessment_score",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("subject_kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        _decimal("self_total"),
        _decimal("verified_total"),
        _decimal("max_total"),
        _decimal("completion_percent"),
        _decimal("self_completion_percent"),
        _decimal("gap"),
        _decimal("data_completeness_percent"),
        sa.Column("classification_code", sa.String(length=30), nullable=False),
        sa.Column("classification_label", sa.String(length=200), nullable=False),
        sa.Column("failed_gates", sa.JSON(), nullable=False),
        sa.Column("frozen", sa.Boolean(), nullable=False),
        sa.Column("framework_version", sa.Integer(), nullable=False),
        sa.Column("scorecard", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("stale", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["assessment_id"], ["self_assessment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["framework_id"], ["framework.id"]),
        sa.ForeignKeyConstraint(["staff_id"], ["staff_member.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("assessment_id"),
    )
    op.create_index(
        "ix_assessment_score_ranking",
        "assessment_score",
        ["framework_id", "school_year", "status", "completion_percent"],
    )
    op.create_index("ix_assessment_score_framework_stale", "assessment_score", ["framework_id", "stale"])
    op.create_index("ix_assessment_score_unit_id", "assessment_score", ["unit_id"])
    op.create_index("ix_assessment_score_staff_id", "assessment_score", ["staff_id"])
    for table, columns in (
        ("criterion_score", ["self_points", "verified_points", "max_points", "completion_percent"]),
        ("content_area_score", ["verified_points", "max_points", "completion_percent"]),
    ):
        op.create_table(
            table,
            sa.Column("assessment_id", sa.Integer(), nullable=False),
            sa.Column("code", sa.String(length=20), nullable=False),
            *[_decimal(c) for c in columns],
            sa.ForeignKeyConstraint(["assessment_id"], ["self_assessment.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("assessment_id", "code"),
        )
    op.drop_table("score_generation")


def downgrade() -> None:
    op.create_table(
        "score_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO score_generation (id, value) VALUES (1, 1)")
    op.drop_table("content_area_score")
    op.drop_table("criterion_score")
    op.drop_index("ix_assessment_score_staff_id", table_name="assessment_score")
    op.drop_index("ix_assessment_score_unit_id", table_name="assessment_score")
    op.drop_index("ix_assessment_score_framework_stale", table_name="assessment_score")
    op.drop_index("ix_assessment_score_ranking", table_name="assessment_score")
    op.drop_table("assessment_score")
