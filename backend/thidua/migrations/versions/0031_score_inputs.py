"""Stored scores carry a fingerprint of what they were computed from

`assessment_score.inputs` is a 64-bit fingerprint of an assessment's inputs: the scoring code, the
framework version, the assessment's columns the rows copy, and its values (typed, verified, computed,
linked): `scoring/rescore.inputs_fingerprint`. A re-score whose inputs fingerprint as stored keeps the
rows without running the engine: the day's pass and a framework-wide job whose change moved nothing
for most assessments spent half their time on the engine's side computing rows already stored.

The column starts empty: the next re-score of each row runs the engine as before and fills it. Not
indexed, so that update stays heap-only on PostgreSQL (0029_score_digest).

Revision ID: 0031_score_inputs
Revises: 0030_no_stale_index
Create Date: 2026-12-08 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031_score_inputs"
down_revision: str | None = "0030_no_stale_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("assessment_score") as batch:
        batch.add_column(sa.Column("inputs", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessment_score") as batch:
        batch.drop_column("inputs")
