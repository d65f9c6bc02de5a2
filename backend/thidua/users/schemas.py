from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from thidua.auth.roles import Role
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.text import PersonName

Login = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,  # applied after the pattern check, so the pattern accepts capitals too
        min_length=3,
        max_length=64,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    ),
]
Roles = Annotated[list[Role], Field(min_length=1, max_length=len(Role))]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    login: Login = Field(description="Tên đăng nhập: chữ thường không dấu, số, dấu chấm, gạch")
    full_name: PersonName
    password: str = Field(max_length=128)
    roles: Roles
    unit_id: Id | None = Field(
        default=None, description="Đơn vị của tài khoản; bắt buộc với thủ trưởng và cán bộ"
    )


class UserUpdate(BaseModel):
    """Only the fields sent are changed; a password here resets it (old sessions end)."""

    model_config = ConfigDict(extra="forbid")

    full_name: PersonName | None = None
    password: str | None = Field(default=None, max_length=128)
    roles: Roles | None = None
    unit_id: Id | None = None


class UserRead(BaseModel):
    id: int
    login: str
    full_name: str
    roles: list[Role]
    unit_id: int | None
    unit_name: str | None
    is_active: bool
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class UserPage(Page[UserRead]):
    pass
