from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from thidua.core.pagination import Page

MAX_REPORTED_ERRORS = 1000


class ImportKindName(StrEnum):
    units = "units"
    staff = "staff"
    users = "users"
    assessment_entries = "assessment_entries"
    activities = "activities"
    initiatives = "initiatives"
    dti_4725 = "dti_4725"
    partners = "partners"
    materials = "materials"
    comms_outputs = "comms_outputs"


class FileFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class Strategy(StrEnum):
    create = "create"
    update = "update"
    create_and_update = "create_and_update"


class RowError(BaseModel):
    row: int = Field(
        description="Dòng trong tệp: CSV/XLSX đếm cả dòng tiêu đề (dòng dữ liệu đầu tiên là 2) và dòng "
        "trống; JSON là vị trí trong mảng, bắt đầu từ 1"
    )
    column: str | None = Field(description="Cột có lỗi (tên chuẩn), hoặc null khi lỗi thuộc cả dòng")
    value: str | None = Field(description="Giá trị đã gửi (cắt bớt nếu quá dài)")
    message_vi: str
    message_en: str


class ImportSummary(BaseModel):
    """The outcome of one import. When `status` is `rejected` or `dry_run` nothing was stored and the
    counts tell what would have happened; rejected rows are always listed in `errors`."""

    kind: ImportKindName
    format: FileFormat
    dry_run: bool
    strategy: Strategy
    atomic: bool
    status: Literal["completed", "rejected", "dry_run"] = Field(
        description="completed: các dòng hợp lệ đã được lưu; rejected: nhập trọn gói và có dòng lỗi nên "
        "không lưu gì; dry_run: chạy thử, không lưu gì"
    )
    total: int = Field(description="Số dòng dữ liệu (không kể dòng trống)")
    created: int
    updated: int
    unchanged: int
    rejected: int
    errors: list[RowError]
    errors_truncated: bool = Field(description=f"Chỉ liệt kê {MAX_REPORTED_ERRORS} lỗi đầu tiên")
    ignored_columns: list[str] = Field(description="Cột không thuộc loại dữ liệu này, đã bỏ qua")
    job_id: int | None = Field(description="Lượt nhập (xem lại tại /api/v1/imports/{job_id})")


JobStatus = Literal["queued", "running", "succeeded", "failed"]


class ImportJobRead(BaseModel):
    id: int
    kind: ImportKindName
    format: FileFormat
    status: JobStatus = Field(
        description="queued, running, succeeded (xem kết quả trong summary, kể cả các dòng bị từ chối) "
        "hoặc failed (không lưu gì; lý do trong error)"
    )
    dry_run: bool
    strategy: Strategy
    atomic: bool
    size_bytes: int
    total_rows: int | None = Field(description="Số dòng (ước tính khi đang chạy; chính xác khi xong)")
    processed_rows: int
    progress_percent: int
    summary: ImportSummary | None
    error: str | None
    url: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ImportJobPage(Page[ImportJobRead]):
    pass


class ColumnInfo(BaseModel):
    name: str
    heading_vi: str = Field(description="Tiêu đề cột tiếng Việt trong tệp mẫu và tệp xuất (mặc định)")
    type: str = Field(description="string, code, integer, decimal, date, school_year, enum, list, url")
    required: bool = Field(description="Cột bắt buộc có trong dòng tiêu đề")
    key: bool = Field(description="Thuộc khóa tự nhiên của dòng")
    exported: bool = Field(description="Có trong tệp xuất")
    choices: list[str]
    aliases: list[str]
    example: str
    help_vi: str
    help_en: str


class KindInfo(BaseModel):
    kind: ImportKindName
    label_vi: str
    label_en: str
    import_scope: str = Field(description="Phạm vi khóa API cần để nhập")
    export_scope: str = Field(description="Phạm vi khóa API cần để xuất")
    key_columns: list[str]
    columns: list[ColumnInfo]
    templates: dict[str, str]
    export_urls: dict[str, str]
