from fastapi import APIRouter, Request
from sqlmodel import Session

from thidua.api.deps import ETag, ETagSetter, IfMatch, Page, SessionDep, WebhooksManageActor
from thidua.core.ids import PathId
from thidua.webhooks import service
from thidua.webhooks.models import WebhookSubscription
from thidua.webhooks.schemas import (
    DeliveryStatus,
    WebhookCreate,
    WebhookCreated,
    WebhookDeliveryPage,
    WebhookDeliveryRead,
    WebhookEventCatalogue,
    WebhookPage,
    WebhookRead,
    WebhookUpdate,
)

router = APIRouter(prefix="/webhooks", tags=["integrations"])

SIGNATURE_DOC = """Đăng ký một địa chỉ nhận sự kiện. Khóa ký `secret` (dạng `whsec_...`) chỉ hiện **một lần**
trong câu trả lời này.

Mỗi sự kiện được gửi bằng `POST` nội dung JSON `{"id", "event", "occurred_at", "unit_id", "data"}`
với các tiêu đề:

- `X-ThiDua-Event`: tên sự kiện, ví dụ `plan.submitted`
- `X-ThiDua-Delivery`: mã sự kiện (UUID), giữ nguyên khi gửi lại: dùng để bỏ bản trùng
- `X-ThiDua-Timestamp`: thời điểm gửi (giây Unix)
- `X-ThiDua-Signature`: `v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>`

Bên nhận kiểm tra chữ ký như sau:

1. Lấy nguyên văn nội dung (bytes) trước khi phân tích JSON.
2. Tính HMAC-SHA256 với khóa là `secret` (UTF-8) trên chuỗi `timestamp + "." + body`.
3. So sánh với giá trị sau `v1=` bằng phép so sánh thời gian hằng (ví dụ `hmac.compare_digest`).
4. Từ chối khi `X-ThiDua-Timestamp` lệch quá 5 phút so với đồng hồ của mình (chống gửi lại).

Trả lời 2xx trong thời hạn chờ để xác nhận đã nhận. Mã khác, chuyển hướng (không được theo) hoặc lỗi
mạng được coi là thất bại và sẽ gửi lại với thời gian chờ tăng gấp đôi mỗi lần, đến số lần tối đa thì
đánh dấu thất bại. Sự kiện có thể đến hơn một lần. Chỉ chấp nhận địa chỉ http:// hoặc https:// không
kèm tên đăng nhập, mật khẩu."""


def _answer(session: Session, etag: ETagSetter, sub: WebhookSubscription) -> WebhookRead:
    return etag(sub.version, service.read_subscription(session, sub))


@router.get("", name="webhooks_list", summary="Các đăng ký webhook")
def list_webhooks(actor: WebhooksManageActor, session: SessionDep, page: Page) -> WebhookPage:
    return service.list_subscriptions(session, actor, page)


@router.get("/events", name="webhooks_events", summary="Danh mục sự kiện có thể đăng ký nhận")
def events(actor: WebhooksManageActor) -> WebhookEventCatalogue:
    return service.catalogue()


@router.post(
    "",
    status_code=201,
    name="webhooks_create",
    summary="Đăng ký webhook (khóa ký chỉ hiện một lần)",
    description=SIGNATURE_DOC,
)
def create_webhook(
    body: WebhookCreate, request: Request, actor: WebhooksManageActor, session: SessionDep, etag: ETag
) -> WebhookCreated:
    allow_private = request.app.state.settings.webhook_private_addresses
    created = service.create_subscription(session, actor, body, allow_private)
    return etag(created.version, created)


@router.get("/{webhook_id}", name="webhooks_get", summary="Xem một đăng ký webhook")
def get_webhook(
    webhook_id: PathId, actor: WebhooksManageActor, session: SessionDep, etag: ETag
) -> WebhookRead:
    return _answer(session, etag, service.get_subscription(session, actor, webhook_id))


@router.patch(
    "/{webhook_id}", name="webhooks_update", summary="Sửa tên, địa chỉ, sự kiện hoặc tạm dừng/bật lại webhook"
)
def update_webhook(
    webhook_id: PathId,
    body: WebhookUpdate,
    request: Request,
    actor: WebhooksManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> WebhookRead:
    sub = if_match(service.get_subscription(session, actor, webhook_id))
    allow_private = request.app.state.settings.webhook_private_addresses
    return _answer(session, etag, service.update_subscription(session, actor, sub, body, allow_private))


@router.post(
    "/{webhook_id}/revoke",
    name="webhooks_revoke",
    summary="Thu hồi webhook (ngừng gửi ngay, các lần gửi đang chờ bị hủy)",
)
def revoke_webhook(
    webhook_id: PathId, actor: WebhooksManageActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> WebhookRead:
    sub = if_match(service.get_subscription(session, actor, webhook_id))
    return _answer(session, etag, service.revoke_subscription(session, actor, sub))


@router.post(
    "/{webhook_id}/rotate-secret",
    name="webhooks_rotate_secret",
    summary="Đổi khóa ký (khóa mới chỉ hiện một lần, có hiệu lực ngay)",
)
def rotate_secret(
    webhook_id: PathId, actor: WebhooksManageActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> WebhookCreated:
    sub = if_match(service.get_subscription(session, actor, webhook_id))
    rotated = service.rotate_secret(session, actor, sub)
    return etag(rotated.version, rotated)


@router.get(
    "/{webhook_id}/deliveries", name="webhooks_deliveries", summary="Nhật ký gửi của webhook (mới nhất trước)"
)
def deliveries(
    webhook_id: PathId,
    actor: WebhooksManageActor,
    session: SessionDep,
    page: Page,
    status: DeliveryStatus | None = None,
) -> WebhookDeliveryPage:
    sub = service.get_subscription(session, actor, webhook_id)
    return service.list_deliveries(session, sub, page, status)


@router.post("/{webhook_id}/test", status_code=202, name="webhooks_test", summary="Gửi thử một sự kiện ping")
def test_webhook(webhook_id: PathId, actor: WebhooksManageActor, session: SessionDep) -> WebhookDeliveryRead:
    sub = service.get_subscription(session, actor, webhook_id)
    return service.read_delivery(service.queue_ping(session, actor, sub))
