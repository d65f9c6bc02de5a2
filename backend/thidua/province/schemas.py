"""The Department's view (Sở GDĐT): what it reads of every commune of the province."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from thidua.core.pagination import Page


class CommuneRef(BaseModel):
    id: int
    code: str
    name: str


class CommuneSummary(CommuneRef):
    schools: int = Field(description="Số cơ sở giáo dục đang hoạt động")


class ReceivedReport(BaseModel):
    commune_id: int
    commune_name: str
    request_id: int
    issue_id: int
    number: str = Field(description="Số báo cáo, in kèm '/BC-UBND'")
    sequence: int = Field(description="Lần ban hành (1, 2… khi xã ban hành lại)")
    issued_on: date
    sent_at: datetime
    signer: str


class MissingReport(BaseModel):
    commune_id: int
    commune_name: str
    request_id: int | None = Field(description="Yêu cầu báo cáo của xã cho kỳ này, nếu xã đã lập")


class InboxPeriod(BaseModel):
    kind: str
    period_label: str
    label: str = Field(description="Kỳ báo cáo bằng lời, ví dụ 'Học kỳ I năm học 2025-2026'")
    received: list[ReceivedReport]
    missing: list[MissingReport]


class ReportInbox(BaseModel):
    school_year: str
    communes: list[CommuneRef]
    periods: list[InboxPeriod]


class HeatmapCell(BaseModel):
    commune_id: int
    code: str
    average_completion_percent: Decimal
    assessments: int


class Heatmap(BaseModel):
    school_year: str
    framework_code: str
    communes: list[CommuneRef]
    criteria: list[str]
    cells: list[HeatmapCell]


class ProvinceRankedSchool(BaseModel):
    rank: int
    assessment_id: int
    unit_id: int
    unit_name: str
    commune_id: int
    commune_name: str
    status: str
    completion_percent: Decimal
    classification_label: str


class ProvinceRankingPage(Page[ProvinceRankedSchool]):
    framework_code: str
    version_number: int
    school_year: str
    excluded: int = Field(description="Đánh giá cùng mã bảng điểm nhưng khác phiên bản: không xếp hạng")
    note: str = Field(description="Phạm vi so sánh, bằng lời")


class ProvinceProposal(BaseModel):
    id: int
    commune_id: int
    commune_name: str
    round_name: str
    number: str
    signed_on: date
    status: str
    nominees: int
    province_decision_number: str | None
    province_decision_date: date | None
