from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day

RequestKind = Literal["quarter", "semester", "school_year", "phase_review", "ad_hoc"]
LongText = Annotated[str, Field(max_length=20000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReportRequestCreate(_In):
    movement_id: Id
    kind: RequestKind = Field(
        description="quarter, semester, school_year, phase_review (sơ kết/tổng kết), ad_hoc"
    )
    title: Annotated[str, Field(min_length=1, max_length=300)]
    period_label: Annotated[str, Field(max_length=100)] = ""
    school_year: SchoolYear
    phase_number: int | None = Field(default=None, ge=1, le=10)
    due_date: Day
    note: Annotated[str, Field(max_length=4000)] = ""
    unit_ids: list[Id] = Field(min_length=1, max_length=5000, description="Các đơn vị được yêu cầu báo cáo")


class ReportRequestUpdate(_In):
    title: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    period_label: Annotated[str, Field(max_length=100)] | None = None
    due_date: Day | None = None
    note: Annotated[str, Field(max_length=4000)] | None = None


class RequestedUnit(BaseModel):
    unit_id: int
    unit_code: str
    unit_name: str
    report_id: int | None
    status: Literal["not_started", "draft", "submitted"]
    late: bool


class ReportRequestRead(BaseModel):
    id: int
    movement_id: int
    kind: RequestKind
    title: str
    period_label: str
    school_year: str
    phase_number: int | None
    due_date: date
    note: str
    units: list[RequestedUnit]
    submitted_count: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class ReportRequestPage(Page[ReportRequestRead]):
    pass


class ReportCreate(_In):
    request_id: Id
    unit_id: Id | None = Field(default=None, description="Mặc định: đơn vị của người lập")


class ReportUpdate(_In):
    results: LongText | None = None
    difficulties: LongText | None = None
    proposals: LongText | None = None


class ReportRead(BaseModel):
    id: int
    request_id: int
    request_title: str
    due_date: date
    unit_id: int
    unit_name: str
    status: Literal["draft", "submitted"]
    late: bool
    results: str
    difficulties: str
    proposals: str
    figures: dict[str, Any]
    submitted_at: datetime | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class ReportPage(Page[ReportRead]):
    pass


class ConsolidatedRow(BaseModel):
    unit_id: int
    unit_code: str
    unit_name: str
    status: Literal["not_started", "draft", "submitted"]
    late: bool
    figures: dict[str, Any]
    difficulties: str
    proposals: str
    dti_levels: str = Field(
        default="", description="Mức chuyển đổi số theo QĐ 4725 của năm học, từng nhóm (trống: chưa có)"
    )


class Consolidated(BaseModel):
    request: ReportRequestRead
    rows: list[ConsolidatedRow]
    totals: dict[str, Any]


DEPARTMENT = "Sở Giáo dục và Đào tạo tỉnh Phú Thọ"


class ConsolidatedIssueCreate(_In):
    number: Annotated[
        str,
        Field(pattern=r"^\d{1,7}$", description='Số văn bản, chỉ phần số (mẫu tự thêm "/BC-UBND")'),
    ]
    issued_on: Day = Field(description="Ngày ban hành (không ở tương lai)")
    signer: Annotated[str, Field(min_length=1, max_length=120, description="Họ tên người ký")]
    signer_title: Annotated[str, Field(min_length=1, max_length=120)] = "Phó Chủ tịch"
    recipient: Annotated[str, Field(min_length=1, max_length=200, description="Nơi nhận chính")] = DEPARTMENT


class ConsolidatedIssueRead(BaseModel):
    id: int
    request_id: int
    sequence: int = Field(description="Lần ban hành (1, 2, …): bản sau đính chính bản trước")
    number: str
    number_line: str = Field(description='"125/BC-UBND"')
    issued_on: date
    signer: str
    signer_title: str
    recipient: str
    sent_at: datetime
    issued_by_name: str
    totals: dict[str, Any] = Field(description="Số liệu tổng hợp tại thời điểm ban hành")
