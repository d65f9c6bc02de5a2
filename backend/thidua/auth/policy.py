"""Authorization in one place.

Every route depends on exactly one policy: `allow(Permission.x)` or `PUBLIC`. A test walks the route
table and fails on a route without one. Unit-scoped callers get `Actor.visible_unit_ids`, which
`scoped()` and `get_visible()` apply to every query of unit-owned data.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.models import User, UserRole
from thidua.auth.roles import COMMUNE_WIDE_ROLES, PERMISSION_ROLES, Permission, Role, permissions_of
from thidua.auth.tokens import InvalidToken, decode_access_token
from thidua.core.errors import Forbidden, NotFound, Unauthorized
from thidua.db import get_session
from thidua.units.models import Unit

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

M = TypeVar("M", bound=SQLModel)


@dataclass(frozen=True)
class Actor:
    """The caller of a request, reloaded from the database every time."""

    user: User
    roles: frozenset[Role]
    # None: sees every unit. Otherwise the home unit and everything below it.
    visible_unit_ids: frozenset[int] | None

    @property
    def id(self) -> int:
        assert self.user.id is not None
        return self.user.id

    @property
    def login(self) -> str:
        return self.user.login

    def can(self, permission: Permission) -> bool:
        return bool(self.roles & PERMISSION_ROLES[permission])

    @property
    def permissions(self) -> list[Permission]:
        return permissions_of(self.roles)

    def sees_unit(self, unit_id: int | None) -> bool:
        return self.visible_unit_ids is None or unit_id in self.visible_unit_ids


def descendant_unit_ids(session: Session, root_id: int) -> frozenset[int]:
    """The unit and all units below it (walks the hierarchy level by level)."""
    found = {root_id}
    frontier = [root_id]
    while frontier:
        children = session.exec(select(Unit.id).where(col(Unit.parent_id).in_(frontier))).all()
        frontier = [c for c in children if c is not None and c not in found]
        found.update(frontier)
    return frozenset(found)


def roles_of(session: Session, user_id: int) -> frozenset[Role]:
    names = session.exec(select(UserRole.role).where(UserRole.user_id == user_id)).all()
    return frozenset(Role(n) for n in names if n in Role.__members__)


def load_actor(session: Session, user: User) -> Actor:
    assert user.id is not None
    roles = roles_of(session, user.id)
    if roles & COMMUNE_WIDE_ROLES or (user.unit_id is None and Role.integration in roles):
        visible: frozenset[int] | None = None
    elif user.unit_id is None:
        visible = frozenset()
    else:
        visible = descendant_unit_ids(session, user.unit_id)
    return Actor(user=user, roles=roles, visible_unit_ids=visible)


def authenticate(request: Request, session: Session, token: str | None) -> Actor:
    if not token:
        raise Unauthorized("Cần đăng nhập (thiếu mã truy cập Bearer).")
    try:
        user_id, token_version = decode_access_token(request.app.state.settings.resolved_secret_key, token)
    except InvalidToken:
        raise Unauthorized("Mã truy cập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.") from None
    user = session.get(User, user_id)
    if user is None or not user.is_active or user.token_version != token_version:
        raise Unauthorized("Phiên đăng nhập không còn hiệu lực; vui lòng đăng nhập lại.")
    return load_actor(session, user)


class Policy:
    """A route dependency: authenticates the caller and checks one permission."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    def __call__(
        self,
        request: Request,
        session: Session = Depends(get_session),
        token: str | None = Depends(oauth2_scheme),
    ) -> Actor:
        actor = authenticate(request, session, token)
        if not actor.can(self.permission):
            raise Forbidden("Tài khoản của bạn không có quyền thực hiện thao tác này.")
        return actor

    def __repr__(self) -> str:
        return f"allow({self.permission.value})"


class AuthenticatedPolicy(Policy):
    """Any signed-in user (e.g. reading or changing one's own account)."""

    def __init__(self) -> None:
        pass

    def __call__(
        self,
        request: Request,
        session: Session = Depends(get_session),
        token: str | None = Depends(oauth2_scheme),
    ) -> Actor:
        return authenticate(request, session, token)

    def __repr__(self) -> str:
        return "authenticated"


class PublicPolicy:
    """Declares a route open to anyone (health, login)."""

    def __call__(self) -> None:
        return None

    def __repr__(self) -> str:
        return "public"


_policies: dict[Permission, Policy] = {}


def allow(permission: Permission) -> Policy:
    return _policies.setdefault(permission, Policy(permission))


AUTHENTICATED = AuthenticatedPolicy()
PUBLIC = PublicPolicy()


def scoped(query: SelectOfScalar[Any], unit_column: Any, actor: Actor) -> SelectOfScalar[Any]:
    """Restrict a query of unit-owned rows to what the caller may see."""
    if actor.visible_unit_ids is None:
        return query
    return query.where(col(unit_column).in_(actor.visible_unit_ids))


def get_visible(session: Session, model: type[M], object_id: int, actor: Actor, label: str) -> M:
    """Fetch one unit-owned object; another unit's object is 404, exactly like a missing one."""
    obj = session.get(model, object_id)
    if obj is None or not actor.sees_unit(getattr(obj, "unit_id")):  # noqa: B009
        raise NotFound(f"Không tìm thấy {label} có id {object_id}.")
    return obj
