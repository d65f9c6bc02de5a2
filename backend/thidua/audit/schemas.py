from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from thidua.core.pagination import Page


class AuditEventRead(BaseModel):
    id: int
    occurred_at: datetime
    actor_user_id: int | None
    actor_login: str | None
    action: str
    entity_type: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    # The same in words (issue 18.4): who, what was done, to what.
    actor_name: str = Field(description='Họ tên người thực hiện; "Hệ thống (tự động)" khi không có người')
    action_label: str
    entity_label: str = Field(description="Loại đối tượng, bằng tiếng Việt")
    entity_name: str | None = Field(description="Tên, tiêu đề hoặc số của đối tượng, nếu có")


class AuditEventPage(Page[AuditEventRead]):
    pass
