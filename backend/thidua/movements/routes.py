from fastapi import APIRouter
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
from thidua.core.ids import PathId
from thidua.movements import service
from thidua.movements.models import Movement
from thidua.movements.schemas import MovementCreate, MovementPage, MovementRead, MovementUpdate

router = APIRouter(prefix="/movements", tags=["movements"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, movement: Movement) -> MovementRead:
    return etag(movement.version, service.read_movement(session, actor, movement))


@router.get("", name="movements_list", summary="Danh sách phong trào thi đua")
def list_movements(actor: MovementsReadActor, session: SessionDep, page: Page) -> MovementPage:
    return service.list_movements(session, actor, page)


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
