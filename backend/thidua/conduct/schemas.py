from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.conduct.models import DisciplineSeverity, FlagKind, StaffRatingValue
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day
from thidua.initiatives.schemas import AnnualSchoolYear

FlagNote = Annotated[str, Field(max_length=4000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StaffRatingCreate(_In):
    staff_id: Id
    school_year: AnnualSchoolYear
    rating: StaffRatingValue = Field(description="Xếp loại đánh giá cuối năm của viên chức")


class StaffRatingUpdate(_In):
    rating: StaffRatingValue


class StaffRatingRead(BaseModel):
    id: int
    staff_id: int
    staff_code: str
    staff_name: str
    unit_id: int
    unit_name: str
    school_year: str
    rating: StaffRatingValue
    rating_label: str
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class StaffRatingPage(Page[StaffRatingRead]):
    pass


class FlagCreate(_In):
    unit_id: Id = Field(description="Đơn vị; với cá nhân là đơn vị của cán bộ")
    staff_id: Id | None = Field(default=None, description="Cán bộ (bỏ trống nếu là của đơn vị)")
    kind: FlagKind
    severity: DisciplineSeverity | None = Field(default=None, description="Chỉ với hình thức kỷ luật")
    opened_on: Day = Field(description="Ngày quyết định kỷ luật hoặc ngày xảy ra sự cố")
    note: FlagNote = ""


class FlagUpdate(_In):
    """Only the fields sent are changed; `closed_on: null` reopens the flag."""

    closed_on: Day | None = Field(
        default=None, description="Ngày hết hiệu lực kỷ luật hoặc khắc phục xong sự cố"
    )
    severity: DisciplineSeverity | None = None
    note: FlagNote | None = None


class FlagRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    staff_id: int | None
    staff_code: str | None
    staff_name: str | None
    subject_name: str = Field(description="Tên cán bộ, hoặc tên đơn vị nếu không gắn với cán bộ")
    kind: FlagKind
    kind_label: str
    severity: DisciplineSeverity | None
    severity_label: str | None
    opened_on: date
    closed_on: date | None
    is_open: bool
    note: str
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class FlagPage(Page[FlagRead]):
    pass
