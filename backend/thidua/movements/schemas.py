from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.pagination import Page
from thidua.core.text import Code

Year = Annotated[int, Field(ge=2000, le=2100)]


class PhaseIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    number: int = Field(ge=1, le=20)
    name: Annotated[str, Field(min_length=1, max_length=200)]
    start_year: Year
    end_year: Year
    review_year: Year
    review_kind: Literal["preliminary", "final"]
    description: str = Field(default="", max_length=2000)


class ContentAreaIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: Code
    name: Annotated[str, Field(min_length=1, max_length=300)]
    description: str = Field(default="", max_length=2000)


class MovementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: Code
    title: Annotated[str, Field(min_length=1, max_length=500)]
    legal_basis: str = Field(default="", max_length=4000)
    start_year: Year
    end_year: Year
    phases: list[PhaseIn] = Field(min_length=1, max_length=10)
    content_areas: list[ContentAreaIn] = Field(min_length=1, max_length=20)


class MovementUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    legal_basis: str | None = Field(default=None, max_length=4000)


class PhaseOut(PhaseIn):
    id: int
    school_years: list[str]


class ContentAreaOut(ContentAreaIn):
    id: int


class MovementRead(BaseModel):
    id: int
    commune_id: int | None = Field(
        description="Xã của phong trào (đơn vị cấp xã); trống khi cả hệ thống chỉ có một xã"
    )
    code: str
    title: str
    legal_basis: str
    start_year: int
    end_year: int
    school_years: list[str]
    phases: list[PhaseOut]
    content_areas: list[ContentAreaOut]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class MovementPage(Page[MovementRead]):
    pass


class EvaluationWindowUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    starts_on: date = Field(description="Ngày bắt đầu thời gian đánh giá")
    ends_on: date = Field(description="Ngày kết thúc thời gian đánh giá")


class EvaluationWindowRead(BaseModel):
    movement_id: int
    school_year: str
    starts_on: date
    ends_on: date
    is_default: bool = Field(description="Chưa sửa: mặc định 1/5 đến 31/7 của năm học")
    is_open: bool = Field(description="Hôm nay nằm trong thời gian đánh giá")
    version: int = Field(description='0 khi chưa sửa lần nào (If-Match: "0")')
    allowed_actions: list[str]


class EvaluationWindowPage(Page[EvaluationWindowRead]):
    pass
