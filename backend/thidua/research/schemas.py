from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.pagination import Page
from thidua.core.types import Day

Hours = Annotated[
    Decimal, Field(ge=0, le=100_000, max_digits=8, decimal_places=2, description="Thời gian hỗ trợ (giờ)")
]
Money = Annotated[int, Field(ge=0, le=1_000_000_000_000, description="Kinh phí hỗ trợ (đồng)")]
Expertise = Annotated[str, Field(max_length=2000, description="Hỗ trợ về chuyên môn")]
Note = Annotated[str, Field(max_length=2000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SupportCreate(_In):
    hours: Hours = Decimal(0)
    money: Money = 0
    expertise: Expertise = ""
    starts_on: Day = Field(description="Ngày bắt đầu hỗ trợ")
    ends_on: Day | None = Field(default=None, description="Ngày kết thúc hỗ trợ")
    note: Note = ""


class SupportUpdate(_In):
    hours: Hours | None = None
    money: Money | None = None
    expertise: Expertise | None = None
    starts_on: Day | None = None
    ends_on: Day | None = None
    note: Note | None = None


class SupportRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    initiative_id: int
    initiative_title: str
    initiative_kind: str
    school_year: str
    hours: Decimal
    money: int
    expertise: str
    starts_on: date
    ends_on: date | None
    note: str
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class SupportPage(Page[SupportRead]):
    pass


class SupportTotals(BaseModel):
    """One school's support to its teachers' research: how many supports, hours and đồng."""

    unit_id: int
    unit_code: str
    unit_name: str
    supports: int
    initiatives: int
    hours: Decimal
    money: int
    with_expertise: int


class SupportTotalsList(BaseModel):
    items: list[SupportTotals]
    hours: Decimal
    money: int
