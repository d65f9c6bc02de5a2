"""What each webhook event's body holds, for the OpenAPI document's `webhooks` section (OpenAPI 3.1):
one operation per event, its body and the signature headers. tests/api/test_webhooks.py validates every
body the workflows send against these models (extra fields forbidden), so the contract stays true."""

from datetime import datetime
from functools import cache
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import APIRouter, Header
from pydantic import BaseModel, ConfigDict, Field

from thidua.webhooks.service import EVENT_LABELS_VI


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _UnitData(_Data):
    unit_code: str = Field(description="Mã đơn vị của sự kiện")
    unit_name: str = Field(description="Tên đơn vị")


class _CommuneData(_Data):
    """A commune's own event: its unit is the commune (none in a one-commune deployment, where only
    subscriptions for every unit hear it; behind a province's wall, the commune's subscriptions)."""

    unit_code: str | None = Field(default=None, description="Mã đơn vị xã (khi có)")
    unit_name: str | None = Field(default=None, description="Tên xã (khi có)")


class PlanEventData(_UnitData):
    plan_id: int
    kind: Literal["commune", "unit"] = Field(description="Kế hoạch của xã hay của đơn vị")
    movement_id: int
    status: Literal["issued", "submitted", "approved"]
    number: str | None = Field(description="Số kế hoạch")
    title: str


class AssessmentEventData(_UnitData):
    assessment_id: int
    subject_kind: Literal["unit", "individual"] = Field(description="Tập thể hay cá nhân tự đánh giá")
    staff_id: int | None
    framework_id: int
    school_year: str = Field(examples=["2025-2026"])
    status: Literal["submitted", "verified"]


class ReportEventData(_UnitData):
    report_id: int
    request_id: int
    request_title: str
    period_label: str
    school_year: str
    status: Literal["submitted"]


class ReportRequestEventData(_CommuneData):
    request_id: int
    movement_id: int
    kind: str = Field(description="quarter, semester, school_year, phase_review hoặc ad_hoc")
    title: str
    period_label: str
    school_year: str
    due_date: str = Field(description="Hạn nộp (YYYY-MM-DD)")
    unit_ids: list[int] = Field(description="Các đơn vị được yêu cầu báo cáo")


class AwardRoundEventData(_CommuneData):
    round_id: int
    movement_id: int
    kind: str = Field(description="annual, preliminary, final hoặc ad_hoc")
    name: str
    opens_on: str = Field(description="Ngày mở (YYYY-MM-DD)")
    closes_on: str = Field(description="Ngày đóng (YYYY-MM-DD)")
    award_type_codes: list[str] = Field(description="Các hình thức khen thưởng của đợt")


class NominationEventData(_UnitData):
    nomination_id: int
    round_id: int
    award_type_code: str
    level: str
    subject_kind: Literal["collective", "individual"]
    staff_id: int | None
    staff_name: str | None
    decision_id: int
    decision_number: str
    decision_date: str = Field(description="Ngày ký quyết định (YYYY-MM-DD)")
    status: Literal["decided"]


class PingData(_Data):
    subscription_id: int
    message: str


D = TypeVar("D", bound=_Data)


class WebhookEvent(BaseModel, Generic[D]):
    """The body of every delivery; `id` stays the same on every retry of one event."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Mã sự kiện (UUID), giữ nguyên khi gửi lại: dùng để bỏ bản trùng")
    event: str
    occurred_at: datetime = Field(description="Thời điểm xảy ra (UTC, ISO 8601)")
    unit_id: int | None = Field(description="Đơn vị của sự kiện")
    data: D


EVENT_DATA: dict[str, type[_Data]] = {
    "plan.issued": PlanEventData,
    "plan.submitted": PlanEventData,
    "plan.approved": PlanEventData,
    "self_assessment.submitted": AssessmentEventData,
    "self_assessment.verified": AssessmentEventData,
    "report_request.created": ReportRequestEventData,
    "report.submitted": ReportEventData,
    "award_round.created": AwardRoundEventData,
    "nomination.decided": NominationEventData,
    "ping": PingData,
}
assert set(EVENT_DATA) == set(EVENT_LABELS_VI), "document every event"

SIGNATURE = (
    'Chữ ký: `v1=<hex HMAC-SHA256(secret, X-ThiDua-Timestamp + "." + nội dung nguyên văn)>`; khóa là '
    "toàn bộ chuỗi `whsec_...` (UTF-8). So sánh bằng phép so sánh thời gian hằng; từ chối khi dấu thời "
    "gian lệch quá 5 phút. Trả lời 2xx để xác nhận; mã khác, chuyển hướng hoặc lỗi mạng sẽ được gửi lại "
    "với thời gian chờ tăng gấp đôi."
)


def _operation(event: str, body_model: type[BaseModel]) -> object:
    def receive(
        body: body_model,  # type: ignore[valid-type]
        x_thidua_event: Annotated[str, Header(alias="X-ThiDua-Event", description="Tên sự kiện")],
        x_thidua_delivery: Annotated[str, Header(alias="X-ThiDua-Delivery", description="Mã sự kiện (UUID)")],
        x_thidua_timestamp: Annotated[
            str, Header(alias="X-ThiDua-Timestamp", description="Thời điểm gửi lần này (giây Unix)")
        ],
        x_thidua_signature: Annotated[str, Header(alias="X-ThiDua-Signature", description=SIGNATURE)],
    ) -> None:
        """Documentation only: the receiver implements it."""

    return receive


@cache  # built once per process: include_router copies its routes, and each app took 25 ms to build it
def webhooks_router() -> APIRouter:
    """FastAPI puts these operations under `webhooks` in the OpenAPI document (they are not routes)."""
    router = APIRouter()
    for event, data in EVENT_DATA.items():
        body = WebhookEvent[data]  # type: ignore[valid-type]
        router.add_api_route(
            event,
            _operation(event, body),  # type: ignore[arg-type]
            methods=["POST"],
            name=f"webhook_{event.replace('.', '_')}",
            summary=EVENT_LABELS_VI[event],
            description=f"Sự kiện `{event}` gửi tới địa chỉ đã đăng ký. {SIGNATURE}",
            status_code=204,
            responses={204: {"description": "Đã nhận"}},
            tags=["integrations"],
            generate_unique_id_function=lambda route: route.name,
        )
    return router
