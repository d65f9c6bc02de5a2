from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from thidua.core.models import UTCDateTime, Versioned, utcnow


class WebhookSubscription(Versioned, table=True):
    """A third-party endpoint told about events. The secret signs each delivery (HMAC-SHA256), so it
    is kept as given; it is shown once and never returned again."""

    __tablename__ = "webhook_subscription"

    name: str = Field(max_length=120)
    url: str = Field(max_length=2000)
    events: list[str] = Field(default_factory=list, sa_type=JSON)
    secret: str = Field(max_length=128)
    unit_id: int | None = Field(default=None, foreign_key="unit.id")  # only this unit's events
    is_active: bool = True
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_by_id: int = Field(foreign_key="user_account.id")


class WebhookDelivery(SQLModel, table=True):
    """One event for one subscription, with its attempts: the delivery log."""

    __tablename__ = "webhook_delivery"

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="webhook_subscription.id", index=True)
    event: str = Field(max_length=60)
    event_id: str = Field(max_length=40, index=True)
    payload: dict[str, Any] = Field(sa_type=JSON)
    status: str = Field(default="pending", max_length=20, index=True)  # pending | delivered | failed
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
