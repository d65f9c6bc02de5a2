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


class PublicCommune(BaseModel):
    """A commune of the deployment: its public pages are narrowed to it with `commune_id`."""

    id: int
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


class PublicAwardType(BaseModel):
    """An award type in force, with its criteria written from its rules (seed IV.5 "công khai")."""

    code: str
    name: str
    level_label: str
    granting_authority_label: str
    subject_kind: str = Field(description="collective (tập thể) hoặc individual (cá nhân)")
    round_kind_labels: list[str] = Field(description="Xét trong các đợt nào")
    criteria: list[str] = Field(description="Các điều kiện, viết từ chính các quy tắc hệ thống kiểm tra")
    description: str
    cash_coefficient: Decimal | None = Field(description="Hệ số tiền thưởng × mức lương cơ sở")
    cash_amount: int | None = Field(description="Tiền thưởng theo mức lương cơ sở hiện hành (đồng)")


class PublicIndicator(BaseModel):
    code: str
    name: str
    max_points: Decimal
    mandatory: bool = Field(description="Điều kiện bắt buộc để được xếp loại")
    evidence_required: bool


class PublicCriterion(BaseModel):
    code: str
    name: str
    max_points: Decimal
    indicators: list[PublicIndicator]


class PublicClassBand(BaseModel):
    label: str
    min_percent: Decimal


class PublicFramework(BaseModel):
    code: str
    name: str
    subject_kind: str = Field(description="unit (đơn vị) hoặc individual (cá nhân)")
    version_number: int
    max_points: Decimal
    classification: list[PublicClassBand]
    criteria: list[PublicCriterion]


class PublicTimetableRound(BaseModel):
    id: int
    name: str
    kind: str = Field(description="annual, preliminary, final, ad_hoc (đột xuất)")
    kind_label: str
    opens_on: date
    closes_on: date
    award_names: list[str]


class PublicCriteria(BaseModel):
    """Tiêu chí khen thưởng công khai: award types and their criteria, the scorecard frameworks with
    their indicators and points, and the rounds' timetable."""

    award_types: list[PublicAwardType]
    frameworks: list[PublicFramework]
    rounds: list[PublicTimetableRound]
    base_salary: int | None = Field(description="Mức lương cơ sở hiện hành (đồng)")
