"""Who sees the webhook subscriptions and what they may do with one.

Subscriptions are the commune's integration settings: whoever holds `webhooks.manage` (the
administrator) sees and manages every one; a revoked subscription is kept for its log but nothing
more can be done with it.
"""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.core.errors import NotFound
from thidua.webhooks.models import WebhookSubscription

_ACTIONS = {
    "active": ["update", "revoke", "rotate_secret", "test"],
    "paused": ["update", "revoke", "rotate_secret"],
    "revoked": [],
}


def readable(actor: Actor) -> SelectOfScalar[WebhookSubscription]:
    """Behind a province deployment's wall: the subscriptions for the commune's own units."""
    if actor.commune_unit_ids is None:
        return select(WebhookSubscription)
    return select(WebhookSubscription).where(col(WebhookSubscription.unit_id).in_(actor.commune_unit_ids))


def get_readable(session: Session, actor: Actor, sub_id: int) -> WebhookSubscription:
    sub = session.exec(readable(actor).where(WebhookSubscription.id == sub_id)).first()
    if sub is None:
        raise NotFound(f"Không tìm thấy đăng ký webhook có id {sub_id}.")
    return sub


def status_of(sub: WebhookSubscription) -> str:
    if sub.revoked_at is not None:
        return "revoked"
    return "active" if sub.is_active else "paused"


def allowed_actions(sub: WebhookSubscription) -> list[str]:
    return list(_ACTIONS[status_of(sub)])


def subscription_unit(actor: Actor, unit_id: int | None) -> int | None:
    """The unit a new subscription covers: behind a wall, the caller's commune when none is named."""
    return actor.commune_id if unit_id is None and actor.commune_id is not None else unit_id


def unit_in_reach(actor: Actor, unit_id: int) -> bool:
    return actor.sees_unit(unit_id)
