from fastapi import APIRouter, Query
from sqlmodel import Session

from thidua.api.deps import ETag, ETagSetter, IfMatch, Page, SessionDep, UsersManageActor
from thidua.auth.models import User
from thidua.auth.policy import Actor
from thidua.auth.roles import Role
from thidua.core.ids import PathId, QueryId
from thidua.users import service
from thidua.users.schemas import UserCreate, UserPage, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, user: User) -> UserRead:
    return etag(user.version, service.user_read(session, actor, user))


@router.get("", name="users_list", summary="Danh sách tài khoản")
def list_users(
    actor: UsersManageActor,
    session: SessionDep,
    page: Page,
    q: str | None = Query(None, max_length=100, description="Tìm theo tên đăng nhập hoặc họ tên"),
    role: Role | None = None,
    unit_id: QueryId = None,
    include_inactive: bool = False,
) -> UserPage:
    return service.list_users(session, actor, service.UserFilters(q, role, unit_id, include_inactive), page)


@router.post("", status_code=201, name="users_create", summary="Tạo tài khoản")
def create_user(body: UserCreate, actor: UsersManageActor, session: SessionDep, etag: ETag) -> UserRead:
    return _answer(session, actor, etag, service.create_user(session, actor, body))


@router.get("/{user_id}", name="users_get", summary="Xem một tài khoản")
def get_user(user_id: PathId, actor: UsersManageActor, session: SessionDep, etag: ETag) -> UserRead:
    return _answer(session, actor, etag, service.get_user(session, actor, user_id))


@router.patch("/{user_id}", name="users_update", summary="Sửa tài khoản (vai trò, đơn vị, đặt lại mật khẩu)")
def update_user(
    user_id: PathId,
    body: UserUpdate,
    actor: UsersManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> UserRead:
    user = if_match(service.get_user(session, actor, user_id))
    return _answer(session, actor, etag, service.update_user(session, actor, user, body))


@router.post(
    "/{user_id}/deactivate",
    name="users_deactivate",
    summary="Khóa tài khoản (mọi phiên đăng nhập hết hiệu lực ngay)",
)
def deactivate_user(
    user_id: PathId, actor: UsersManageActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> UserRead:
    user = if_match(service.get_user(session, actor, user_id))
    return _answer(session, actor, etag, service.set_user_active(session, actor, user, False))


@router.post("/{user_id}/activate", name="users_activate", summary="Mở khóa tài khoản")
def activate_user(
    user_id: PathId, actor: UsersManageActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> UserRead:
    user = if_match(service.get_user(session, actor, user_id))
    return _answer(session, actor, etag, service.set_user_active(session, actor, user, True))
