"""The stale flag is no longer indexed, so marking and clearing it stays a heap-only update

A framework-wide change marks its open rows stale and the job clears the flag again. With
`stale` in the index `ix_assessment_score_framework_stale`, each of those updates changed an indexed
column: none could be heap-only (HOT), so every one wrote a new entry into all six indexes of
`assessment_score`, and the job's final VACUUM then cleaned them up. Measured on a province (120,000
rows of one framework, scores unchanged): marking 1.5 s, the job 23.9 s and its VACUUM 5.6 s with the
index; 0.4 s, 15.2 s and 0.4 s without it. The queries that read the flag (a framework's stale count
once per job, the frameworks with stale rows when a worker starts) take about 35 ms through the
ranking index's leading `framework_id` or a scan.

Revision ID: 0030_no_stale_index
Revises: 0029_score_digest
Create Date: 2026-12-08 03:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0030_no_stale_index"
down_revision: str | None = "0029_score_digest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_assessment_score_framework_stale", table_name="assessment_score")


def downgrade() -> None:
    op.create_index("ix_assessment_score_framework_stale", "assessment_score", ["framework_id", "stale"])
