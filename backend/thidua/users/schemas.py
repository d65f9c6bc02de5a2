from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from thidua.auth.roles import Role
from thidua.core.pagination import Page
from thidua.core.text import PersonName

Login = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, min_length=3, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
    ),
]
Roles = Annotated[list[Role], Field(min_length=1, max_length=len(Role))]
# Ids are PostgreSQL INTEGER columns: a larger number can only be "not found", never a 500.
MAX_ID = 2_147_483_647


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    login: Login = Field(description="Tên đăng nhập: chữ thường không dấu, số, dấu chấm, gạch")
    full_name: PersonName
    password: str = Field(max_length=128)
    roles: Roles
    unit_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Đơn vị của tài khoản; bắt buộc với thủ trưởng và cán bộ"
    )


class UserUpdate(BaseModel):
    """Only the fields sent are changed; a password here resets it (old sessions end)."""

    model_config = ConfigDict(extra="forbid")

    full_name: PersonName | None = None
    password: str | None = Field(default=None, max_length=128)
    roles: Roles | None = None
    unit_id: int | None = Field(default=None, ge=1, le=MAX_ID)


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
