"""inspections complete: team lead, inspection decision, findings per indicator with their
recommendations' follow-up, the yearly inspection plan and its scheduled visits

Revision ID: 0016
Revises: 0019
Create Date: 2026-12-06 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0016"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str, length: int, nullable: bool = False) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=length), nullable=nullable)


def _versioned() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "inspection_lead",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("inspection_id"),
    )
    with op.batch_alter_table("inspection_lead", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_lead_user_id"), ["user_id"], unique=False)

    op.create_table(
        "inspection_decision",
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        _text("number", 40),
        sa.Column("signed_on", sa.Date(), nullable=False),
        _text("signer_name", 120),
        _text("signer_title", 120),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("inspection_id"),
    )

    op.create_table(
        "inspection_finding",
        *_versioned(),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        _text("strengths", 4000),
        _text("shortcomings", 4000),
        _text("recommendations", 4000),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        _text("status", 20),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        _text("follow_up_note", 4000, nullable=True),
        sa.Column("follow_up_done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("follow_up_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["inspection_id"], ["inspection.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"]),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"]),
        sa.ForeignKeyConstraint(["follow_up_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inspection_finding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_finding_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inspection_finding_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "inspection_plan",
        *_versioned(),
        _text("school_year", 9),
        _text("title", 300),
        _text("purpose", 8000),
        _text("status", 20),
        _text("number", 40, nullable=True),
        sa.Column("signed_on", sa.Date(), nullable=True),
        _text("signer_name", 120, nullable=True),
        _text("signer_title", 120, nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("inspection_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_plan_school_year"), ["school_year"], unique=True)

    op.create_table(
        "inspection_plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("scheduled_on", sa.Date(), nullable=False),
        _text("team", 1000),
        _text("content", 4000),
        sa.ForeignKeyConstraint(["plan_id"], ["inspection_plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "position"),
    )
    with op.batch_alter_table("inspection_plan_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_plan_item_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_plan_item_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    for table in (
        "inspection_plan_item",
        "inspection_plan",
        "inspection_finding",
        "inspection_decision",
        "inspection_lead",
    ):
        op.drop_table(table)
