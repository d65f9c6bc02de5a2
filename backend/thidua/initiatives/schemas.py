import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.text import Name
from thidua.core.types import Day
from thidua.initiatives.models import InitiativeKind, RecognitionLevel


def _consecutive_years(value: str) -> str:
    if int(value[5:]) != int(value[:4]) + 1:
        raise ValueError("Năm học phải gồm hai năm liên tiếp, ví dụ 2025-2026.")
    return value


# A school year in a request body: the pattern of SchoolYear, and the two years follow each other.
AnnualSchoolYear = Annotated[SchoolYear, AfterValidator(_consecutive_years)]


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


# Titles are searched: one Unicode form for Vietnamese, whatever keyboard typed them.
Title = Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_nfc)]
Summary = Annotated[str, Field(max_length=8000), AfterValidator(_nfc)]
SharePercent = Annotated[
    Decimal,
    Field(gt=0, le=100, decimal_places=2, description="Tỷ lệ đóng góp (%), tổng các tác giả bằng 100"),
]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class AuthorIn(_In):
    staff_id: Id
    share_percent: SharePercent


class EvidenceLinkIn(_In):
    url: Annotated[str, Field(min_length=8, max_length=2000, pattern=r"^https?://[^\s]+$")]
    title: Annotated[str, Field(max_length=255)] = ""


class InitiativeCreate(_In):
    unit_id: Id | None = Field(default=None, description="Mặc định: đơn vị của người nhập")
    kind: InitiativeKind
    title: Title
    summary: Summary = ""
    school_year: AnnualSchoolYear
    authors: list[AuthorIn] = Field(min_length=1, max_length=50, description="Tác giả, đồng tác giả")
    evidence_links: list[EvidenceLinkIn] = Field(default_factory=list, max_length=20)


class InitiativeUpdate(_In):
    """Only the fields sent are changed; a recognised initiative cannot be changed."""

    kind: InitiativeKind | None = None
    title: Title | None = None
    summary: Summary | None = None
    school_year: AnnualSchoolYear | None = None
    authors: list[AuthorIn] | None = Field(default=None, min_length=1, max_length=50)
    evidence_links: list[EvidenceLinkIn] | None = Field(default=None, max_length=20)


class RecognitionIn(_In):
    recognition_level: RecognitionLevel = Field(description="Cấp công nhận")
    recognition_decision: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="Số quyết định công nhận, ví dụ 15/QĐ-UBND"
    )
    recognition_date: Day = Field(description="Ngày quyết định (không sau hôm nay)")
    recognised_by: Name = Field(description="Cơ quan, hội đồng công nhận")


class AuthorOut(BaseModel):
    staff_id: int
    staff_code: str
    full_name: str
    share_percent: Decimal


class InitiativeRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    kind: InitiativeKind
    kind_label: str
    title: str
    summary: str
    school_year: str
    authors: list[AuthorOut]
    evidence_links: list[EvidenceLinkIn]
    recognised: bool
    recognition_level: RecognitionLevel | None
    recognition_level_label: str | None
    recognition_decision: str | None
    recognition_date: date | None
    recognised_by: str | None
    used: bool = Field(description="Đã được dùng làm căn cứ cho một khen thưởng (không sửa, xóa được)")
    used_by_achievement_id: int | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class InitiativePage(Page[InitiativeRead]):
    pass
