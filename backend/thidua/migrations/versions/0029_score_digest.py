"""Stored scores carry a fingerprint of their rows; unchanged rows are updated in place

`assessment_score.digest` is a 64-bit fingerprint of an assessment's stored rows (its totals, card,
criteria and content areas: `scoring/rescore.fingerprint`). A re-score that computes the same rows
again, which is nearly every row of the day's pass and of a framework-wide job, then only moves
`computed_at` instead of deleting and writing the assessment's rows anew. The column is filled by the
re-score `thidua.cli migrate` runs after this migration (RESCORE), which writes every row.

On PostgreSQL that update is made a heap-only one (HOT: no index is touched), so the day's pass no
longer grows the ranking's indexes. Two storage settings of the table make room for it:
- `toast_tuple_target = 512`: the compressed card (about 700 bytes) is kept out of line, so a row is
  about 260 bytes and an update does not copy the card;
- `fillfactor = 45`: a page keeps room for a second version of each of its rows, since a batch of 500
  assessments in id order updates every row of the pages it covers in one transaction. With 70 only
  about half the updates were HOT.
Measured on a province (126,000 rows): two passes that changed no score made 252,000 updates, all HOT,
and no table or index grew; with a fillfactor of 70 or 80 one such pass took the ranking's order
index from 7.3 to 14 MB. Rows written from now on use the settings (the RESCORE rewrites them all).

Revision ID: 0029_score_digest
Revises: 0028_scorecard_lz4
Create Date: 2026-12-07 23:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029_score_digest"
down_revision: str | None = "0028_scorecard_lz4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
RESCORE = True


def upgrade() -> None:
    with op.batch_alter_table("assessment_score") as batch:
        batch.add_column(sa.Column("digest", sa.BigInteger(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE assessment_score SET (fillfactor = 45, toast_tuple_target = 512)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE assessment_score RESET (fillfactor, toast_tuple_target)")
    with op.batch_alter_table("assessment_score") as batch:
        batch.drop_column("digest")
