from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day

Source = Literal["state_budget", "socialisation"]
PartnerKind = Literal["business", "parents_association", "expert", "other"]
ContributionKind = Literal["cash", "in_kind"]
Money = Annotated[int, Field(ge=0, le=1_000_000_000_000, description="Số tiền (đồng)")]
PositiveMoney = Annotated[int, Field(ge=1, le=1_000_000_000_000, description="Số tiền (đồng)")]
Text500 = Annotated[str, Field(min_length=1, max_length=500)]
Reason = Annotated[str, Field(min_length=1, max_length=1000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------- sources


class BudgetSourceCreate(_In):
    movement_id: Id
    school_year: SchoolYear
    source: Source = Field(description="state_budget: ngân sách nhà nước; socialisation: xã hội hóa")
    amount_vnd: Money
    note: Annotated[str, Field(max_length=1000)] = ""


class BudgetSourceUpdate(_In):
    amount_vnd: Money | None = None
    note: Annotated[str, Field(max_length=1000)] | None = None


class BudgetSourceRead(BaseModel):
    id: int
    movement_id: int
    school_year: str
    source: Source
    amount_vnd: int
    note: str
    allocated_vnd: int
    contributed_vnd: int  # partners' cash contributions recorded in this source (socialisation)
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class BudgetSourcePage(Page[BudgetSourceRead]):
    pass


# ---------------------------------------------------------------- allocations


class AllocationCreate(_In):
    source_id: Id
    unit_id: Id | None = Field(default=None, description="Cơ sở giáo dục; bỏ trống: hoạt động của xã")
    purpose: Text500
    amount_vnd: PositiveMoney


class AllocationUpdate(_In):
    purpose: Text500 | None = None
    amount_vnd: PositiveMoney | None = None


class AllocationRead(BaseModel):
    id: int
    source_id: int
    source: Source
    movement_id: int
    school_year: str
    unit_id: int | None
    unit_name: str | None
    purpose: str
    amount_vnd: int
    spent_vnd: int
    remaining_vnd: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class AllocationPage(Page[AllocationRead]):
    pass


# ---------------------------------------------------------------- spending


class SpendingCreate(_In):
    spent_on: Day
    amount_vnd: PositiveMoney
    description: Text500
    voucher_number: Annotated[str, Field(max_length=60)] = ""
    override_reason: Reason | None = Field(
        default=None, description="Bắt buộc khi khoản chi vượt số còn lại của phân bổ"
    )


class BudgetDocumentRead(BaseModel):
    id: int
    filename: str
    content_type: str
    size_bytes: int
    uploaded_at: datetime
    download_url: str


class SpendingRead(BaseModel):
    id: int
    allocation_id: int
    source: Source
    school_year: str
    unit_id: int | None
    unit_name: str | None
    allocation_purpose: str
    spent_on: date
    amount_vnd: int
    description: str
    voucher_number: str
    override_reason: str | None
    recorded_by_id: int | None
    documents: list[BudgetDocumentRead]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class SpendingPage(Page[SpendingRead]):
    pass


# ---------------------------------------------------------------- summary


class SummaryLine(BaseModel):
    budget_vnd: int | None  # the commune's budget of the source (None: not shown to a school)
    allocated_vnd: int
    spent_vnd: int
    remaining_vnd: int  # allocated - spent
    unallocated_vnd: int | None  # budget - allocated


class SourceSummary(SummaryLine):
    source: Source


class UnitSummary(BaseModel):
    unit_id: int | None  # None: the commune's own activities
    unit_name: str
    allocated_vnd: int
    spent_vnd: int
    remaining_vnd: int
    by_source: dict[str, int]  # allocated per source


class Contributions(BaseModel):
    cash_vnd: int
    in_kind_vnd: int
    partners: int


class CashRewards(BaseModel):
    decisions: int
    total_vnd: int


class BudgetSummary(BaseModel):
    movement_id: int
    school_year: str
    sources: list[SourceSummary]
    units: list[UnitSummary]
    total: SummaryLine
    contributions: Contributions | None  # partners' contributions (commune-wide callers)
    cash_rewards: CashRewards | None  # issued award decisions of the year's rounds (cash:read)


# ---------------------------------------------------------------- partners


class PartnerCreate(_In):
    kind: PartnerKind = Field(
        description="business: doanh nghiệp; parents_association: Ban đại diện cha mẹ học sinh; "
        "expert: chuyên gia; other: khác"
    )
    name: Annotated[str, Field(min_length=1, max_length=300)]
    contact: Annotated[str, Field(max_length=300)] = ""
    note: Annotated[str, Field(max_length=2000)] = ""


class PartnerUpdate(_In):
    kind: PartnerKind | None = None
    name: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    contact: Annotated[str, Field(max_length=300)] | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None


class AgreementCreate(_In):
    number: Annotated[str, Field(max_length=60)] = ""
    title: Text500
    signed_on: Day
    pledged_vnd: Money | None = None


class AgreementUpdate(_In):
    number: Annotated[str, Field(max_length=60)] | None = None
    title: Text500 | None = None
    signed_on: Day | None = None
    pledged_vnd: Money | None = Field(default=None, description="Gửi null để bỏ số tiền cam kết")


class ContributionUpdate(_In):
    kind: ContributionKind | None = None
    amount_vnd: PositiveMoney | None = None
    description: Text500 | None = None
    received_on: Day | None = None
    agreement_id: Id | None = Field(default=None, description="Gửi null để bỏ liên kết thỏa thuận")
    unit_id: Id | None = Field(default=None, description="Gửi null: không cho riêng trường nào")


class ContributionCreate(_In):
    movement_id: Id
    school_year: SchoolYear
    kind: ContributionKind = Field(description="cash: tiền mặt; in_kind: hiện vật (quy ra tiền)")
    amount_vnd: PositiveMoney
    description: Text500
    received_on: Day
    agreement_id: Id | None = None
    unit_id: Id | None = Field(default=None, description="Cơ sở giáo dục được nhận (nếu có)")


class AgreementRead(BaseModel):
    id: int
    number: str
    title: str
    signed_on: date
    pledged_vnd: int | None
    version: int


class ContributionRead(BaseModel):
    id: int
    agreement_id: int | None
    source_id: int
    school_year: str
    kind: ContributionKind
    amount_vnd: int
    description: str
    received_on: date
    unit_id: int | None
    unit_name: str | None
    version: int


class PartnerRead(BaseModel):
    id: int
    kind: PartnerKind
    name: str
    contact: str
    note: str
    agreements: list[AgreementRead]
    contributions: list[ContributionRead]
    contributed_vnd: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class PartnerPage(Page[PartnerRead]):
    pass
