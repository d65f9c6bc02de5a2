from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
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
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import MAX_ID, PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

ratings = APIRouter(prefix="/staff-ratings", tags=["conduct"])
flags = APIRouter(prefix="/flags", tags=["conduct"])
read = allow(Permission.conduct_read)
write_ratings = allow(Permission.ratings_write)
write_flags = allow(Permission.flags_write)
# A unit filter that takes in the unit's subject groups.
UnitFilter = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Đơn vị (gồm cả các tổ chuyên môn trực thuộc)")
]


# --- staff ratings ---------------------------------------------------------------------------------


def _rating(session: Session, actor: Actor, response: Response, rating: StaffRating) -> StaffRatingRead:
    set_etag(response, rating.version)
    return service.read_rating(session, actor, rating)


@ratings.get(
    "",
    response_model=StaffRatingPage,
    name="staff_ratings_list",
    summary="Xếp loại đánh giá viên chức hằng năm (năm học mới nhất trước)",
)
def list_ratings(
    unit_id: UnitFilter = None,
    staff_id: QueryId = None,
    school_year: SchoolYear | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> StaffRatingPage:
    return service.list_ratings(session, actor, service.RatingFilters(unit_id, staff_id, school_year), page)


@ratings.post(
    "",
    response_model=StaffRatingRead,
    status_code=201,
    name="staff_ratings_create",
    summary="Ghi xếp loại cuối năm của một cán bộ",
)
def create_rating(
    body: StaffRatingCreate,
    response: Response,
    actor: Actor = Depends(write_ratings),
    session: Session = Depends(get_session),
) -> StaffRatingRead:
    return _rating(session, actor, response, service.create_rating(session, actor, body))


@ratings.get(
    "/{rating_id}", response_model=StaffRatingRead, name="staff_ratings_get", summary="Xem một xếp loại"
)
def get_rating(
    rating_id: PathId,
    response: Response,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> StaffRatingRead:
    return _rating(session, actor, response, service.get_rating(session, actor, rating_id))


@ratings.patch(
    "/{rating_id}",
    response_model=StaffRatingRead,
    name="staff_ratings_update",
    summary="Sửa xếp loại",
    openapi_extra=IF_MATCH_DOC,
)
def update_rating(
    rating_id: PathId,
    body: StaffRatingUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(write_ratings),
    session: Session = Depends(get_session),
) -> StaffRatingRead:
    rating = service.get_rating(session, actor, rating_id)
    check_if_match(request, rating.version)
    return _rating(session, actor, response, service.update_rating(session, actor, rating, body))


@ratings.delete(
    "/{rating_id}",
    status_code=204,
    response_class=Response,
    name="staff_ratings_delete",
    summary="Xóa xếp loại ghi nhầm",
    openapi_extra=IF_MATCH_DOC,
)
def delete_rating(
    rating_id: PathId,
    request: Request,
    actor: Actor = Depends(write_ratings),
    session: Session = Depends(get_session),
) -> Response:
    rating = service.get_rating(session, actor, rating_id)
    check_if_match(request, rating.version)
    service.delete_rating(session, actor, rating)
    return Response(status_code=204)


# --- flags -----------------------------------------------------------------------------------------


def _flag(session: Session, actor: Actor, response: Response, flag: Flag) -> FlagRead:
    set_etag(response, flag.version)
    return service.read_flag(session, actor, flag)


@flags.get(
    "",
    response_model=FlagPage,
    name="flags_list",
    summary="Kỷ luật và sự cố an toàn thông tin (mới nhất trước)",
)
def list_flags(
    unit_id: UnitFilter = None,
    staff_id: QueryId = None,
    kind: FlagKind | None = None,
    open: bool | None = Query(None, description="true: còn hiệu lực, chưa khép lại; false: đã khép lại"),
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> FlagPage:
    filters = service.FlagFilters(unit_id, staff_id, kind.value if kind else None, open)
    return service.list_flags(session, actor, filters, page)


@flags.post(
    "",
    response_model=FlagRead,
    status_code=201,
    name="flags_create",
    summary="Ghi một hình thức kỷ luật hoặc sự cố an toàn thông tin",
)
def create_flag(
    body: FlagCreate,
    response: Response,
    actor: Actor = Depends(write_flags),
    session: Session = Depends(get_session),
) -> FlagRead:
    return _flag(session, actor, response, service.create_flag(session, actor, body))


@flags.get("/{flag_id}", response_model=FlagRead, name="flags_get", summary="Xem một kỷ luật hoặc sự cố")
def get_flag(
    flag_id: PathId,
    response: Response,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> FlagRead:
    return _flag(session, actor, response, service.get_flag(session, actor, flag_id))


@flags.patch(
    "/{flag_id}",
    response_model=FlagRead,
    name="flags_update",
    summary="Khép lại, mở lại hoặc sửa mức độ, ghi chú",
    openapi_extra=IF_MATCH_DOC,
)
def update_flag(
    flag_id: PathId,
    body: FlagUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(write_flags),
    session: Session = Depends(get_session),
) -> FlagRead:
    flag = service.get_flag(session, actor, flag_id)
    check_if_match(request, flag.version)
    return _flag(session, actor, response, service.update_flag(session, actor, flag, body))


@flags.delete(
    "/{flag_id}",
    status_code=204,
    response_class=Response,
    name="flags_delete",
    summary="Xóa kỷ luật hoặc sự cố ghi nhầm",
    openapi_extra=IF_MATCH_DOC,
)
def delete_flag(
    flag_id: PathId,
    request: Request,
    actor: Actor = Depends(write_flags),
    session: Session = Depends(get_session),
) -> Response:
    flag = service.get_flag(session, actor, flag_id)
    check_if_match(request, flag.version)
    service.delete_flag(session, actor, flag)
    return Response(status_code=204)
