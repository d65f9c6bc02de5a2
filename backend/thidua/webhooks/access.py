"""Who sees the webhook subscriptions and what they may do with one.

Subscriptions are the commune's integration settings: whoever holds `webhooks.manage` (the
administrator) sees and manages every one; a revoked subscription is kept for its log but nothing
more can be done with it.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.core.errors import NotFound
from thidua.webhooks.models import WebhookSubscription

_ACTIONS = {
    "active": ["update", "revoke", "rotate_secret", "test"],
    "paused": ["update", "revoke", "rotate_secret"],
    "revoked": [],
}


def readable() -> SelectOfScalar[WebhookSubscription]:
    return select(WebhookSubscription)


def get_readable(session: Session, sub_id: int) -> WebhookSubscription:
    sub = session.get(WebhookSubscription, sub_id)
    if sub is None:
        raise NotFound(f"Không tìm thấy đăng ký webhook có id {sub_id}.")
    return sub


def status_of(sub: WebhookSubscription) -> str:
    if sub.revoked_at is not None:
        return "revoked"
    return "active" if sub.is_active else "paused"


def allowed_actions(sub: WebhookSubscription) -> list[str]:
    return list(_ACTIONS[status_of(sub)])
