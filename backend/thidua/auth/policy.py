"""Authorization in one place.

Every route depends on exactly one policy: `allow(Permission.x)` or `PUBLIC`. A test walks the route
table and fails on a route without one. Unit-scoped callers get `Actor.visible_unit_ids`, which
`scoped()` and `get_visible()` apply to every query of unit-owned data.
"""

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from sqlalchemy import BindParameter, bindparam, case
from sqlalchemy import update as sa_update
from sqlalchemy.orm import aliased
from sqlmodel import Session, SQLModel, col, func, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.apikeys.models import ApiKey
from thidua.auth.models import User, UserRole
from thidua.auth.roles import (
    COMMUNE_WIDE_ROLES,
    PERMISSION_ROLES,
    PERMISSION_SCOPES,
    PROVINCE_ROLES,
    Permission,
    Role,
    permissions_of,
)
from thidua.auth.tokens import InvalidToken, decode_access_token
from thidua.core.errors import Forbidden, NotFound, TooManyRequests, Unauthorized
from thidua.core.models import utcnow
from thidua.core.sql import write_or_skip
from thidua.db import get_session
from thidua.units.models import PROVINCE_KINDS, Unit, UnitKind

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
    # Tenancy (a province deployment, more than one commune or the Department in the unit tree): the
    # caller's commune and its whole subtree. None: no wall (a one-commune deployment, or a province
    # role that reads every commune). 0: a commune account bound to no commune, which sees nothing.
    commune_id: int | None = None
    commune_unit_ids: frozenset[int] | None = None

    @property
    def commune_wide(self) -> bool:
        """The caller's reach is its whole commune (or every unit): what "commune-wide" roles have."""
        return self.visible_unit_ids is None or self.visible_unit_ids == self.commune_unit_ids

    @property
    def province_wide(self) -> bool:
        return bool(self.roles & PROVINCE_ROLES) and self.scopes is None

    def sees_commune(self, commune_id: int | None) -> bool:
        """Whether a commune-level object (a movement, a framework, a round...) of this commune is the
        caller's: every one without a wall, only its own commune's behind one."""
        return self.commune_id is None or commune_id == self.commune_id

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


def _known_roles(names: Iterable[str]) -> frozenset[Role]:
    return frozenset(Role(n) for n in names if n in Role.__members__)


def roles_of(session: Session, user_id: int) -> frozenset[Role]:
    return _known_roles(session.exec(select(UserRole.role).where(UserRole.user_id == user_id)).all())


def _walled_count() -> Any:
    """How many of the Department and the communes there are, counted up to two (enough to tell)."""
    firsts = select(Unit.id).where(col(Unit.kind).in_(PROVINCE_KINDS)).limit(2).subquery()
    return select(func.count()).select_from(firsts).scalar_subquery()


def walled(session: Session) -> bool:
    """A province deployment: the Department or more than one commune in the unit tree."""
    return int(session.exec(select(_walled_count())).one()) > 1


