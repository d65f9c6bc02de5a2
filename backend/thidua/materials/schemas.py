from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.communications.schemas import Url
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.materials.models import Licence

Text300 = Annotated[str, Field(min_length=1, max_length=300)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MaterialCreate(_In):
    unit_id: Id | None = Field(default=None, description="Trường chia sẻ; mặc định: đơn vị của người nhập")
    title: Text300
    author: Text300 = Field(description="Tác giả (họ tên, có thể nhiều người)")
    subject: Annotated[str, Field(min_length=1, max_length=100, description="Môn học")]
    grade: Annotated[str, Field(min_length=1, max_length=50, description="Khối lớp, ví dụ 'Lớp 6'")]
    licence: Licence
    description: Annotated[str, Field(max_length=4000)] = ""
    url: Url | None = None


class MaterialUpdate(_In):
    title: Text300 | None = None
    author: Text300 | None = None
    subject: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    grade: Annotated[str, Field(min_length=1, max_length=50)] | None = None
    licence: Licence | None = None
    description: Annotated[str, Field(max_length=4000)] | None = None
    url: Url | None = None


class MaterialRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    title: str
    author: str
    subject: str
    grade: str
    licence: Licence
    licence_label: str
    description: str
    url: str | None
    file_name: str | None
    file_size_bytes: int | None
    file_url: str | None = Field(description="Địa chỉ tải tệp học liệu (cần đăng nhập)")
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class MaterialPage(Page[MaterialRead]):
    pass


class RecognisedMaterial(BaseModel):
    """A recognised initiative of kind 'học liệu số', shown in the library."""

    initiative_id: int
    unit_id: int
    unit_name: str
    title: str
    summary: str
    school_year: str
    authors: list[str]
    recognition_level_label: str
    recognition_date: date | None
    links: list[str]


class RecognisedMaterialPage(Page[RecognisedMaterial]):
    pass
