"""Annual staff ratings and flags (disciplinary measures, information-security incidents): the records
award rules read besides scorecards and initiatives. Personal data: few roles see them."""

from datetime import date
from enum import StrEnum

from sqlmodel import Field, UniqueConstraint

from thidua.core.models import Versioned


class StaffRatingValue(StrEnum):
    excellent = "excellent"
    good = "good"
    completed = "completed"
    not_completed = "not_completed"


STAFF_RATING_LABELS_VI = {
    StaffRatingValue.excellent: "Hoàn thành xuất sắc nhiệm vụ",
    StaffRatingValue.good: "Hoàn thành tốt nhiệm vụ",
    StaffRatingValue.completed: "Hoàn thành nhiệm vụ",
    StaffRatingValue.not_completed: "Không hoàn thành nhiệm vụ",
}
STAFF_RATING_RANK = {
    StaffRatingValue.excellent: 4,
    StaffRatingValue.good: 3,
    StaffRatingValue.completed: 2,
    StaffRatingValue.not_completed: 1,
}


class StaffRating(Versioned, table=True):
    """The annual civil-servant rating of a staff member (đánh giá, xếp loại)."""

    __tablename__ = "staff_rating"
    __table_args__ = (UniqueConstraint("staff_id", "school_year"),)

    staff_id: int = Field(foreign_key="staff_member.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    school_year: str = Field(max_length=9, index=True)
    rating: str = Field(max_length=20)


class FlagKind(StrEnum):
    disciplinary = "disciplinary"
    security_incident = "security_incident"


FLAG_KIND_LABELS_VI = {
    FlagKind.disciplinary: "Hình thức kỷ luật",
    FlagKind.security_incident: "Sự cố an toàn thông tin",
}


class DisciplineSeverity(StrEnum):
    reprimand = "reprimand"  # khiển trách
    warning = "warning"  # cảnh cáo
    demotion = "demotion"  # hạ bậc lương / giáng chức / cách chức
    dismissal = "dismissal"  # buộc thôi việc


DISCIPLINE_SEVERITY_LABELS_VI = {
    DisciplineSeverity.reprimand: "Khiển trách",
    DisciplineSeverity.warning: "Cảnh cáo",
    DisciplineSeverity.demotion: "Hạ bậc lương, giáng chức, cách chức",
    DisciplineSeverity.dismissal: "Buộc thôi việc",
}
SEVERITY_RANK = {
    DisciplineSeverity.reprimand: 1,
    DisciplineSeverity.warning: 2,
    DisciplineSeverity.demotion: 3,
    DisciplineSeverity.dismissal: 4,
}


class Flag(Versioned, table=True):
    """A disciplinary measure or an information-security incident of a unit or staff member."""

    unit_id: int = Field(foreign_key="unit.id", index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff_member.id", index=True)
    kind: str = Field(max_length=30)
    severity: str | None = Field(default=None, max_length=20)
    opened_on: date
    closed_on: date | None = None
    note: str = Field(default="", max_length=4000)
