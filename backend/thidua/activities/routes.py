from fastapi import APIRouter, Response
from sqlmodel import Session

from thidua.activities import service
from thidua.activities.models import Activity, ActivityKind
from thidua.activities.schemas import ActivityCreate, ActivityPage, ActivityRead, ActivityUpdate
from thidua.api.deps import (
    ActivitiesReadActor,
    ActivitiesWriteActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/activities", tags=["activities"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, activity: Activity) -> ActivityRead:
    return etag(activity.version, service.read_activity(session, actor, activity))


@router.get("", name="activities_list", summary="Nhật ký hoạt động của Phong trào (mới nhất trước)")
def list_activities(
    actor: ActivitiesReadActor,
    session: SessionDep,
    page: Page,
    unit_id: QueryId = None,
    school_year: SchoolYear | None = None,
    kind: ActivityKind | None = None,
) -> ActivityPage:
    filters = service.ActivityFilters(unit_id, school_year, kind.value if kind else None)
    return service.list_activities(session, actor, filters, page)


@router.post("", status_code=201, name="activities_create", summary="Ghi một hoạt động với danh sách tham dự")
def create_activity(
    body: ActivityCreate, actor: ActivitiesWriteActor, session: SessionDep, etag: ETag
) -> ActivityRead:
    return _answer(session, actor, etag, service.create_activity(session, actor, body))


@router.get("/{activity_id}", name="activities_get", summary="Xem một hoạt động")
def get_activity(
    activity_id: PathId, actor: ActivitiesReadActor, session: SessionDep, etag: ETag
) -> ActivityRead:
    return _answer(session, actor, etag, service.get_activity(session, actor, activity_id))


@router.patch("/{activity_id}", name="activities_update", summary="Sửa hoạt động hoặc danh sách tham dự")
def update_activity(
    activity_id: PathId,
    body: ActivityUpdate,
    actor: ActivitiesWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> ActivityRead:
    activity = if_match(service.get_activity(session, actor, activity_id))
    return _answer(session, actor, etag, service.update_activity(session, actor, activity, body))


@router.delete(
    "/{activity_id}",
    status_code=204,
    response_class=Response,
    name="activities_delete",
    summary="Xóa hoạt động ghi nhầm",
)
def delete_activity(
    activity_id: PathId, actor: ActivitiesWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    activity = if_match(service.get_activity(session, actor, activity_id))
    service.delete_activity(session, actor, activity)
    return Response(status_code=204)
