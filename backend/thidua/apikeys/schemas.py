from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id
from thidua.core.pagination import Page

Scope = Annotated[str, Field(min_length=3, max_length=40)]


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1, max_length=120)]
    service_account_id: Id = Field(description="Tài khoản tích hợp (vai trò integration) sở hữu khóa")
    scopes: list[Scope] = Field(min_length=1, max_length=40, description='Ví dụ "staff:read", "staff:import"')
    unit_id: Id | None = Field(default=None, description="Giới hạn khóa trong một đơn vị (và các tổ)")
    expires_at: datetime | None = Field(default=None, description="Bỏ trống: không hết hạn")


class ApiKeyRead(BaseModel):
    id: int
    name: str
    prefix: str
    service_account_id: int
    service_account_login: str
    scopes: list[str]
    unit_id: int | None
    unit_name: str | None
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    status: str  # active | expired | revoked
    version: int
    allowed_actions: list[str]
    created_at: datetime


class ApiKeyCreated(ApiKeyRead):
    secret: str = Field(description="Khóa đầy đủ: chỉ hiện một lần, hãy lưu lại ngay")


class ApiKeyPage(Page[ApiKeyRead]):
    pass


class ScopeCatalogue(BaseModel):
    families: list[str]
    levels: list[str]
    scopes: list[str]
