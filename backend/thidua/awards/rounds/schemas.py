from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from thidua.assessments.schemas import SchoolYear
from thidua.awards.models import AwardLevel, RoundKind, SubjectKind
from thidua.awards.schemas import In, Title
from thidua.awards.types.rules import AwardCode
from thidua.core.pagination import Page
from thidua.core.types import Day

# The exceptional achievement an ad hoc round rewards, in a sentence or more.
Reason = Annotated[str, Field(min_length=10, max_length=2000)]


class AwardRoundCreate(In):
    kind: RoundKind
    name: Title | None = Field(default=None, description="Mặc định: theo loại đợt và năm học")
    school_year: SchoolYear | None = Field(
        default=None,
        description="Bắt buộc với đợt khen thưởng năm học; đợt đột xuất: mặc định năm học của ngày mở",
    )
    phase_number: Annotated[int, Field(ge=1, le=10)] | None = Field(
        default=None, description="Giai đoạn được sơ kết/tổng kết (mặc định theo loại đợt)"
    )
    opens_on: Day
    closes_on: Day
    award_type_codes: list[AwardCode] | None = Field(
        default=None,
        min_length=1,
        max_length=30,
        description="Mặc định: mọi hình thức đang áp dụng cho loại đợt (sơ kết, tổng kết: cả Giấy khen xã)",
    )
    reason: Reason | None = Field(
        default=None,
        description="Bắt buộc với đợt khen thưởng đột xuất: thành tích đột xuất được khen thưởng",
    )


class AwardRoundUpdate(In):
    name: Title | None = None
    opens_on: Day | None = None
    closes_on: Day | None = None
    award_type_codes: list[AwardCode] | None = Field(default=None, min_length=1, max_length=30)
    reason: Reason | None = Field(default=None, description="Chỉ với đợt khen thưởng đột xuất")


class OfferedAward(BaseModel):
    code: str
    award_type_id: int | None
    name: str
    level: AwardLevel | None
    subject_kind: SubjectKind | None


class AwardRoundRead(BaseModel):
    id: int
    kind: RoundKind
    kind_label: str
    name: str
    school_year: str | None
    phase_id: int | None
    school_years: list[str]
    opens_on: date
    closes_on: date
    is_open: bool
    award_types: list[OfferedAward]
    reason: str | None
    nomination_counts: dict[str, int]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class AwardRoundPage(Page[AwardRoundRead]):
    pass
