from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
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
manage = allow(Permission.webhooks_manage)

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


def _answer(session: Session, response: Response, sub: WebhookSubscription) -> WebhookRead:
    set_etag(response, sub.version)
    return service.read_subscription(session, sub)


@router.get("", response_model=WebhookPage, name="webhooks_list", summary="Các đăng ký webhook")
def list_webhooks(
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookPage:
    return service.list_subscriptions(session, page)


@router.get(
    "/events",
    response_model=WebhookEventCatalogue,
    name="webhooks_events",
    summary="Danh mục sự kiện có thể đăng ký nhận",
)
def events(actor: Actor = Depends(manage)) -> WebhookEventCatalogue:
    return service.catalogue()


@router.post(
    "",
    response_model=WebhookCreated,
    status_code=201,
    name="webhooks_create",
    summary="Đăng ký webhook (khóa ký chỉ hiện một lần)",
    description=SIGNATURE_DOC,
)
def create_webhook(
    body: WebhookCreate,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookCreated:
    allow_private = request.app.state.settings.webhook_private_addresses
    created = service.create_subscription(session, actor, body, allow_private)
    set_etag(response, created.version)
    return created


@router.get(
    "/{webhook_id}", response_model=WebhookRead, name="webhooks_get", summary="Xem một đăng ký webhook"
)
def get_webhook(
    webhook_id: PathId,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookRead:
    return _answer(session, response, service.get_subscription(session, webhook_id))


@router.patch(
    "/{webhook_id}",
    response_model=WebhookRead,
    name="webhooks_update",
    summary="Sửa tên, địa chỉ, sự kiện hoặc tạm dừng/bật lại webhook",
    openapi_extra=IF_MATCH_DOC,
)
def update_webhook(
    webhook_id: PathId,
    body: WebhookUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookRead:
    sub = service.get_subscription(session, webhook_id)
    check_if_match(request, sub.version)
    allow_private = request.app.state.settings.webhook_private_addresses
    return _answer(session, response, service.update_subscription(session, actor, sub, body, allow_private))


@router.post(
    "/{webhook_id}/revoke",
    response_model=WebhookRead,
    name="webhooks_revoke",
    summary="Thu hồi webhook (ngừng gửi ngay, các lần gửi đang chờ bị hủy)",
    openapi_extra=IF_MATCH_DOC,
)
def revoke_webhook(
    webhook_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookRead:
    sub = service.get_subscription(session, webhook_id)
    check_if_match(request, sub.version)
    return _answer(session, response, service.revoke_subscription(session, actor, sub))


@router.post(
    "/{webhook_id}/rotate-secret",
    response_model=WebhookCreated,
    name="webhooks_rotate_secret",
    summary="Đổi khóa ký (khóa mới chỉ hiện một lần, có hiệu lực ngay)",
    openapi_extra=IF_MATCH_DOC,
)
def rotate_secret(
    webhook_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookCreated:
    sub = service.get_subscription(session, webhook_id)
    check_if_match(request, sub.version)
    rotated = service.rotate_secret(session, actor, sub)
    set_etag(response, rotated.version)
    return rotated


@router.get(
    "/{webhook_id}/deliveries",
    response_model=WebhookDeliveryPage,
    name="webhooks_deliveries",
    summary="Nhật ký gửi của webhook (mới nhất trước)",
)
def deliveries(
    webhook_id: PathId,
    status: DeliveryStatus | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookDeliveryPage:
    sub = service.get_subscription(session, webhook_id)
    return service.list_deliveries(session, sub, page, status)


@router.post(
    "/{webhook_id}/test",
    response_model=WebhookDeliveryRead,
    status_code=202,
    name="webhooks_test",
    summary="Gửi thử một sự kiện ping",
)
def test_webhook(
    webhook_id: PathId,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> WebhookDeliveryRead:
    sub = service.get_subscription(session, webhook_id)
    return service.read_delivery(service.queue_ping(session, actor, sub))
