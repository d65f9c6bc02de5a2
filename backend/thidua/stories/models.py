from datetime import datetime

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, UTCDateTime, Versioned, utcnow


class Story(Versioned, CommuneOwned, table=True):
    """Gương điển hình tiên tiến: a story about an exemplary model on the public honour board. The body is
    plain text (paragraphs split by blank lines), never HTML, so it cannot carry script."""

    title: str = Field(max_length=300)
    summary: str = Field(default="", max_length=1000)
    body: str = Field(max_length=20000)
    unit_ids: list[int] = Field(default_factory=list, sa_type=JSON)
    achievement_ids: list[int] = Field(default_factory=list, sa_type=JSON)
    status: str = Field(default="draft", max_length=20, index=True)  # draft | published
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    author_id: int = Field(foreign_key="user_account.id")


class StoryImage(SQLModel, table=True):
    __tablename__ = "story_image"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(foreign_key="story.id", index=True, ondelete="CASCADE")
    caption: str = Field(default="", max_length=300)
    content_type: str = Field(max_length=100)
    size_bytes: int
    sha256: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ResultPublication(SQLModel, table=True):
    """Công khai kết quả đánh giá: the commune publishes one framework's verified unit results of a year."""

    __tablename__ = "result_publication"
    __table_args__ = (UniqueConstraint("framework_id", "school_year"),)

    id: int | None = Field(default=None, primary_key=True)
    framework_id: int = Field(foreign_key="framework.id", index=True)
    school_year: str = Field(max_length=9, index=True)
    published_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    published_by_id: int = Field(foreign_key="user_account.id")
