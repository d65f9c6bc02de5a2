from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.text import Code, Email, Name, PersonName, Phone, ShortText
from thidua.units.models import SchoolLevel, UnitKind

Address = ShortText


class UnitCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="Mã đơn vị, duy nhất (khóa tự nhiên khi nhập dữ liệu)")
    name: Name
    kind: UnitKind
    school_level: SchoolLevel | None = Field(default=None, description="Bắt buộc với cơ sở giáo dục")
    parent_id: Id | None = None
    address: Address | None = None


class UnitUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    code: Code | None = None
    name: Name | None = None
    school_level: SchoolLevel | None = None
    parent_id: Id | None = None
    address: Address | None = None


class UnitRead(BaseModel):
    id: int
    code: str
    name: str
    kind: UnitKind
    school_level: SchoolLevel | None
    parent_id: int | None
    parent_name: str | None
    address: str | None
    is_active: bool
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class UnitPage(Page[UnitRead]):
    pass


class StaffCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="Mã cán bộ, duy nhất (khóa tự nhiên khi nhập dữ liệu)")
    full_name: PersonName
    position: ShortText = ""
    unit_id: Id
    email: Email | None = None
    phone: Phone | None = None
    user_id: Id | None = Field(default=None, description="Tài khoản đăng nhập gắn với cán bộ (nếu có)")


class StaffUpdate(BaseModel):
    """Only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    code: Code | None = None
    full_name: PersonName | None = None
    position: ShortText | None = None
    unit_id: Id | None = None
    email: Email | None = None
    phone: Phone | None = None
    user_id: Id | None = None


class StaffRead(BaseModel):
    id: int
    code: str
    full_name: str
    position: str
    unit_id: int
    unit_name: str
    email: str | None
    phone: str | None
    user_id: int | None
    is_active: bool
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class StaffPage(Page[StaffRead]):
    pass
