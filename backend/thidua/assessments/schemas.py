from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id
from thidua.core.pagination import Page

SchoolYear = Annotated[str, Field(pattern=r"^20\d\d-20\d\d$", description="Năm học, ví dụ 2025-2026")]
Status = Literal["draft", "submitted", "returned", "verified"]
Note = Annotated[str, Field(max_length=2000)]
IndicatorCode = Annotated[str, Field(min_length=1, max_length=20)]
Value = Annotated[Decimal, Field(ge=-1_000_000_000, le=1_000_000_000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AssessmentCreate(_In):
    framework_id: Id
    school_year: SchoolYear
    unit_id: Id | None = Field(default=None, description="Đơn vị được đánh giá (bảng điểm cơ sở giáo dục)")
    staff_id: Id | None = Field(default=None, description="Cán bộ được đánh giá (bảng điểm cá nhân)")


class EntryInput(_In):
    indicator_code: IndicatorCode
    value: Value | None = Field(description="Giá trị tự đánh giá; null để xóa")
    note: Note | None = None


class EntriesUpdate(_In):
    entries: list[EntryInput] = Field(min_length=1, max_length=200)


class ReviewInput(_In):
    indicator_code: IndicatorCode
    verified_value: Value | None = Field(
        description="Giá trị xác nhận; null để bỏ xác nhận (dùng giá trị tự đánh giá)"
    )
    comment: Note | None = None


class ReviewUpdate(_In):
    entries: list[ReviewInput] = Field(min_length=1, max_length=200)


class ReturnReason(_In):
    indicator_code: IndicatorCode
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class ReturnInput(_In):
    reason: Annotated[str, Field(min_length=1, max_length=4000)]
    entries: list[ReturnReason] = Field(default_factory=list, max_length=200)


class EarlyVerifyInput(_In):
    reason: Annotated[str, Field(min_length=1, max_length=2000, description="Lý do chốt sớm")]


class LinkEvidenceIn(_In):
    indicator_code: IndicatorCode
    url: Annotated[str, Field(min_length=8, max_length=2000, pattern=r"^https?://[^\s]+$")]
    title: Annotated[str, Field(max_length=255)] = ""


class EvidenceOut(BaseModel):
    id: int
    indicator_code: str
    kind: Literal["file", "link"]
    title: str
    url: str | None
    filename: str | None
    content_type: str | None
    size_bytes: int | None
    sha256: str | None
    download_url: str | None
    created_at: datetime


class EntryOut(BaseModel):
    indicator_id: int
    indicator_code: str
    criterion_code: str
    kind: str
    computed: bool
    provisional: bool = Field(description="Chỉ tiêu tự tính, chưa chốt: giá trị tạm tính")
    source_available: bool
    self_value: Decimal | None
    note: str | None
    verified_value: Decimal | None
    effective_value: Decimal | None
    reviewer_comment: str | None
    return_reason: str | None
    self_points: Decimal
    verified_points: Decimal
    max_points: Decimal
    evidence_required: bool
    evidence: list[EvidenceOut]


class ScoreSummary(BaseModel):
    self_total: Decimal
    verified_total: Decimal
    max_total: Decimal
    completion_percent: Decimal
    self_completion_percent: Decimal
    gap: Decimal
    data_completeness_percent: Decimal
    classification_code: str
    classification_label: str
    failed_gates: list[str]
    frozen: bool


class AssessmentSummary(BaseModel):
    id: int
    framework_id: int
    framework_code: str
    framework_version: int
    subject_kind: Literal["unit", "individual"]
    subject_name: str
    unit_id: int
    unit_name: str
    staff_id: int | None
    school_year: str
    status: Status
    submitted_at: datetime | None
    verified_at: datetime | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class WindowOut(BaseModel):
    """The evaluation window of the assessment's school year: verification is allowed inside it."""

    starts_on: date
    ends_on: date
    is_open: bool


class EarlyVerificationOut(BaseModel):
    reason: str
    verified_at: datetime


class AssessmentRead(AssessmentSummary):
    return_reason: str | None
    evaluation_window: WindowOut
    early_verification: EarlyVerificationOut | None
    score: ScoreSummary
    entries: list[EntryOut]


class AssessmentPage(Page[AssessmentSummary]):
    pass
