from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.communications.models import Channel
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day
from thidua.stories.schemas import Body, Summary, Title

HTTP_URL = r"^https?://[^\s]+$"
URL_DOC = "Đường dẫn bắt đầu bằng http:// hoặc https://"
Url = Annotated[str, Field(min_length=8, max_length=2000, pattern=HTTP_URL, description=URL_DOC)]
Reach = Annotated[int, Field(ge=0, le=100_000_000, description="Số lượt tiếp cận (người nghe, lượt xem …)")]
ProposalStatus = Literal["draft", "submitted", "returned", "published"]


def _unique_channels(targets: list["ChannelTargetIn"]) -> list["ChannelTargetIn"]:
    seen: set[Channel] = set()
    for target in targets:
        if target.channel in seen:
            raise ValueError(f"Kênh '{target.channel.value}' được nêu hai lần.")
        seen.add(target.channel)
    return targets


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ChannelTargetIn(_In):
    channel: Channel
    target: int = Field(ge=0, le=10_000, description="Số tin, bài, sản phẩm cần thực hiện trong năm học")


Targets = Annotated[list[ChannelTargetIn], Field(max_length=len(Channel)), AfterValidator(_unique_channels)]


class CommsPlanCreate(_In):
    school_year: SchoolYear
    title: Annotated[str, Field(min_length=1, max_length=300)]
    note: Annotated[str, Field(max_length=4000)] = ""
    targets: Targets = Field(default_factory=list)


class CommsPlanUpdate(_In):
    title: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    note: Annotated[str, Field(max_length=4000)] | None = None
    targets: Targets | None = None


class ChannelTargetRead(BaseModel):
    channel: Channel
    channel_label: str
    target: int
    done: int = Field(description="Số sản phẩm đã ghi nhận trong nhật ký")
    reach: int = Field(description="Tổng lượt tiếp cận đã ghi nhận")


class CommsPlanRead(BaseModel):
    id: int
    school_year: str
    title: str
    note: str
    targets: list[ChannelTargetRead]
    output_count: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class CommsPlanPage(Page[CommsPlanRead]):
    pass


class CommsOutputCreate(_In):
    plan_id: Id
    channel: Channel
    output_date: Day = Field(
        description="Ngày phát sóng, đăng tải hoặc phát hành (trong năm học của kế hoạch)"
    )
    title: Annotated[str, Field(min_length=1, max_length=300)]
    url: Url | None = None
    reach: Reach | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


class CommsOutputUpdate(_In):
    channel: Channel | None = None
    output_date: Day | None = None
    title: Annotated[str, Field(min_length=1, max_length=300)] | None = None
    url: Url | None = None
    reach: Reach | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None


class CommsOutputRead(BaseModel):
    id: int
    plan_id: int
    school_year: str
    channel: Channel
    channel_label: str
    output_date: date
    title: str
    url: str | None
    reach: int | None
    note: str
    file_name: str | None
    file_size_bytes: int | None
    file_url: str | None = Field(description="Địa chỉ tải tệp sản phẩm (cần đăng nhập)")
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class CommsOutputPage(Page[CommsOutputRead]):
    pass


# ---------------------------------------------------------------- story proposals


class ProposalCreate(_In):
    unit_id: Id | None = Field(default=None, description="Mặc định: đơn vị của người viết")
    title: Title
    summary: Summary = ""
    body: Body


class ProposalUpdate(_In):
    title: Title | None = None
    summary: Summary | None = None
    body: Body | None = None


class ProposalReturn(_In):
    note: Annotated[str, Field(min_length=1, max_length=2000, description="Điều cần sửa, bổ sung")]


class ProposalRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    title: str
    summary: str
    body: str
    status: ProposalStatus
    review_note: str
    submitted_at: datetime | None
    story_id: int | None
    author_id: int
    author_name: str
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class ProposalPage(Page[ProposalRead]):
    pass


# ---------------------------------------------------------------- info corners


class InfoCornerIn(_In):
    url: Url
    title: Annotated[str, Field(max_length=300)] = ""


class InfoCornerRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    url: str
    title: str
    version: int
    allowed_actions: list[str]
    updated_at: datetime


class InfoCornerPage(Page[InfoCornerRead]):
    pass
