from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day

Text = Annotated[str, Field(max_length=8000)]
Title = Annotated[str, Field(min_length=1, max_length=500)]
PlanStatus = Literal["draft", "submitted", "returned", "approved", "issued"]
ReceivedSource = Literal["app", "exchange", "school_entered"]
DeadlineStatus = Literal["not_received", "pending", "due_soon", "overdue", "on_time", "submitted_late"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TargetIn(_In):
    indicator_code: Annotated[str, Field(min_length=1, max_length=20)]
    school_year: SchoolYear
    target_value: Annotated[Decimal, Field(ge=0, le=1_000_000, decimal_places=2)]
    note: Annotated[str, Field(max_length=1000)] = ""


EvidenceLink = Annotated[
    str,
    Field(
        min_length=8,
        max_length=2000,
        pattern=r"^https?://\S+$",
        description="Liên kết minh chứng (http/https)",
    ),
]
TaskStatus = Literal["not_started", "in_progress", "done"]


class TaskIn(_In):
    title: Annotated[str, Field(min_length=1, max_length=500)]
    owner_staff_id: Id | None = Field(default=None, description="Người phụ trách (cán bộ của đơn vị)")
    owner_unit_id: Id | None = Field(default=None, description="Hoặc tổ chuyên môn phụ trách")
    start_date: Day
    due_date: Day
    status: TaskStatus = "not_started"
    progress_percent: int = Field(default=0, ge=0, le=100)
    done_date: Day | None = None
    period: Annotated[str, Field(max_length=30)] = Field(
        default="", description="Tháng/quý, ví dụ 'Tháng 10/2025'"
    )
    result_note: Annotated[str, Field(max_length=1000)] = Field(default="", description="Kết quả thực hiện")
    evidence_links: list[EvidenceLink] = Field(default_factory=list, max_length=20)


class TaskProgress(_In):
    """Progress of one task of an approved plan, recorded by the school's manager."""

    status: TaskStatus
    progress_percent: int = Field(ge=0, le=100)
    done_date: Day | None = None
    result_note: Annotated[str, Field(max_length=1000)] = ""
    evidence_links: list[EvidenceLink] = Field(default_factory=list, max_length=20)


class MilestoneIn(_In):
    title: Annotated[str, Field(min_length=1, max_length=300)]
    target_date: Day


class PlanContent(_In):
    objectives: Text = ""
    solutions: Text = Field(default="", description="Giải pháp")
    responsibilities: Text = Field(default="", description="Phân công trách nhiệm")
    sections: list[dict[str, str]] = Field(default_factory=list, max_length=50, description="Kế hoạch của xã")
    targets: list[TargetIn] = Field(default_factory=list, max_length=200)
    tasks: list[TaskIn] = Field(default_factory=list, max_length=500)
    roadmap: list[MilestoneIn] = Field(default_factory=list, max_length=100)


class BudgetLineIn(_In):
    source: Literal["state_budget", "socialisation", "other"] = Field(
        description="Ngân sách nhà nước, xã hội hóa, nguồn khác"
    )
    amount_vnd: int = Field(ge=0, le=1_000_000_000_000, description="Số tiền (đồng)")
    description: Annotated[str, Field(min_length=1, max_length=500)]


class BudgetLinesIn(_In):
    budget_lines: list[BudgetLineIn] = Field(max_length=200)


class PlanCreate(_In):
    movement_id: Id
    unit_id: Id | None = Field(default=None, description="Mặc định: đơn vị của người tạo")
    number: Annotated[str, Field(max_length=60)] = ""
    title: Title
    issue_date: Day | None = None
    content: PlanContent = Field(default_factory=PlanContent)


class PlanUpdate(_In):
    """The received date is not here: the system records it (acknowledgement or document exchange)."""

    number: Annotated[str, Field(max_length=60)] | None = None
    title: Title | None = None
    issue_date: Day | None = None
    signer_name: Annotated[str, Field(max_length=200)] | None = None
    signer_title: Annotated[str, Field(max_length=200)] | None = None
    content: PlanContent | None = None
    correction_reason: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="Lý do đính chính: bắt buộc khi sửa kế hoạch của xã đã ban hành"
    )


