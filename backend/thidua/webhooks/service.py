"""Webhook subscriptions (created by the administrator, the signing secret shown once) and `emit`, which
the business services call in the same transaction as the change an event tells of: a delivery row
exists if and only if the change committed. Sending, signing and retries live in delivery.py."""

import secrets
import uuid
from typing import Any

from sqlalchemy import func
from sqlalchemy import update as sa_update
from sqlmodel import Session, col, or_, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.core.errors import Conflict, FieldError, ValidationFailed
from thidua.core.models import utcnow
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.tasks import defer
from thidua.units.models import Unit
from thidua.webhooks import access
from thidua.webhooks.addresses import url_problem
from thidua.webhooks.delivery import REVOKED_REASON
from thidua.webhooks.models import WebhookDelivery, WebhookSubscription
from thidua.webhooks.schemas import (
    WebhookCreate,
    WebhookCreated,
    WebhookDeliveryPage,
    WebhookDeliveryRead,
    WebhookEventCatalogue,
    WebhookEventInfo,
    WebhookPage,
    WebhookRead,
    WebhookUpdate,
)

PING = "ping"
EVENT_LABELS_VI: dict[str, str] = {
    "plan.issued": "Xã ban hành kế hoạch của xã",
    "plan.submitted": "Đơn vị nộp kế hoạch thực hiện",
    "plan.approved": "Xã phê duyệt kế hoạch thực hiện",
    "self_assessment.submitted": "Nộp bản tự đánh giá",
    "self_assessment.verified": "Xã xác nhận kết quả tự đánh giá",
    "report_request.created": "Xã gửi yêu cầu báo cáo",
    "report.submitted": "Đơn vị nộp báo cáo",
    "award_round.created": "Xã mở đợt xét khen thưởng",
    "nomination.decided": "Đề nghị khen thưởng có quyết định khen thưởng",
    PING: "Gửi thử (khi quản trị viên bấm Gửi thử; không cần đăng ký)",
}
SUBSCRIBABLE_EVENTS = frozenset(EVENT_LABELS_VI) - {PING}
SECRET_START = "whsec_"


def catalogue() -> WebhookEventCatalogue:
    return WebhookEventCatalogue(
        events=[
            WebhookEventInfo(event=event, label=label, subscribable=event != PING)
            for event, label in EVENT_LABELS_VI.items()
        ]
    )


def new_secret() -> str:
    return SECRET_START + secrets.token_urlsafe(32)


# --- Emitting events ----------------------------------------------------------------------------


def _unit_and_ancestors(session: Session, unit_id: int) -> list[int]:
    found: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in found:
        found.append(current)
        unit = session.get(Unit, current)
        current = unit.parent_id if unit else None
    return found


def _payload(event: str, event_id: str, unit_id: int | None, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": event_id,
        "event": event,
        "occurred_at": utcnow().isoformat().replace("+00:00", "Z"),
        "unit_id": unit_id,
        "data": data,
    }


def emit(session: Session, event: str, unit_id: int | None, data: dict[str, Any]) -> str | None:
    """Queue `event` for every active subscription that names it and covers `unit_id` (subscriptions
    without a unit, and those of the unit or of a unit above it: a school's subscription also gets its
    subject groups' events). Adds rows to the caller's transaction and never commits; returns the
    event id, or None when nobody subscribed. `data` holds ids and a few plain fields, JSON-ready."""
    assert event in SUBSCRIBABLE_EVENTS, event
    scope = _unit_and_ancestors(session, unit_id) if unit_id is not None else []
    subs = [
        s
        for s in session.exec(
            select(WebhookSubscription).where(
                col(WebhookSubscription.is_active).is_(True),
                col(WebhookSubscription.revoked_at).is_(None),
                or_(col(WebhookSubscription.unit_id).is_(None), col(WebhookSubscription.unit_id).in_(scope)),
            )
        ).all()
        if event in (s.events or [])
    ]
    if not subs:
        return None
    unit = session.get(Unit, unit_id) if unit_id is not None else None
    if unit is not None:
        data = {"unit_code": unit.code, "unit_name": unit.name, **data}
    event_id = str(uuid.uuid4())
    payload = _payload(event, event_id, unit_id, data)
    for sub in subs:
        assert sub.id is not None
        _queue(session, sub.id, event, event_id, payload)
    return event_id


def _queue(
    session: Session, subscription_id: int, event: str, event_id: str, payload: dict[str, Any]
) -> WebhookDelivery:
    delivery = WebhookDelivery(
        subscription_id=subscription_id,
        event=event,
        event_id=event_id,
        payload=payload,
        status="pending",
        next_attempt_at=utcnow(),
    )
    session.add(delivery)
    session.flush()
    # A job of the queue in the same transaction: sent if and only if the change commits.
    defer(session, "webhooks.deliver", delivery_id=delivery.id)
    return delivery


# --- Subscriptions ------------------------------------------------------------------------------


def _counts(session: Session, sub_id: int) -> dict[str, int]:
    rows = session.exec(
        select(WebhookDelivery.status, func.count())
        .where(WebhookDelivery.subscription_id == sub_id)
        .group_by(col(WebhookDelivery.status))
    ).all()
    return {status: int(n) for status, n in rows}


