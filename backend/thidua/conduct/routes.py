from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from thidua.api.deps import (
    ConductReadActor,
    ETag,
    ETagSetter,
    FlagsWriteActor,
    IfMatch,
    Page,
    RatingsWriteActor,
    SessionDep,
)
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.conduct import service
from thidua.conduct.models import Flag, FlagKind, StaffRating
from thidua.conduct.schemas import (
    FlagCreate,
    FlagPage,
    FlagRead,
    FlagUpdate,
    StaffRatingCreate,
    StaffRatingPage,
    StaffRatingRead,
    StaffRatingUpdate,
)
from thidua.core.ids import PathId, QueryId, UnitTreeId

ratings = APIRouter(prefix="/staff-ratings", tags=["conduct"])
flags = APIRouter(prefix="/flags", tags=["conduct"])


# --- staff ratings ---------------------------------------------------------------------------------


def _rating(session: Session, actor: Actor, etag: ETagSetter, rating: StaffRating) -> StaffRatingRead:
    return etag(rating.version, service.read_rating(session, actor, rating))


@ratings.get(
    "", name="staff_ratings_list", summary="Xếp loại đánh giá viên chức hằng năm (năm học mới nhất trước)"
)
def list_ratings(
    actor: ConductReadActor,
    session: SessionDep,
    page: Page,
    unit_id: UnitTreeId = None,
    staff_id: QueryId = None,
    school_year: SchoolYear | None = None,
) -> StaffRatingPage:
    return service.list_ratings(session, actor, service.RatingFilters(unit_id, staff_id, school_year), page)


@ratings.post(
    "", status_code=201, name="staff_ratings_create", summary="Ghi xếp loại cuối năm của một cán bộ"
)
def create_rating(
    body: StaffRatingCreate, actor: RatingsWriteActor, session: SessionDep, etag: ETag
) -> StaffRatingRead:
    return _rating(session, actor, etag, service.create_rating(session, actor, body))


@ratings.get("/{rating_id}", name="staff_ratings_get", summary="Xem một xếp loại")
def get_rating(
    rating_id: PathId, actor: ConductReadActor, session: SessionDep, etag: ETag
) -> StaffRatingRead:
    return _rating(session, actor, etag, service.get_rating(session, actor, rating_id))


@ratings.patch("/{rating_id}", name="staff_ratings_update", summary="Sửa xếp loại")
def update_rating(
    rating_id: PathId,
    body: StaffRatingUpdate,
    actor: RatingsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> StaffRatingRead:
    rating = if_match(service.get_rating(session, actor, rating_id))
    return _rating(session, actor, etag, service.update_rating(session, actor, rating, body))


@ratings.delete(
    "/{rating_id}",
    status_code=204,
    response_class=Response,
    name="staff_ratings_delete",
    summary="Xóa xếp loại ghi nhầm",
)
def delete_rating(
    rating_id: PathId, actor: RatingsWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    rating = if_match(service.get_rating(session, actor, rating_id))
    service.delete_rating(session, actor, rating)
    return Response(status_code=204)


# --- flags -----------------------------------------------------------------------------------------


def _flag(session: Session, actor: Actor, etag: ETagSetter, flag: Flag) -> FlagRead:
    return etag(flag.version, service.read_flag(session, actor, flag))


@flags.get("", name="flags_list", summary="Kỷ luật và sự cố an toàn thông tin (mới nhất trước)")
def list_flags(
    actor: ConductReadActor,
    session: SessionDep,
    page: Page,
    unit_id: UnitTreeId = None,
    staff_id: QueryId = None,
    kind: FlagKind | None = None,
    open: bool | None = Query(None, description="true: còn hiệu lực, chưa khép lại; false: đã khép lại"),
) -> FlagPage:
    filters = service.FlagFilters(unit_id, staff_id, kind.value if kind else None, open)
    return service.list_flags(session, actor, filters, page)


@flags.post(
    "", status_code=201, name="flags_create", summary="Ghi một hình thức kỷ luật hoặc sự cố an toàn thông tin"
)
def create_flag(body: FlagCreate, actor: FlagsWriteActor, session: SessionDep, etag: ETag) -> FlagRead:
    return _flag(session, actor, etag, service.create_flag(session, actor, body))


@flags.get("/{flag_id}", name="flags_get", summary="Xem một kỷ luật hoặc sự cố")
def get_flag(flag_id: PathId, actor: ConductReadActor, session: SessionDep, etag: ETag) -> FlagRead:
    return _flag(session, actor, etag, service.get_flag(session, actor, flag_id))


@flags.patch("/{flag_id}", name="flags_update", summary="Khép lại, mở lại hoặc sửa mức độ, ghi chú")
def update_flag(
    flag_id: PathId,
    body: FlagUpdate,
    actor: FlagsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> FlagRead:
    flag = if_match(service.get_flag(session, actor, flag_id))
    return _flag(session, actor, etag, service.update_flag(session, actor, flag, body))


@flags.delete(
    "/{flag_id}",
    status_code=204,
    response_class=Response,
    name="flags_delete",
    summary="Xóa kỷ luật hoặc sự cố ghi nhầm",
)
def delete_flag(flag_id: PathId, actor: FlagsWriteActor, session: SessionDep, if_match: IfMatch) -> Response:
    flag = if_match(service.get_flag(session, actor, flag_id))
    service.delete_flag(session, actor, flag)
    return Response(status_code=204)