def _below(tree: dict[int, int | None], root_id: int) -> frozenset[int]:
    """The unit and all units below it, within an already read tree."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in tree.items():
        children.setdefault(parent, []).append(uid)
    found, frontier = {root_id}, [root_id]
    while frontier:
        frontier = [c for uid in frontier for c in children.get(uid, []) if c not in found]
        found.update(frontier)
    return frozenset(found)


def _home_commune(unit_id: Any) -> Any:
    """The commune a unit sits in (itself for a commune; the commune its row records otherwise:
    units/models.py keeps `commune_id` from the tree), as a scalar subquery."""
    home = aliased(Unit)
    return (
        select(case((col(home.kind) == UnitKind.commune.value, col(home.id)), else_=col(home.commune_id)))
        .where(home.id == unit_id)
        .scalar_subquery()
    )


def _wall(session: Session, commune_id: int | None) -> tuple[int, frozenset[int], dict[int, int | None]]:
    """The caller's commune, its units and their tree (0 and nothing outside every commune), in one
    indexed query, where walking the tree took one query per level on every request."""
    if commune_id is None:
        return 0, frozenset(), {}
    rows = session.exec(_wall_statement(), params={"commune_id": commune_id}).all()
    tree = {uid: parent for uid, parent in rows if uid is not None}
    return (commune_id, frozenset(tree), tree) if tree else (0, frozenset(), {})


@cache
def _wall_statement() -> Any:
    """Built once, bound by `commune_id` (see `_account`)."""
    commune_id: BindParameter[int] = bindparam("commune_id")
    return select(Unit.id, Unit.parent_id).where(or_(Unit.commune_id == commune_id, Unit.id == commune_id))


@dataclass(frozen=True)
class Standing:
    """What decides an account's reach besides the account row: its roles, whether the deployment has
    a wall between communes, and the commune of its home unit."""

    roles: frozenset[Role]
    walled: bool
    home_commune: int | None


def _standing_columns() -> tuple[Any, Any, Any]:
    """The three, as columns of a SELECT on the account: this runs on every request, in one statement
    with the account itself (`_user_actor`)."""
    roles = select(func.aggregate_strings(col(UserRole.role), ",")).where(UserRole.user_id == User.id)
    return roles.scalar_subquery(), _walled_count(), _home_commune(User.unit_id)


def _standing(row: Any) -> Standing:
    names, walled_count, commune = row
    return Standing(_known_roles(names.split(",") if names else []), int(walled_count) > 1, commune)


@cache
def _standing_statement() -> Any:
    """Built once, bound by `user_id` (see `_account`)."""
    return select(*_standing_columns()).where(User.id == bindparam("user_id"))


def load_actor(session: Session, user: User, standing: Standing | None = None) -> Actor:
    """The actor of an account (`standing` when the caller has read it with the account)."""
    assert user.id is not None
    if standing is None:
        standing = _standing(session.exec(_standing_statement(), params={"user_id": user.id}).one())
    roles = standing.roles
    commune_wide = roles & COMMUNE_WIDE_ROLES or (user.unit_id is None and Role.integration in roles)
    if roles & PROVINCE_ROLES:
        return Actor(user=user, roles=roles, visible_unit_ids=None)
    if standing.walled:
        commune_id, commune_units, tree = _wall(session, standing.home_commune)
        if commune_wide:
            visible: frozenset[int] | None = commune_units
        elif user.unit_id is None:
            visible = frozenset()
        elif user.unit_id in tree:
            visible = _below(tree, user.unit_id)
        else:
            visible = descendant_unit_ids(session, user.unit_id)
        return Actor(user, roles, visible, commune_id=commune_id, commune_unit_ids=commune_units)
    if commune_wide:
        visible = None
    elif user.unit_id is None:
        visible = frozenset()
    else:
        visible = descendant_unit_ids(session, user.unit_id)
    return Actor(user=user, roles=roles, visible_unit_ids=visible)


API_KEY_START = "tds_"
api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="Khóa API của tài khoản tích hợp"
)


@cache
def _key_standing() -> Any:
    """Whether there is a wall, and the commune of the unit `unit_id` (built once, see `_account`)."""
    return select(_walled_count(), _home_commune(bindparam("unit_id")))


def actor_for_key(session: Session, user: User, key: ApiKey) -> Actor:
    """The service account acting through one of its keys (also for a queued import's job)."""
    # A detached copy: the key's unit stands in for the account's own unit without touching the row.
    acting = User(**user.model_dump())
    if key.unit_id is not None:
        acting.unit_id = key.unit_id
    visible = descendant_unit_ids(session, key.unit_id) if key.unit_id is not None else None
    commune_id: int | None = None
    commune_units: frozenset[int] | None = None
    # Whether there is a wall and the home commune (None: no unit, no commune), in one statement.
    walled_count, home = session.exec(_key_standing(), params={"unit_id": acting.unit_id}).one()
    if int(walled_count) > 1:
        commune_id, commune_units, _tree = _wall(session, home)
    if visible is None and commune_units is not None:
        visible = commune_units  # a key of no unit reaches its account's commune, no further
    return Actor(
        user=acting,
        roles=frozenset({Role.integration}),
        visible_unit_ids=visible,
        scopes=frozenset(key.scopes),
        api_key_id=key.id,
        commune_id=commune_id,
        commune_unit_ids=commune_units,
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
    actor = actor_for_key(session, user, key)
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        # bookkeeping: skipped, not waited for, while another transaction holds SQLite's write lock
        write_or_skip(
            session,
            lambda conn: conn.execute(
                sa_update(ApiKey).where(col(ApiKey.id) == key.id).values(last_used_at=now)
            ),
        )
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
    row = session.exec(_account(), params={"user_id": user_id}).first()
    if row is None or not row[0].is_active or row[0].token_version != token_version:
        raise Unauthorized("Phiên đăng nhập không còn hiệu lực; vui lòng đăng nhập lại.")
    return load_actor(session, row[0], _standing(row[1:]))


@cache
def _account() -> Any:
    """The account with its standing: the statement every signed-in request runs first. Built once and
    bound by `user_id`: building it (an aliased unit, three subqueries) cost more than running it, and
    a statement kept whole also keeps its cache key."""
    return select(User, *_standing_columns()).where(User.id == bindparam("user_id"))


def warm_up_authentication(session: Session) -> None:
    """Runs the account's statement once for no account (a process's start-up, `main._warm_up`)."""
    session.exec(_account(), params={"user_id": 0}).first()


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


def commune_scoped(query: SelectOfScalar[Any], commune_column: Any, actor: Actor) -> SelectOfScalar[Any]:
    """Restrict a query of commune-level rows (movements, frameworks, rounds...) to the caller's
    commune; nothing to do without a wall."""
    if actor.commune_id is None:
        return query
    return query.where(col(commune_column) == actor.commune_id)


def commune_units_only(query: SelectOfScalar[Any], unit_column: Any, actor: Actor) -> SelectOfScalar[Any]:
    """Restrict a query of rows every unit of a commune shares (the library of materials, the schools'
    info corners) to the caller's commune; nothing to do without a wall."""
    if actor.commune_unit_ids is None:
        return query
    return query.where(col(unit_column).in_(actor.commune_unit_ids))


C = TypeVar("C")


def of_commune(actor: Actor, row: C | None) -> C | None:
    """A commune-level row a request names by id, or None when it is missing or another commune's (the
    caller then names the field, exactly as for a missing one)."""
    if row is None or not actor.sees_commune(getattr(row, "commune_id", None)):
        return None
    return row


def get_visible(session: Session, model: type[M], object_id: int, actor: Actor, label: str) -> M:
    """Fetch one unit-owned object; another unit's object is 404, exactly like a missing one."""
    obj = session.get(model, object_id)
    if obj is None or not actor.sees_unit(getattr(obj, "unit_id")):  # noqa: B009
        raise NotFound(f"Không tìm thấy {label} có id {object_id}.")
    return obj
