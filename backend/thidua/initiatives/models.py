from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import Decimal2, Versioned


class InitiativeKind(StrEnum):
    initiative = "initiative"  # sáng kiến
    solution = "solution"  # giải pháp
    research = "research"  # nghiên cứu khoa học
    digital_material = "digital_material"  # học liệu số
    article = "article"  # bài báo khoa học


INITIATIVE_KIND_LABELS_VI = {
    InitiativeKind.initiative: "Sáng kiến",
    InitiativeKind.solution: "Giải pháp",
    InitiativeKind.research: "Nghiên cứu khoa học",
    InitiativeKind.digital_material: "Học liệu số",
    InitiativeKind.article: "Bài báo khoa học",
}


class RecognitionLevel(StrEnum):
    unit = "unit"
    commune = "commune"
    province = "province"


RECOGNITION_LEVEL_LABELS_VI = {
    RecognitionLevel.unit: "cấp cơ sở (đơn vị)",
    RecognitionLevel.commune: "cấp xã",
    RecognitionLevel.province: "cấp tỉnh",
}
# "At a level or above": higher number, higher level.
RECOGNITION_RANK = {RecognitionLevel.unit: 1, RecognitionLevel.commune: 2, RecognitionLevel.province: 3}


class Initiative(Versioned, table=True):
    """Sáng kiến, giải pháp, nghiên cứu, học liệu số, bài báo: a unit's work with its authors and, once a
    council recognises it, the level and decision. One achievement serves one award only: it is marked
    with the achievement (award) that used it when a decision cites it."""

    unit_id: int = Field(foreign_key="unit.id", index=True)
    kind: str = Field(max_length=30, index=True)
    title: str = Field(max_length=500)
    summary: str = Field(default="", max_length=8000)
    school_year: str = Field(max_length=9, index=True)
    evidence_links: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    recognition_level: str | None = Field(default=None, max_length=20, index=True)
    recognition_decision: str | None = Field(default=None, max_length=100)
    recognition_date: date | None = None
    recognised_by: str | None = Field(default=None, max_length=255)
    used_by_achievement_id: int | None = Field(default=None, foreign_key="achievement.id", index=True)


class InitiativeAuthor(SQLModel, table=True):
    __tablename__ = "initiative_author"
    __table_args__ = (UniqueConstraint("initiative_id", "staff_id"),)

    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(foreign_key="initiative.id", index=True, ondelete="CASCADE")
    staff_id: int = Field(foreign_key="staff_member.id", index=True)
    share_percent: Decimal = Field(sa_type=Decimal2)
