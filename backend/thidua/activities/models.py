from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import Versioned


class ActivityKind(StrEnum):
    launch_ceremony = "launch_ceremony"  # Lễ phát động
    seminar = "seminar"  # sinh hoạt chuyên đề, hội nghị, tọa đàm
    training = "training"  # lớp bồi dưỡng "Bình dân học vụ số"
    extracurricular = "extracurricular"  # ngoại khóa kỹ năng số, an toàn thông tin
    study_visit = "study_visit"  # tham quan, học tập, giao lưu giữa các trường (seed IV.7)
    other = "other"


ACTIVITY_KIND_LABELS_VI = {
    ActivityKind.launch_ceremony: "Lễ phát động Phong trào thi đua",
    ActivityKind.seminar: "Sinh hoạt chuyên đề, hội nghị, tọa đàm",
    ActivityKind.training: 'Lớp bồi dưỡng "Bình dân học vụ số"',
    ActivityKind.extracurricular: "Hoạt động ngoại khóa kỹ năng số, an toàn thông tin",
    ActivityKind.study_visit: "Tham quan, học tập, giao lưu giữa các trường",
    ActivityKind.other: "Hoạt động khác",
}


class Activity(Versioned, table=True):
    """An activity of the movement held by a unit. Learners are a count only: no learner data is kept."""

    unit_id: int = Field(foreign_key="unit.id", index=True)
    kind: str = Field(max_length=30, index=True)
    title: str = Field(max_length=300)
    activity_date: date = Field(index=True)
    school_year: str = Field(max_length=9, index=True)  # derived from the date (September to August)
    description: str = Field(default="", max_length=4000)
    learner_count: int = 0
    evidence_links: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)  # [{"url", "title"}]


class Attendance(SQLModel, table=True):
    """A staff member on the attendance list; `completed` marks finishing a training."""

    __table_args__ = (UniqueConstraint("activity_id", "staff_id"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True, ondelete="CASCADE")
    staff_id: int = Field(foreign_key="staff_member.id", index=True)
    completed: bool = True


class ActivityPartner(SQLModel, table=True):
    """The other school of a study visit or exchange: it reads the activity as its own, the host edits it."""

    __tablename__ = "activity_partner"

    activity_id: int = Field(foreign_key="activity.id", primary_key=True, ondelete="CASCADE")
    partner_unit_id: int = Field(foreign_key="unit.id", index=True)
