from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import MAX_ID, PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.plans import service
from thidua.plans.models import Plan
from thidua.plans.schemas import (
    BudgetLinesIn,
    PlanCreate,
    PlanPage,
    PlanRead,
    PlanUpdate,
    PlanVersionRead,
    ReturnComment,
    TrackingRow,
)

router = APIRouter(prefix="/plans", tags=["plans"])
read = allow(Permission.plans_read)
write = allow(Permission.plans_write)
review = allow(Permission.plans_review)


def _answer(session: Session, actor: Actor, response: Response, plan: Plan) -> PlanRead:
    set_etag(response, plan.version)
    return service.read_plan(session, actor, plan)


def _current(session: Session, actor: Actor, request: Request, plan_id: int) -> Plan:
    plan = service.get_plan(session, actor, plan_id)
    check_if_match(request, plan.version)
    return plan


@router.get("", response_model=PlanPage, name="plans_list", summary="Danh sách kế hoạch")
def list_plans(
    unit_id: QueryId = None,
    status: Literal["draft", "submitted", "returned", "approved", "issued"] | None = None,
    kind: Literal["commune", "unit"] | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> PlanPage:
    return service.list_plans(session, actor, service.PlanFilters(unit_id, status, kind), page)


@router.get(
    "/tracking",
    response_model=list[TrackingRow],
    name="plans_tracking",
    summary="Theo dõi kế hoạch của các cơ sở giáo dục: trạng thái và số ngày còn lại",
)
def tracking(
    movement_id: int = Query(ge=1, le=MAX_ID),
    actor: Actor = Depends(review),
    session: Session = Depends(get_session),
) -> list[TrackingRow]:
    return service.tracking(session, movement_id)


@router.post(
    "",
    response_model=PlanRead,
    status_code=201,
    name="plans_create",
    summary="Lập kế hoạch (của xã, hoặc kế hoạch thực hiện của đơn vị)",
)
def create_plan(
    body: PlanCreate,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> PlanRead:
    return _answer(session, actor, response, service.create_plan(session, actor, body))


@router.get("/{plan_id}", response_model=PlanRead, name="plans_get", summary="Xem kế hoạch")
def get_plan(
    plan_id: PathId, response: Response, actor: Actor = Depends(read), session: Session = Depends(get_session)
) -> PlanRead:
    return _answer(session, actor, response, service.get_plan(session, actor, plan_id))


@router.patch(
    "/{plan_id}",
    response_model=PlanRead,
    name="plans_update",
    summary="Sửa kế hoạch (mục tiêu, chỉ tiêu, nhiệm vụ, lộ trình) khi còn là bản nháp hoặc bị trả lại",
    openapi_extra=IF_MATCH_DOC,
)
def update_plan(
    plan_id: PathId,
    body: PlanUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> PlanRead:
    plan = _current(session, actor, request, plan_id)
    return _answer(session, actor, response, service.update_plan(session, actor, plan, body))


@router.put(
    "/{plan_id}/budget-lines",
    response_model=PlanRead,
    name="plans_set_budget",
    summary="Cập nhật dự toán kinh phí (Phòng Kinh tế, thủ trưởng đơn vị)",
    openapi_extra=IF_MATCH_DOC,
)
def set_budget(
    plan_id: PathId,
    body: BudgetLinesIn,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.plans_budget)),
    session: Session = Depends(get_session),
) -> PlanRead:
    plan = _current(session, actor, request, plan_id)
    return _answer(session, actor, response, service.set_budget(session, actor, plan, body))


@router.post(
    "/{plan_id}/submit",
    response_model=PlanRead,
    name="plans_submit",
    summary="Nộp kế hoạch",
    openapi_extra=IF_MATCH_DOC,
)
def submit(
    plan_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> PlanRead:
    return _answer(
        session, actor, response, service.submit(session, actor, _current(session, actor, request, plan_id))
    )


@router.post(
    "/{plan_id}/return",
    response_model=PlanRead,
    name="plans_return",
    summary="Trả lại kế hoạch kèm góp ý",
    openapi_extra=IF_MATCH_DOC,
)
def return_plan(
    plan_id: PathId,
    body: ReturnComment,
    request: Request,
    response: Response,
    actor: Actor = Depends(review),
    session: Session = Depends(get_session),
) -> PlanRead:
    plan = _current(session, actor, request, plan_id)
    return _answer(session, actor, response, service.return_plan(session, actor, plan, body))


@router.post(
    "/{plan_id}/approve",
    response_model=PlanRead,
    name="plans_approve",
    summary="Duyệt kế hoạch",
    openapi_extra=IF_MATCH_DOC,
)
def approve(
    plan_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(review),
    session: Session = Depends(get_session),
) -> PlanRead:
    plan = _current(session, actor, request, plan_id)
    return _answer(session, actor, response, service.approve(session, actor, plan))


@router.get(
    "/{plan_id}/versions",
    response_model=list[PlanVersionRead],
    name="plans_versions",
    summary="Các phiên bản đã nộp, trả lại, duyệt",
)
def versions(
    plan_id: PathId, actor: Actor = Depends(read), session: Session = Depends(get_session)
) -> list[PlanVersionRead]:
    return service.versions(session, service.get_plan(session, actor, plan_id))
