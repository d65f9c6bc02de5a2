from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission, Role
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.users import service
from thidua.users.schemas import UserCreate, UserPage, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])
manage = allow(Permission.users_manage)


@router.get("", response_model=UserPage, name="users_list", summary="Danh sách tài khoản")
def list_users(
    q: str | None = Query(None, max_length=100, description="Tìm theo tên đăng nhập hoặc họ tên"),
    role: Role | None = None,
    unit_id: QueryId = None,
    include_inactive: bool = False,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> UserPage:
    return service.list_users(session, service.UserFilters(q, role, unit_id, include_inactive), page)


@router.post("", response_model=UserRead, status_code=201, name="users_create", summary="Tạo tài khoản")
def create_user(
    body: UserCreate,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> UserRead:
    user = service.create_user(session, actor, body)
    set_etag(response, user.version)
    return service.user_read(session, user)


@router.get("/{user_id}", response_model=UserRead, name="users_get", summary="Xem một tài khoản")
def get_user(
    user_id: PathId,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> UserRead:
    user = service.get_user(session, user_id)
    set_etag(response, user.version)
    return service.user_read(session, user)


@router.patch(
    "/{user_id}",
    response_model=UserRead,
    name="users_update",
    summary="Sửa tài khoản (vai trò, đơn vị, đặt lại mật khẩu)",
    openapi_extra=IF_MATCH_DOC,
)
def update_user(
    user_id: PathId,
    body: UserUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> UserRead:
    user = service.get_user(session, user_id)
    check_if_match(request, user.version)
    user = service.update_user(session, actor, user, body)
    set_etag(response, user.version)
    return service.user_read(session, user)


def _set_active(
    user_id: int, active: bool, request: Request, response: Response, actor: Actor, session: Session
) -> UserRead:
    user = service.get_user(session, user_id)
    check_if_match(request, user.version)
    user = service.set_user_active(session, actor, user, active)
    set_etag(response, user.version)
    return service.user_read(session, user)


@router.post(
    "/{user_id}/deactivate",
    response_model=UserRead,
    name="users_deactivate",
    summary="Khóa tài khoản (mọi phiên đăng nhập hết hiệu lực ngay)",
    openapi_extra=IF_MATCH_DOC,
)
def deactivate_user(
    user_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> UserRead:
    return _set_active(user_id, False, request, response, actor, session)


@router.post(
    "/{user_id}/activate",
    response_model=UserRead,
    name="users_activate",
    summary="Mở khóa tài khoản",
    openapi_extra=IF_MATCH_DOC,
)
def activate_user(
    user_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(manage),
    session: Session = Depends(get_session),
) -> UserRead:
    return _set_active(user_id, True, request, response, actor, session)