DocNumber = Annotated[
    str,
    Field(
        min_length=3,
        max_length=60,
        pattern=r"^\d+/[0-9A-ZĐ]+(-[0-9A-ZĐ]+)*$",
        description="Số, ký hiệu văn bản, ví dụ 12/KH-UBND",
    ),
]
Channel = Literal["app", "exchange"]


class PlanIssue(_In):
    number: DocNumber
    issue_date: Day
    signer_name: Annotated[str, Field(min_length=1, max_length=200, description="Người ký")]
    signer_title: Annotated[
        str, Field(min_length=1, max_length=200, description="Thẩm quyền ký, ví dụ TM. UBND xã - Chủ tịch")
    ]
    channel: Channel = Field(default="app", description="Gửi qua hệ thống hoặc hệ thống quản lý văn bản")


class ReceiptRecord(_In):
    """The commune officer's entry from the document-exchange system, or a correction with a reason."""

    received_on: Day = Field(description="Ngày đến")
    incoming_number: Annotated[str, Field(min_length=1, max_length=60, description="Số đến")]
    reason: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        default=None, description="Lý do đính chính: bắt buộc khi đã có ngày nhận"
    )


class DispatchRead(BaseModel):
    plan_id: int
    unit_id: int
    unit_name: str
    sent_at: datetime
    channel: Channel
    received_on: date | None
    received_at: datetime | None
    received_source: Literal["app", "exchange"] | None
    incoming_number: str
    correction_reason: str | None
    ack_overdue: bool = Field(description="Chưa xác nhận đã nhận sau 5 ngày kể từ khi gửi")


class AdjustmentIn(_In):
    """Điều chỉnh, bổ sung: the whole revised content and why; reviewed like the first version."""

    reason: Annotated[str, Field(min_length=1, max_length=2000, description="Lý do điều chỉnh")]
    content: PlanContent


class PendingAdjustment(BaseModel):
    reason: str
    content: dict[str, Any]
    submitted_at: datetime


class ReturnComment(_In):
    comment: Annotated[str, Field(min_length=1, max_length=4000)]


class PlanRead(BaseModel):
    id: int
    movement_id: int
    unit_id: int
    unit_name: str
    kind: Literal["commune", "unit"]
    number: str
    title: str
    issue_date: date | None
    received_date: date | None
    received_source: ReceivedSource | None
    due_date: date | None
    signer_name: str
    signer_title: str
    issued_at: datetime | None
    status: PlanStatus
    deadline_status: DeadlineStatus | None
    days_left: int | None
    content: dict[str, Any]
    budget_lines: list[dict[str, Any]]
    budget_total_vnd: int
    return_comment: str | None
    first_submitted_at: datetime | None
    approved_at: datetime | None
    scan_filename: str | None = Field(description="Bản quét kế hoạch đã ký, đóng dấu (kế hoạch của xã)")
    version_count: int
    overdue_tasks: list[int] = Field(description="Số thứ tự (từ 0) các nhiệm vụ quá hạn")
    pending_adjustment: PendingAdjustment | None = Field(
        description="Bản điều chỉnh đang chờ duyệt; bản đã duyệt vẫn có hiệu lực đến khi duyệt điều chỉnh"
    )
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class PlanPage(Page[PlanRead]):
    pass


class PlanVersionRead(BaseModel):
    number: int
    event: str
    comment: str | None
    snapshot: dict[str, Any]
    created_by_id: int | None
    created_at: datetime


class TrackingRow(BaseModel):
    unit_id: int
    unit_code: str
    unit_name: str
    plan_id: int | None
    status: PlanStatus | None
    sent_at: datetime | None
    received_date: date | None
    received_source: ReceivedSource | None
    ack_overdue: bool
    due_date: date | None
    submitted_at: datetime | None
    approved_at: datetime | None
    progress_percent: Decimal | None = Field(description="Bình quân tiến độ các nhiệm vụ (%)")
    deadline_status: DeadlineStatus
    days_left: int | None
