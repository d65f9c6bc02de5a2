"""Công tác truyền thông (seed IV.2, V.2, V.4.3): the commune's yearly communications plan with targets
per channel, the log of what was broadcast or posted, stories the schools propose for the honour board,
and each school's info corner on its own website."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON
from sqlmodel import Field, UniqueConstraint

from thidua.core.models import CommuneOwned, UTCDateTime, Versioned


class Channel(StrEnum):
    radio = "radio"
    portal = "portal"
    social = "social"
    bulletin = "bulletin"
    video = "video"
    conference = "conference"
    school_website = "school_website"


CHANNEL_LABELS_VI = {
    Channel.radio: "Đài truyền thanh xã (loa truyền thanh)",
    Channel.portal: "Cổng thông tin điện tử xã",
    Channel.social: "Nền tảng mạng xã hội",
    Channel.bulletin: "Bản tin",
    Channel.video: "Video clip",
    Channel.conference: "Hội nghị, tọa đàm",
    Channel.school_website: "Chuyên mục trên website trường",
}


class CommsPlan(Versioned, CommuneOwned, table=True):
    """Kế hoạch truyền thông: one per school year, with a target count of outputs per channel."""

    __tablename__ = "comms_plan"
    __table_args__ = (UniqueConstraint("commune_id", "school_year"),)

    school_year: str = Field(max_length=9, index=True)
    title: str = Field(max_length=300)
    note: str = Field(default="", max_length=4000)
    targets: dict[str, int] = Field(default_factory=dict, sa_type=JSON)  # channel -> number of outputs
    created_by_id: int = Field(foreign_key="user_account.id")


class CommsOutput(Versioned, table=True):
    """One output logged against the plan: a radio broadcast, a portal article, a post, a bulletin …"""

    __tablename__ = "comms_output"

    plan_id: int = Field(foreign_key="comms_plan.id", index=True)
    channel: str = Field(max_length=30, index=True)
    output_date: date = Field(index=True)
    title: str = Field(max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    reach: int | None = None  # listeners, views, attendees: as reported, never negative
    note: str = Field(default="", max_length=2000)
    file_sha256: str | None = Field(default=None, max_length=64)
    file_content_type: str | None = Field(default=None, max_length=100)
    file_size_bytes: int | None = None
    file_name: str | None = Field(default=None, max_length=255)
    created_by_id: int = Field(foreign_key="user_account.id")


class StoryProposal(Versioned, table=True):
    """Bài đề xuất gương điển hình: a school's draft story; communications returns or publishes it
    (publishing makes a Story on the honour board)."""

    __tablename__ = "story_proposal"

    unit_id: int = Field(foreign_key="unit.id", index=True)
    title: str = Field(max_length=300)
    summary: str = Field(default="", max_length=1000)
    body: str = Field(max_length=20000)
    status: str = Field(
        default="draft", max_length=20, index=True
    )  # draft | submitted | returned | published
    review_note: str = Field(default="", max_length=2000)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    story_id: int | None = Field(default=None, foreign_key="story.id", index=True)
    author_id: int = Field(foreign_key="user_account.id")


class InfoCorner(Versioned, table=True):
    """Chuyên mục, góc thông tin về Phong trào trên website của đơn vị (seed V.4.3): one per school."""

    __tablename__ = "info_corner"
    __table_args__ = (UniqueConstraint("unit_id"),)

    unit_id: int = Field(foreign_key="unit.id", index=True)
    url: str = Field(max_length=2000)
    title: str = Field(default="", max_length=300)
    updated_by_id: int = Field(foreign_key="user_account.id")
