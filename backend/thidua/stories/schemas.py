import unicodedata
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import Id
from thidua.core.pagination import Page

StoryStatus = Literal["draft", "published"]
BODY_DOC = (
    "Nội dung dạng văn bản thuần (không phải HTML): các đoạn cách nhau bởi một dòng trống. "
    "Mọi ký tự được hiển thị đúng như đã gõ, không bao giờ được hiểu là HTML hay mã lệnh."
)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _plain_text(value: str) -> str:
    """NFC, one kind of line break, no trailing spaces on lines; paragraphs stay split by blank lines."""
    lines = _nfc(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


Title = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_nfc)]
Summary = Annotated[str, Field(max_length=1000), AfterValidator(_plain_text)]
Body = Annotated[
    str, Field(min_length=1, max_length=20000, description=BODY_DOC), AfterValidator(_plain_text)
]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StoryCreate(_In):
    title: Title
    summary: Summary = ""
    body: Body
    unit_ids: list[Id] = Field(default_factory=list, max_length=50, description="Tập thể được nêu gương")
    achievement_ids: list[Id] = Field(
        default_factory=list,
        max_length=50,
        description="Thành tích được nêu (chỉ thành tích đã có quyết định khen thưởng, có mã xác minh)",
    )


class StoryUpdate(_In):
    title: Title | None = None
    summary: Summary | None = None
    body: Body | None = None
    unit_ids: list[Id] | None = Field(default=None, max_length=50)
    achievement_ids: list[Id] | None = Field(default=None, max_length=50)


class FeaturedUnit(BaseModel):
    id: int
    name: str


class FeaturedAchievement(BaseModel):
    id: int
    recipient_name: str
    award_name: str
    school_year: str


class StoryImageRead(BaseModel):
    id: int
    caption: str
    content_type: str
    size_bytes: int
    url: str = Field(description="Địa chỉ tải ảnh (cần đăng nhập)")
    created_at: datetime


class StoryRead(BaseModel):
    id: int
    title: str
    summary: str
    body: str = Field(description=BODY_DOC)
    unit_ids: list[int]
    achievement_ids: list[int]
    units: list[FeaturedUnit]
    achievements: list[FeaturedAchievement]
    images: list[StoryImageRead]
    status: StoryStatus
    published_at: datetime | None
    author_id: int
    author_name: str
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class StoryPage(Page[StoryRead]):
    pass


# ---------------------------------------------------------------- result publication


class PublicationCreate(_In):
    framework_id: Id = Field(
        description="Bảng điểm dành cho cơ sở giáo dục (không công khai kết quả cá nhân)"
    )
    school_year: SchoolYear


class PublicationRead(BaseModel):
    id: int
    framework_id: int
    framework_code: str
    framework_name: str
    framework_version: int
    school_year: str
    published_at: datetime
    published_by_id: int
    published_by_name: str
    verified_count: int = Field(description="Số cơ sở giáo dục có kết quả đã xác nhận được công khai")
    allowed_actions: list[str]


class PublicationPage(Page[PublicationRead]):
    pass
