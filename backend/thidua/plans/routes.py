from typing import Annotated, Literal

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    PlansBudgetActor,
    PlansReadActor,
    PlansReviewActor,
    PlansTrackActor,
    PlansWriteActor,
    SessionDep,
)
from thidua.api.files import stored_file
from thidua.auth.policy import Actor
from thidua.core.errors import NotFound
from thidua.core.ids import MAX_ID, PathId, QueryId
from thidua.plans import service
from thidua.plans.models import Plan
from thidua.plans.schemas import (
    AdjustmentIn,
    BudgetLinesIn,
    DispatchRead,
    PlanCreate,
    PlanIssue,
    PlanPage,
    PlanRead,
    PlanUpdate,
    PlanVersionRead,
    ReceiptRecord,
    ReturnComment,
    TaskProgress,
    TrackingRow,
)

router = APIRouter(prefix="/plans", tags=["plans"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, plan: Plan) -> PlanRead:
    return etag(plan.version, service.read_plan(session, actor, plan))


@router.get("", name="plans_list", summary="Danh sách kế hoạch")
def list_plans(
    actor: PlansReadActor,
    session: SessionDep,
    page: Page,
    unit_id: QueryId = None,
    status: Literal["draft", "submitted", "returned", "approved", "issued"] | None = None,
    kind: Literal["commune", "unit"] | None = None,
) -> PlanPage:
    return service.list_plans(session, actor, service.PlanFilters(unit_id, status, kind), page)


@router.get(
    "/tracking",
    name="plans_tracking",
    summary="Theo dõi kế hoạch của các cơ sở giáo dục: trạng thái và số ngày còn lại",
    description=(
        "Các trường của xã có phong trào `movement_id`. Sở GDĐT chọn phong trào của xã cần xem; "
        "phong trào của xã khác với người dùng cấp xã là 404, như phong trào không có."
    ),
)
def tracking(
    movement_id: Annotated[int, Query(ge=1, le=MAX_ID, description="Phong trào (của xã cần xem)")],
    actor: PlansTrackActor,
    session: SessionDep,
) -> list[TrackingRow]:
    return service.tracking(session, actor, movement_id)


@router.post(
    "",
    status_code=201,
    name="plans_create",
    summary="Lập kế hoạch (của xã, hoặc kế hoạch thực hiện của đơn vị)",
)
def create_plan(body: PlanCreate, actor: PlansWriteActor, session: SessionDep, etag: ETag) -> PlanRead:
    return _answer(session, actor, etag, service.create_plan(session, actor, body))


@router.get("/{plan_id}", name="plans_get", summary="Xem kế hoạch")
def get_plan(plan_id: PathId, actor: PlansReadActor, session: SessionDep, etag: ETag) -> PlanRead:
    return _answer(session, actor, etag, service.get_plan(session, actor, plan_id))


@router.patch(
    "/{plan_id}",
    name="plans_update",
    summary="Sửa kế hoạch (mục tiêu, chỉ tiêu, nhiệm vụ, lộ trình) khi còn là bản nháp hoặc bị trả lại",
)
def update_plan(
    plan_id: PathId,
    body: PlanUpdate,
    actor: PlansWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.update_plan(session, actor, plan, body))


@router.put(
    "/{plan_id}/budget-lines",
    name="plans_set_budget",
    summary="Cập nhật dự toán kinh phí (Phòng Kinh tế, thủ trưởng đơn vị)",
)
def set_budget(
    plan_id: PathId,
    body: BudgetLinesIn,
    actor: PlansBudgetActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.set_budget(session, actor, plan, body))


@router.post("/{plan_id}/submit", name="plans_submit", summary="Nộp kế hoạch")
def submit(
    plan_id: PathId, actor: PlansWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.submit(session, actor, plan))


@router.post("/{plan_id}/return", name="plans_return", summary="Trả lại kế hoạch kèm góp ý")
def return_plan(
    plan_id: PathId,
    body: ReturnComment,
    actor: PlansReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.return_plan(session, actor, plan, body))


@router.post("/{plan_id}/approve", name="plans_approve", summary="Duyệt kế hoạch")
def approve(
    plan_id: PathId, actor: PlansReviewActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.approve(session, actor, plan))


@router.get("/{plan_id}/versions", name="plans_versions", summary="Các phiên bản đã nộp, trả lại, duyệt")
def versions(plan_id: PathId, actor: PlansReadActor, session: SessionDep) -> list[PlanVersionRead]:
    return service.versions(session, service.get_plan(session, actor, plan_id))


@router.post(
    "/{plan_id}/issue",
    name="plans_issue",
    summary="Ban hành kế hoạch của xã (số, ngày, người ký) và gửi đến từng cơ sở giáo dục",
)
def issue(
    plan_id: PathId,
    body: PlanIssue,
    actor: PlansReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.issue(session, actor, plan, body))


@router.post(
    "/{plan_id}/scan",
    name="plans_upload_scan",
    summary="Tải lên bản quét kế hoạch của xã đã ký, đóng dấu (PDF, PNG hoặc JPEG, tối đa 10 MB)",
)
def upload_scan(
    plan_id: PathId,
    request: Request,
    file: Annotated[UploadFile, File(description="Bản quét kế hoạch đã ký")],
    actor: PlansReviewActor,
    session: SessionDep,
    etag: ETag,
) -> PlanRead:
    plan = service.get_plan(session, actor, plan_id)
    return _answer(
        session, actor, etag, service.attach_scan(session, actor, plan, file, request.app.state.storage)
    )


@router.get(
    "/{plan_id}/scan",
    response_class=StreamingResponse,
    name="plans_download_scan",
    summary="Tải bản quét kế hoạch của xã đã ký",
    responses={
        200: {
            "content": {"application/pdf": {}, "image/png": {}, "image/jpeg": {}},
            "description": "Bản quét",
        }
    },
)
def download_scan(
    plan_id: PathId, request: Request, actor: PlansReadActor, session: SessionDep
) -> StreamingResponse:
    plan = service.get_plan(session, actor, plan_id)
    if not plan.scan_sha256:
        raise NotFound("Kế hoạch chưa có bản quét đã ký.")
    return stored_file(
        request.app.state.storage,
        service.scan_key(plan),
        filename=plan.scan_filename or "ke-hoach.pdf",
        media_type=plan.scan_content_type or "application/pdf",
        size=plan.scan_size_bytes or 0,
        missing="Bản quét kế hoạch không còn trên máy chủ.",
        plain_stem="ke-hoach",
    )


@router.get(
    "/{plan_id}/dispatches",
    name="plans_dispatches",
    summary="Kế hoạch của xã đã gửi đến đâu, đơn vị nào đã nhận",
)
def dispatches(plan_id: PathId, actor: PlansReadActor, session: SessionDep) -> list[DispatchRead]:
    return service.dispatches(session, actor, service.get_plan(session, actor, plan_id))


@router.post(
    "/{plan_id}/acknowledge",
    name="plans_acknowledge",
    summary="Thủ trưởng đơn vị xác nhận đã nhận kế hoạch của xã (ngày nhận là ngày của hệ thống)",
)
def acknowledge(plan_id: PathId, actor: PlansWriteActor, session: SessionDep) -> list[DispatchRead]:
    plan = service.get_plan(session, actor, plan_id)
    service.acknowledge(session, actor, plan)
    return service.dispatches(session, actor, plan)


@router.put(
    "/{plan_id}/dispatches/{unit_id}/receipt",
    name="plans_record_receipt",
    summary="Ghi nhận (hoặc đính chính, kèm lý do) ngày đến và số đến từ hệ thống quản lý văn bản",
)
def record_receipt(
    plan_id: PathId, unit_id: PathId, body: ReceiptRecord, actor: PlansReviewActor, session: SessionDep
) -> list[DispatchRead]:
    plan = service.get_plan(session, actor, plan_id)
    service.record_receipt(session, actor, plan, unit_id, body)
    return service.dispatches(session, actor, plan)


@router.put(
    "/{plan_id}/tasks/{task_index}/progress",
    name="plans_task_progress",
    summary="Cập nhật tiến độ một nhiệm vụ của kế hoạch đã duyệt (thủ trưởng đơn vị)",
)
def task_progress(
    plan_id: PathId,
    task_index: Annotated[int, Path(ge=0, le=499, description="Số thứ tự nhiệm vụ, từ 0")],
    body: TaskProgress,
    actor: PlansWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.update_progress(session, actor, plan, task_index, body))


@router.post(
    "/{plan_id}/adjustments",
    name="plans_adjust",
    summary="Gửi bản điều chỉnh, bổ sung kế hoạch đã duyệt (kèm lý do)",
)
def adjust(
    plan_id: PathId,
    body: AdjustmentIn,
    actor: PlansWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.submit_adjustment(session, actor, plan, body))


@router.post(
    "/{plan_id}/adjustments/approve",
    name="plans_approve_adjustment",
    summary="Duyệt bản điều chỉnh: bản điều chỉnh thay bản đã duyệt",
)
def approve_adjustment(
    plan_id: PathId, actor: PlansReviewActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.review_adjustment(session, actor, plan, True, None))


@router.post(
    "/{plan_id}/adjustments/return",
    name="plans_return_adjustment",
    summary="Trả lại bản điều chỉnh kèm góp ý: bản đã duyệt giữ nguyên hiệu lực",
)
def return_adjustment(
    plan_id: PathId,
    body: ReturnComment,
    actor: PlansReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> PlanRead:
    plan = if_match(service.get_plan(session, actor, plan_id))
    return _answer(session, actor, etag, service.review_adjustment(session, actor, plan, False, body.comment))
