from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import StrictBool

# The events a subscription may name (ping is sent on request only, to every subscription asked).
SubscribableEvent = Literal[
    "plan.issued",
    "plan.submitted",
    "plan.approved",
    "report_request.created",
    "award_round.created",
    "self_assessment.submitted",
    "self_assessment.verified",
    "report.submitted",
    "nomination.decided",
]
Url = Annotated[
    str, Field(min_length=8, max_length=2000, description="http:// hoặc https://, không kèm mật khẩu")
]
Events = Annotated[list[SubscribableEvent], Field(min_length=1, max_length=20)]
DeliveryStatus = Literal["pending", "delivered", "failed"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WebhookCreate(_In):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    url: Url
    events: Events = Field(description="Các sự kiện cần nhận (xem GET /webhooks/events)")
    unit_id: Id | None = Field(
        default=None,
        description="Chỉ nhận sự kiện của một đơn vị (và các tổ của đơn vị); bỏ trống: mọi đơn vị",
    )


class WebhookUpdate(_In):
    name: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    url: Url | None = None
    events: Events | None = None
    is_active: StrictBool | None = Field(
        default=None, description="false: tạm dừng (sự kiện mới không được gửi tới); true: bật lại"
    )


class WebhookRead(BaseModel):
    id: int
    name: str
    url: str
    events: list[str]
    unit_id: int | None
    unit_name: str | None
    is_active: bool
    status: str  # active | paused | revoked
    revoked_at: datetime | None
    pending_deliveries: int
    failed_deliveries: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookRead):
    secret: str = Field(description="Khóa ký (whsec_...): chỉ hiện một lần, hãy lưu lại ngay")


class WebhookPage(Page[WebhookRead]):
    pass


class WebhookEventInfo(BaseModel):
    event: str
    label: str
    subscribable: bool


class WebhookEventCatalogue(BaseModel):
    events: list[WebhookEventInfo]


class WebhookDeliveryRead(BaseModel):
    id: int
    subscription_id: int
    event: str
    event_id: str
    status: str  # pending | delivered | failed
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    payload: dict[str, Any]
    created_at: datetime
    delivered_at: datetime | None


class WebhookDeliveryPage(Page[WebhookDeliveryRead]):
    pass
