"""Authorization in one place.

Every route depends on exactly one policy: `allow(Permission.x)` or `PUBLIC`. A test walks the route
table and fails on a route without one. Unit-scoped callers get `Actor.visible_unit_ids`, which
`scoped()` and `get_visible()` apply to every query of unit-owned data.
"""

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy import update as sa_update
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.apikeys.models import ApiKey
from thidua.auth.models import User, UserRole
from thidua.auth.roles import (
    COMMUNE_WIDE_ROLES,
    PERMISSION_ROLES,
    PERMISSION_SCOPES,
    Permission,
    Role,
    permissions_of,
)
from thidua.auth.tokens import InvalidToken, decode_access_token
from thidua.core.errors import Forbidden, NotFound, TooManyRequests, Unauthorized
from thidua.core.models import utcnow
from thidua.db import get_session
from thidua.units.models import Unit

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

M = TypeVar("M", bound=SQLModel)


@dataclass(frozen=True)
class Actor:
    """The caller of a request, reloaded from the database every time: a signed-in user, or a service
    account calling with one of its API keys (then `scopes`, not roles, decide what it may do)."""

    user: User
    roles: frozenset[Role]
    # None: sees every unit. Otherwise the home unit and everything below it.
    visible_unit_ids: frozenset[int] | None
    scopes: frozenset[str] | None = None
    api_key_id: int | None = None

    @property
    def id(self) -> int:
        assert self.user.id is not None
        return self.user.id

    @property
    def login(self) -> str:
        return self.user.login

    def can(self, permission: Permission) -> bool:
        if self.scopes is not None:
            scope = PERMISSION_SCOPES.get(permission)
            if scope is not None and scope.startswith("*:"):
                return any(s.endswith(scope[1:]) for s in self.scopes)
            return scope in self.scopes
        return bool(self.roles & PERMISSION_ROLES[permission])

    def has_scope(self, scope: str) -> bool:
        """For what only keys name (e.g. "staff:import"); a signed-in user is checked by permission."""
        return self.scopes is not None and scope in self.scopes

    @property
    def permissions(self) -> list[Permission]:
        if self.scopes is not None:
            return [p for p in Permission if self.can(p)]
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


API_KEY_START = "tds_"
api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Khóa API của tài khoản tích hợp"
)


def _key_actor(session: Session, raw: str) -> Actor:
    """The service account behind an API key; revoked or expired keys fail at once."""
    invalid = Unauthorized("Khóa API không hợp lệ, đã bị thu hồi hoặc đã hết hạn.")
    key = session.exec(select(ApiKey).where(ApiKey.prefix == raw[4:16])).first() if len(raw) < 200 else None
    if key is None or not hmac.compare_digest(key.secret_hash, hashlib.sha256(raw.encode()).hexdigest()):
        raise invalid
    now = utcnow()
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= now):
        raise invalid
    user = session.get(User, key.user_id)
    if user is None or not user.is_active:
        raise invalid
    # A detached copy: the key's unit stands in for the account's own unit without touching the row.
    acting = User(**user.model_dump())
    if key.unit_id is not None:
        acting.unit_id = key.unit_id
    visible = descendant_unit_ids(session, key.unit_id) if key.unit_id is not None else None
    actor = Actor(
        user=acting,
        roles=frozenset({Role.integration}),
        visible_unit_ids=visible,
        scopes=frozenset(key.scopes),
        api_key_id=key.id,
    )
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        session.execute(sa_update(ApiKey).where(col(ApiKey.id) == key.id).values(last_used_at=now))
        session.commit()
    return actor


def _rate_limit(request: Request, session: Session, bucket: str) -> None:
    """Counts the request on the session's connection (committed at once, before anything is read that
    a commit would expire)."""
    limiter = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        return
    retry_after = limiter.hit(bucket, session=session)
    if retry_after is not None:
        raise TooManyRequests(
            f"Quá {limiter.per_minute} yêu cầu mỗi phút; vui lòng thử lại sau {retry_after} giây.",
            retry_after,
        )


def authenticate(request: Request, session: Session, token: str | None, api_key: str | None = None) -> Actor:
    raw_key = api_key or (token if token and token.startswith(API_KEY_START) else None)
    if raw_key:
        actor = _key_actor(session, raw_key)  # its user is a detached copy: the commit leaves it whole
        _rate_limit(request, session, f"key:{actor.api_key_id}")
        return actor
    return _user_actor(request, session, token)


def _user_actor(request: Request, session: Session, token: str | None) -> Actor:
    if not token:
        raise Unauthorized("Cần đăng nhập (thiếu mã truy cập Bearer hoặc khóa API).")
    try:
        user_id, token_version = decode_access_token(request.app.state.settings.resolved_secret_key, token)
    except InvalidToken:
        raise Unauthorized("Mã truy cập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.") from None
    # The signature vouches for the id: count the request before reading the account.
    _rate_limit(request, session, f"user:{user_id}")
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
        api_key: str | None = Depends(api_key_header),
    ) -> Actor:
        actor = authenticate(request, session, token, api_key)
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
        api_key: str | None = Depends(api_key_header),
    ) -> Actor:
        return authenticate(request, session, token, api_key)

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
