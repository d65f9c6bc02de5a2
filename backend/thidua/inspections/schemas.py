from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import IndicatorCode, Note, SchoolYear, Value
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day

Kind = Literal["periodic", "ad_hoc"]
Title = Annotated[str, Field(min_length=1, max_length=300)]
Findings = Annotated[str, Field(max_length=8000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class InspectionCreate(_In):
    kind: Kind = Field(description="periodic: định kỳ; ad_hoc: đột xuất")
    title: Title
    school_year: SchoolYear
    inspection_date: Day
    findings: Findings = ""
    member_user_ids: list[Id] = Field(min_length=1, max_length=20, description="Thành viên đoàn kiểm tra")
    unit_ids: list[Id] = Field(min_length=1, max_length=200, description="Các cơ sở giáo dục được kiểm tra")


class InspectionUpdate(_In):
    title: Title | None = None
    inspection_date: Day | None = None
    findings: Findings | None = None
    status: Literal["open", "closed"] | None = None
    member_user_ids: list[Id] | None = Field(default=None, min_length=1, max_length=20)
    unit_ids: list[Id] | None = Field(default=None, min_length=1, max_length=200)


class VerifiedValueIn(_In):
    indicator_code: IndicatorCode
    value: Value
    comment: Note | None = None


class InspectionValuesIn(_In):
    unit_id: Id
    values: list[VerifiedValueIn] = Field(min_length=1, max_length=200)


class MemberOut(BaseModel):
    user_id: int
    login: str
    full_name: str


class InspectedUnitOut(BaseModel):
    unit_id: int
    code: str
    name: str


class RecordedValueOut(BaseModel):
    unit_id: int
    assessment_id: int
    indicator_code: str
    value: Decimal
    comment: str | None
    recorded_by_id: int | None
    recorded_at: datetime


class InspectionRead(BaseModel):
    id: int
    kind: Kind
    title: str
    school_year: str
    inspection_date: date
    findings: str
    status: Literal["open", "closed"]
    members: list[MemberOut]
    units: list[InspectedUnitOut]
    values: list[RecordedValueOut]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class InspectionPage(Page[InspectionRead]):
    pass
