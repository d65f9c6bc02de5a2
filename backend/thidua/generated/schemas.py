from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import MAX_ID


class GeneratedKind(StrEnum):
    scorecards = "scorecards"  # the ranking and heat map of a framework's year, every unit in reach (XLSX)
    dossier = "dossier"  # a province proposal's hồ sơ: documents and evidence files (ZIP)


class GeneratedStatus(StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class ScorecardsExportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    framework_id: int = Field(ge=1, le=MAX_ID, description="Phiên bản bảng điểm")
    school_year: SchoolYear


class GeneratedFileRead(BaseModel):
    id: int
    kind: GeneratedKind
    status: GeneratedStatus
    progress_percent: int = Field(description="Phần trăm đã tạo (100 khi xong)")
    filename: str
    media_type: str
    size_bytes: int = Field(description="Kích thước tệp khi đã tạo xong")
    error: str | None = Field(description="Lý do khi không tạo được tệp")
    created_at: datetime
    finished_at: datetime | None
    url: str = Field(description="Địa chỉ theo dõi tiến độ")
    download_url: str | None = Field(description="Địa chỉ tải tệp khi đã tạo xong")
