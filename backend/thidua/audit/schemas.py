from datetime import datetime
from typing import Any

from pydantic import BaseModel

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


class AuditEventPage(Page[AuditEventRead]):
    pass
