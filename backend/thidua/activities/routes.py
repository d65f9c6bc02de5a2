from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from thidua.activities import service
from thidua.activities.models import Activity, ActivityKind
from thidua.activities.schemas import ActivityCreate, ActivityPage, ActivityRead, ActivityUpdate
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

router = APIRouter(prefix="/activities", tags=["activities"])
read = allow(Permission.activities_read)
write = allow(Permission.activities_write)


def _answer(session: Session, actor: Actor, response: Response, activity: Activity) -> ActivityRead:
    set_etag(response, activity.version)
    return service.read_activity(session, actor, activity)


@router.get(
    "",
    response_model=ActivityPage,
    name="activities_list",
    summary="Nhật ký hoạt động của Phong trào (mới nhất trước)",
)
def list_activities(
    unit_id: QueryId = None,
    school_year: SchoolYear | None = None,
    kind: ActivityKind | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> ActivityPage:
    filters = service.ActivityFilters(unit_id, school_year, kind.value if kind else None)
    return service.list_activities(session, actor, filters, page)


@router.post(
    "",
    response_model=ActivityRead,
    status_code=201,
    name="activities_create",
    summary="Ghi một hoạt động với danh sách tham dự",
)
def create_activity(
    body: ActivityCreate,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> ActivityRead:
    return _answer(session, actor, response, service.create_activity(session, actor, body))


@router.get("/{activity_id}", response_model=ActivityRead, name="activities_get", summary="Xem một hoạt động")
def get_activity(
    activity_id: PathId,
    response: Response,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> ActivityRead:
    return _answer(session, actor, response, service.get_activity(session, actor, activity_id))


@router.patch(
    "/{activity_id}",
    response_model=ActivityRead,
    name="activities_update",
    summary="Sửa hoạt động hoặc danh sách tham dự",
    openapi_extra=IF_MATCH_DOC,
)
def update_activity(
    activity_id: PathId,
    body: ActivityUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> ActivityRead:
    activity = service.get_activity(session, actor, activity_id)
    check_if_match(request, activity.version)
    return _answer(session, actor, response, service.update_activity(session, actor, activity, body))


@router.delete(
    "/{activity_id}",
    status_code=204,
    response_class=Response,
    name="activities_delete",
    summary="Xóa hoạt động ghi nhầm",
    openapi_extra=IF_MATCH_DOC,
)
def delete_activity(
    activity_id: PathId,
    request: Request,
    actor: Actor = Depends(write),
    session: Session = Depends(get_session),
) -> Response:
    activity = service.get_activity(session, actor, activity_id)
    check_if_match(request, activity.version)
    service.delete_activity(session, actor, activity)
    return Response(status_code=204)
