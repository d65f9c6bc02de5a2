from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    MovementsReadActor,
    MovementsWriteActor,
    Page,
    SessionDep,
)
from thidua.auth.policy import Actor
from thidua.core.ids import MAX_ID, PathId
from thidua.movements import service
from thidua.movements.models import Movement
from thidua.movements.schemas import (
    EvaluationWindowPage,
    EvaluationWindowRead,
    EvaluationWindowUpdate,
    MovementCreate,
    MovementPage,
    MovementRead,
    MovementUpdate,
)

router = APIRouter(prefix="/movements", tags=["movements"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, movement: Movement) -> MovementRead:
    return etag(movement.version, service.read_movement(session, actor, movement))


@router.get("", name="movements_list", summary="Danh sách phong trào thi đua")
def list_movements(
    actor: MovementsReadActor,
    session: SessionDep,
    page: Page,
    commune_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Chỉ phong trào của xã này (Sở GDĐT chọn xã)")
    ] = None,
) -> MovementPage:
    return service.list_movements(session, actor, page, commune_id)


@router.post(
    "",
    status_code=201,
    name="movements_create",
    summary="Tạo phong trào với các giai đoạn và nội dung thi đua",
)
def create_movement(
    body: MovementCreate, actor: MovementsWriteActor, session: SessionDep, etag: ETag
) -> MovementRead:
    return _answer(session, actor, etag, service.create_movement(session, actor, body))


@router.get("/{movement_id}", name="movements_get", summary="Xem phong trào")
def get_movement(
    movement_id: PathId, actor: MovementsReadActor, session: SessionDep, etag: ETag
) -> MovementRead:
    return _answer(session, actor, etag, service.get_movement(session, actor, movement_id))


@router.patch("/{movement_id}", name="movements_update", summary="Sửa tên, căn cứ của phong trào")
def update_movement(
    movement_id: PathId,
    body: MovementUpdate,
    actor: MovementsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> MovementRead:
    movement = if_match(service.get_movement(session, actor, movement_id))
    return _answer(session, actor, etag, service.update_movement(session, actor, movement, body))


SchoolYearPath = Annotated[str, Path(pattern=r"^20\d\d-20\d\d$", description="Năm học, ví dụ 2025-2026")]


@router.get(
    "/{movement_id}/evaluation-windows",
    name="evaluation_windows_list",
    summary="Thời gian đánh giá (chốt kết quả) của từng năm học",
)
def list_windows(
    movement_id: PathId, actor: MovementsReadActor, session: SessionDep, page: Page
) -> EvaluationWindowPage:
    movement = service.get_movement(session, actor, movement_id)
    return service.list_windows(session, actor, movement, page)


@router.get(
    "/{movement_id}/evaluation-windows/{school_year}",
    name="evaluation_windows_get",
    summary="Xem thời gian đánh giá của một năm học",
)
def get_window(
    movement_id: PathId,
    school_year: SchoolYearPath,
    actor: MovementsReadActor,
    session: SessionDep,
    etag: ETag,
) -> EvaluationWindowRead:
    movement = service.get_movement(session, actor, movement_id)
    window = service.get_window(session, movement, school_year)
    return etag(window.version, service.read_window(actor, movement, window))


@router.put(
    "/{movement_id}/evaluation-windows/{school_year}",
    name="evaluation_windows_update",
    summary="Sửa thời gian đánh giá của một năm học (mặc định 1/5 – 31/7)",
)
def update_window(
    movement_id: PathId,
    school_year: SchoolYearPath,
    body: EvaluationWindowUpdate,
    actor: MovementsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> EvaluationWindowRead:
    movement = service.get_movement(session, actor, movement_id)
    window = if_match(service.get_window(session, movement, school_year))
    window = service.update_window(session, actor, movement, window, body)
    return etag(window.version, service.read_window(actor, movement, window))
