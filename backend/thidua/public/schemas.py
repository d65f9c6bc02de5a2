"""What the public (no login) pages show: only what may be shown to anyone. No staff codes, e-mail,
phone, user ids, personal scores, self-assessed values, ratings or flags; nothing unpublished."""

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from thidua.core.pagination import Page
from thidua.stories.schemas import BODY_DOC


class HonourBoardItem(BaseModel):
    recipient_name: str = Field(description="Họ tên cá nhân, hoặc tên đơn vị với khen thưởng tập thể")
    unit_name: str
    award_name: str
    level: str = Field(
        description="Cấp khen thưởng: unit (cấp đơn vị), commune (cấp xã), province (cấp tỉnh)"
    )
    school_year: str
    round_name: str | None
    decision_number: str
    decision_date: date
    issuer: str


class HonourBoardPage(Page[HonourBoardItem]):
    pass


class PublicRound(BaseModel):
    id: int
    name: str
    kind: str = Field(description="annual (năm học), preliminary (sơ kết), final (tổng kết)")
    school_year: str | None


class PublicStorySummary(BaseModel):
    id: int
    title: str
    summary: str
    published_at: datetime
    image_url: str | None = Field(description="Ảnh đầu tiên của bài, nếu có")


class PublicStoryPage(Page[PublicStorySummary]):
    pass


class PublicImage(BaseModel):
    url: str
    caption: str


class PublicUnit(BaseModel):
    name: str


class PublicStory(BaseModel):
    id: int
    title: str
    summary: str
    body: str = Field(description=BODY_DOC)
    published_at: datetime
    images: list[PublicImage]
    units: list[PublicUnit]
    achievements: list[HonourBoardItem]


class PublicResultSummary(BaseModel):
    id: int
    framework_name: str
    school_year: str
    published_at: datetime


class PublicResultPage(Page[PublicResultSummary]):
    pass


class PublicResultRow(BaseModel):
    rank: int = Field(description="Xếp hạng thi đua (1, 2, 2, 4) trong số các kết quả đã xác nhận")
    unit_name: str
    school_level: str | None
    completion_percent: Decimal
    classification_label: str


class PublicResult(PublicResultSummary):
    rows: list[PublicResultRow]


class CertificateCheck(BaseModel):
    verification_code: str
    recipient_name: str
    unit_name: str
    award_name: str
    school_year: str
    decision_number: str
    decision_date: date
    issuer: str


class PublicInfoCorner(BaseModel):
    """A school's info corner about the movement on its own website (seed V.4.3)."""

    unit_id: int
    unit_name: str
    url: str
    title: str
