from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.activities.models import ActivityKind
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day, StrictBool


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AttendeeIn(_In):
    staff_id: Id
    completed: StrictBool = Field(default=True, description="Đã hoàn thành (với lớp bồi dưỡng)")


class EvidenceLinkIn(_In):
    url: Annotated[str, Field(min_length=8, max_length=2000, pattern=r"^https?://[^\s]+$")]
    title: Annotated[str, Field(max_length=255)] = ""


class ActivityCreate(_In):
    unit_id: Id | None = Field(default=None, description="Mặc định: đơn vị của người nhập")
    kind: ActivityKind
    title: Annotated[str, Field(min_length=1, max_length=300)]
    activity_date: Day
    description: Annotated[str, Field(max_length=4000)] = ""
    learner_count: int = Field(
        default=0, ge=0, le=100_000, description="Số người học tham gia (chỉ số lượng)"
    )
    attendees: list[AttendeeIn] = Field(default_factory=list, max_length=2000)
    evidence_links: list[EvidenceLinkIn] = Field(default_factory=list, max_length=20)
    partner_unit_id: Id | None = Field(
        default=None, description="Trường bạn của chuyến tham quan, giao lưu (bắt buộc với loại này)"
    )


class ActivityUpdate(_In):
    kind: ActivityKind | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    activity_date: Day | None = None
    description: Annotated[str, Field(max_length=4000)] | None = None
    learner_count: int | None = Field(default=None, ge=0, le=100_000)
    attendees: list[AttendeeIn] | None = Field(default=None, max_length=2000)
    evidence_links: list[EvidenceLinkIn] | None = Field(default=None, max_length=20)
    partner_unit_id: Id | None = None


class AttendeeOut(BaseModel):
    staff_id: int
    staff_code: str
    full_name: str
    completed: bool


class ActivityRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    kind: ActivityKind
    kind_label: str
    title: str
    activity_date: date
    school_year: str
    description: str
    learner_count: int
    attendees: list[AttendeeOut]
    evidence_links: list[EvidenceLinkIn]
    partner_unit_id: int | None = Field(description="Trường bạn (tham quan, giao lưu)")
    partner_unit_name: str | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class ActivityPage(Page[ActivityRead]):
    pass
