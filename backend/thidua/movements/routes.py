from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.movements import service
from thidua.movements.schemas import MovementCreate, MovementPage, MovementRead, MovementUpdate

router = APIRouter(prefix="/movements", tags=["movements"])


@router.get("", response_model=MovementPage, name="movements_list", summary="Danh sách phong trào thi đua")
def list_movements(
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(allow(Permission.movements_read)),
    session: Session = Depends(get_session),
) -> MovementPage:
    return service.list_movements(session, actor, page)


@router.post(
    "",
    response_model=MovementRead,
    status_code=201,
    name="movements_create",
    summary="Tạo phong trào với các giai đoạn và nội dung thi đua",
)
def create_movement(
    body: MovementCreate,
    response: Response,
    actor: Actor = Depends(allow(Permission.movements_write)),
    session: Session = Depends(get_session),
) -> MovementRead:
    movement = service.create_movement(session, actor, body)
    set_etag(response, movement.version)
    return service.read_movement(session, actor, movement)


@router.get("/{movement_id}", response_model=MovementRead, name="movements_get", summary="Xem phong trào")
def get_movement(
    movement_id: PathId,
    response: Response,
    actor: Actor = Depends(allow(Permission.movements_read)),
    session: Session = Depends(get_session),
) -> MovementRead:
    movement = service.get_movement(session, movement_id)
    set_etag(response, movement.version)
    return service.read_movement(session, actor, movement)


@router.patch(
    "/{movement_id}",
    response_model=MovementRead,
    name="movements_update",
    summary="Sửa tên, căn cứ của phong trào",
    openapi_extra=IF_MATCH_DOC,
)
def update_movement(
    movement_id: PathId,
    body: MovementUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.movements_write)),
    session: Session = Depends(get_session),
) -> MovementRead:
    movement = service.get_movement(session, movement_id)
    check_if_match(request, movement.version)
    movement = service.update_movement(session, actor, movement, body)
    set_etag(response, movement.version)
    return service.read_movement(session, actor, movement)
