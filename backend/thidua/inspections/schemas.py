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
    lead_user_id: Id | None = Field(
        default=None, description="Trưởng đoàn: một thành viên của đoàn (mặc định thành viên đầu tiên)"
    )
    plan_item_ids: list[Id] = Field(
        default_factory=list,
        max_length=200,
        description="Các lượt kiểm tra trong kế hoạch kiểm tra năm học (đã ban hành) mà đợt này thực hiện; "
        "trường của mỗi lượt được thêm vào các đơn vị được kiểm tra",
    )


class InspectionUpdate(_In):
    title: Title | None = None
    inspection_date: Day | None = None
    findings: Findings | None = None
    status: Literal["open", "closed"] | None = None
    member_user_ids: list[Id] | None = Field(default=None, min_length=1, max_length=20)
    unit_ids: list[Id] | None = Field(default=None, min_length=1, max_length=200)
    lead_user_id: Id | None = None
    plan_item_ids: list[Id] | None = Field(
        default=None, max_length=200, description="Thay các lượt kiểm tra theo kế hoạch mà đợt này thực hiện"
    )


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
    record_blocked: str | None = Field(
        default=None,
        description="Vì sao chưa ghi được kết quả kiểm tra cho đơn vị "
        "(chưa có hoặc đã chốt bản tự đánh giá); trống khi ghi được",
    )


class RecordedValueOut(BaseModel):
    unit_id: int
    assessment_id: int
    indicator_code: str
    value: Decimal
    self_value: Decimal | None = Field(description="Giá trị đơn vị tự đánh giá, để so sánh")
    applied: bool = Field(
        description="Đã thành giá trị xác nhận; false khi đơn vị chưa nộp bản tự đánh giá (áp dụng khi nộp)"
    )
    comment: str | None
    recorded_by_id: int | None
    recorded_at: datetime


class DecisionIn(_In):
    number: Annotated[str, Field(min_length=1, max_length=40, description="Số quyết định, ví dụ 12/QĐ-UBND")]
    signed_on: Day
    signer_name: Annotated[str, Field(min_length=1, max_length=120)]
    signer_title: Annotated[str, Field(min_length=1, max_length=120, description="Chủ tịch, Phó Chủ tịch")]


class DecisionOut(BaseModel):
    number: str
    signed_on: date
    signer_name: str
    signer_title: str


class VisitOut(BaseModel):
    """A visit of the yearly plan this inspection carries out."""

    plan_item_id: int
    plan_id: int
    unit_id: int
    unit_name: str
    scheduled_on: date


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
    lead_user_id: int | None
    decision: DecisionOut | None
    visits: list[VisitOut]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class InspectionPage(Page[InspectionRead]):
    pass


Text = Annotated[str, Field(max_length=4000)]


class CloseIn(_In):
    conclusions: Annotated[str, Field(min_length=1, max_length=8000, description="Kết luận chung của đoàn")]


class FindingIn(_In):
    unit_id: Id
    indicator_code: IndicatorCode | None = Field(
        default=None, description="Chỉ tiêu; bỏ trống: nhận xét chung"
    )
    strengths: Text = ""
    shortcomings: Text = ""
    recommendations: Text = ""
    mandatory: bool = Field(default=False, description="Bắt buộc hoàn thành trước khi kết thúc đợt kiểm tra")
    status: Literal["open", "done"] = "open"


class FindingUpdate(_In):
    strengths: Text | None = None
    shortcomings: Text | None = None
    recommendations: Text | None = None
    mandatory: bool | None = None
    status: Literal["open", "done"] | None = None


class FollowUpIn(_In):
    note: Annotated[str, Field(min_length=1, max_length=4000, description="Kết quả thực hiện kiến nghị")]


FollowUp = Literal["none", "pending", "done"]


class FindingRead(BaseModel):
    id: int
    inspection_id: int
    inspection_title: str
    inspection_status: Literal["open", "closed"]
    unit_id: int
    unit_name: str
    indicator_code: str | None
    strengths: str
    shortcomings: str
    recommendations: str
    mandatory: bool
    status: Literal["open", "done"]
    follow_up: FollowUp = Field(
        description="none: không có kiến nghị; pending: chờ đơn vị thực hiện; "
        "done: đơn vị đã báo cáo hoàn thành"
    )
    follow_up_note: str | None
    follow_up_done_at: datetime | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class FindingPage(Page[FindingRead]):
    pass


class InspectionPlanItemIn(_In):
    unit_id: Id
    scheduled_on: Day
    team: Annotated[str, Field(min_length=1, max_length=1000, description="Thành phần đoàn kiểm tra")]
    content: Annotated[str, Field(min_length=1, max_length=4000, description="Nội dung kiểm tra")]


class InspectionPlanCreate(_In):
    school_year: SchoolYear
    title: Title
    purpose: Findings = ""
    items: list[InspectionPlanItemIn] = Field(min_length=1, max_length=200)


class InspectionPlanUpdate(_In):
    title: Title | None = None
    purpose: Findings | None = None
    items: list[InspectionPlanItemIn] | None = Field(default=None, min_length=1, max_length=200)


class InspectionPlanIssueIn(DecisionIn):
    number: Annotated[str, Field(min_length=1, max_length=40, description="Số kế hoạch, ví dụ 15/KH-UBND")]


class VisitDoneOut(BaseModel):
    """The inspection that made a planned visit, as far as the caller may read it."""

    inspection_id: int
    title: str
    status: Literal["open", "closed"]
    inspection_date: date
    findings: int = Field(description="Số nhận xét của đoàn tại trường này")
    open_findings: int = Field(description="Số nhận xét chưa hoàn thành")
    minutes_url: str = Field(description="Biên bản kiểm tra tại trường (DOCX)")


class InspectionPlanItemOut(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    scheduled_on: date
    team: str
    content: str
    inspection: VisitDoneOut | None = Field(
        description="Đợt kiểm tra đã thực hiện lượt này (trống: chưa thực hiện hoặc không xem được)"
    )


class InspectionPlanRead(BaseModel):
    id: int
    school_year: str
    title: str
    purpose: str
    status: Literal["draft", "issued"]
    number: str | None
    signed_on: date | None
    signer_name: str | None
    signer_title: str | None
    issued_at: datetime | None
    items: list[InspectionPlanItemOut]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class InspectionPlanPage(Page[InspectionPlanRead]):
    pass