def read_subscription(session: Session, sub: WebhookSubscription) -> WebhookRead:
    assert sub.id is not None
    unit = session.get(Unit, sub.unit_id) if sub.unit_id else None
    counts = _counts(session, sub.id)
    return from_row(
        WebhookRead,
        sub,
        events=list(sub.events),
        unit_name=unit.name if unit else None,
        status=access.status_of(sub),
        pending_deliveries=counts.get("pending", 0),
        failed_deliveries=counts.get("failed", 0),
        allowed_actions=access.allowed_actions(sub),
    )


def list_subscriptions(session: Session, actor: Actor, page: PageParams) -> WebhookPage:
    rows, total = paginate(session, access.readable(actor), page, col(WebhookSubscription.id).desc())
    return page_of(WebhookPage, [read_subscription(session, s) for s in rows], total, page)


def get_subscription(session: Session, actor: Actor, sub_id: int) -> WebhookSubscription:
    return access.get_readable(session, actor, sub_id)


def create_subscription(
    session: Session, actor: Actor, data: WebhookCreate, allow_private: bool = False
) -> WebhookCreated:
    problems = []
    url_error = url_problem(data.url, allow_private)
    if url_error:
        problems.append(url_error)
    unit_id = access.subscription_unit(actor, data.unit_id)
    if unit_id is not None and (
        session.get(Unit, unit_id) is None or not access.unit_in_reach(actor, unit_id)
    ):
        problems.append(FieldError(path="body.unit_id", type="not_found", message="Không tìm thấy đơn vị."))
    if problems:
        raise ValidationFailed("Đăng ký webhook chưa hợp lệ; không có gì được lưu.", problems)
    secret = new_secret()
    sub = WebhookSubscription(
        name=data.name,
        url=data.url,
        events=sorted(set(data.events)),
        secret=secret,
        unit_id=unit_id,
        created_by_id=actor.id,
    )
    session.add(sub)
    session.flush()
    audit.record(session, actor, "create", sub, None)  # the secret is kept out of the audit trail
    session.commit()
    return WebhookCreated(**read_subscription(session, sub).model_dump(), secret=secret)


def _require_not_revoked(sub: WebhookSubscription) -> None:
    if sub.revoked_at is not None:
        raise Conflict("Đăng ký webhook này đã bị thu hồi; hãy tạo đăng ký mới.")


def update_subscription(
    session: Session, actor: Actor, sub: WebhookSubscription, data: WebhookUpdate, allow_private: bool = False
) -> WebhookSubscription:
    _require_not_revoked(sub)
    changes: dict[str, Any] = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if "url" in changes:
        url_error = url_problem(changes["url"], allow_private)
        if url_error:
            raise ValidationFailed("Đăng ký webhook chưa hợp lệ; không có gì được lưu.", [url_error])
    if "events" in changes:
        changes["events"] = sorted(set(changes["events"]))
    return audit.save_changes(session, actor, sub, changes, "update")


def revoke_subscription(session: Session, actor: Actor, sub: WebhookSubscription) -> WebhookSubscription:
    """Immediate: nothing is sent after this, and deliveries still waiting are closed as failed."""
    _require_not_revoked(sub)
    session.execute(
        sa_update(WebhookDelivery)
        .where(col(WebhookDelivery.subscription_id) == sub.id, col(WebhookDelivery.status) == "pending")
        .values(status="failed", next_attempt_at=None, last_error=REVOKED_REASON)
    )
    return audit.save_changes(session, actor, sub, {"revoked_at": utcnow(), "is_active": False}, "revoke")


def rotate_secret(session: Session, actor: Actor, sub: WebhookSubscription) -> WebhookCreated:
    """A new secret at once; every later attempt (retries included) is signed with it."""
    _require_not_revoked(sub)
    secret = new_secret()
    sub = audit.save_changes(session, actor, sub, {"secret": secret}, "rotate_secret")
    return WebhookCreated(**read_subscription(session, sub).model_dump(), secret=secret)


def queue_ping(session: Session, actor: Actor, sub: WebhookSubscription) -> WebhookDelivery:
    """A test event to the subscriber's address; audited, as it sends data out on someone's request."""
    _require_not_revoked(sub)
    if not sub.is_active:
        raise Conflict("Đăng ký webhook đang tạm dừng; bật lại (is_active) trước khi gửi thử.")
    assert sub.id is not None
    event_id = str(uuid.uuid4())
    data = {"subscription_id": sub.id, "message": "Thử kết nối webhook của Thi Đua Số"}
    delivery = _queue(session, sub.id, PING, event_id, _payload(PING, event_id, sub.unit_id, data))
    session.flush()
    audit.record(session, actor, "test", delivery, None)
    session.commit()
    session.refresh(delivery)
    return delivery


def read_delivery(delivery: WebhookDelivery) -> WebhookDeliveryRead:
    return WebhookDeliveryRead.model_validate(delivery, from_attributes=True)


def list_deliveries(
    session: Session, sub: WebhookSubscription, page: PageParams, status: str | None
) -> WebhookDeliveryPage:
    query = select(WebhookDelivery).where(WebhookDelivery.subscription_id == sub.id)
    if status is not None:
        query = query.where(WebhookDelivery.status == status)
    rows, total = paginate(session, query, page, col(WebhookDelivery.id).desc())
    return page_of(WebhookDeliveryPage, [read_delivery(d) for d in rows], total, page)
