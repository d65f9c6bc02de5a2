"""TC4.3, CN2.1 and CN2.2 computed from what the system holds (issue 15, point 6): the "Bình dân học
vụ số" trainings a school held and the person's recognised digital materials, research and articles.
Only the default catalogue's indicators change (same code and name); a commune's own indicators with
those codes are left alone. Values typed earlier stay in the entries' history but no longer count.

Revision ID: 0023
Revises: 0016
Create Date: 2026-12-06 03:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
# The indicators' values now come from their sources: `thidua.cli migrate` re-scores every open
# assessment after the last migration (frozen rows keep their snapshot).
RESCORE = True

# code, name in the default catalogue, the kind it was typed as, the source that now computes it
CHANGED = (
    (
        "TC4.3",
        'Tổ chức lớp "Bình dân học vụ số" cho người còn hạn chế về kỹ năng số',
        "boolean",
        "training_class_held",
    ),
    (
        "CN2.1",
        "Số học liệu số chất lượng cao được công nhận hoặc chia sẻ trên kho học liệu",
        "count",
        "person_digital_materials_recognised",
    ),
    (
        "CN2.2",
        "Số đề tài, bài báo khoa học, sản phẩm sáng tạo kỹ thuật được công nhận",
        "count",
        "person_research_recognised",
    ),
)

indicator = sa.table(
    "indicator",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("source", sa.String),
)


def upgrade() -> None:
    for code, name, typed, source in CHANGED:
        op.execute(
            indicator.update()
            .where(indicator.c.code == code, indicator.c.name == name, indicator.c.kind == typed)
            .values(kind="computed", source=source)
        )


def downgrade() -> None:
    for code, name, typed, source in CHANGED:
        op.execute(
            indicator.update()
            .where(indicator.c.code == code, indicator.c.name == name, indicator.c.source == source)
            .values(kind=typed, source=None)
        )
