"""User accounts: login, roles and home unit. Managed by the admin."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, delete, select

from thidua.audit import service as audit
from thidua.audit.models import AuditEvent
from thidua.auth.models import User, UserRole
from thidua.auth.passwords import hash_password, password_problems
from thidua.auth.policy import Actor, roles_of
from thidua.auth.roles import PROVINCE_ROLES, UNIT_BOUND_ROLES, Role
from thidua.core.errors import Conflict, FieldError, Forbidden, Invalid
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row
from thidua.core.search import matches
from thidua.units.models import Unit
from thidua.users import access
from thidua.users.schemas import UserCreate, UserPage, UserRead, UserUpdate


def user_read(session: Session, actor: Actor, user: User, roles: frozenset[Role] | None = None) -> UserRead:
    assert user.id is not None
    unit = session.get(Unit, user.unit_id) if user.unit_id else None
    return from_row(
        UserRead,
        user,
        roles=sorted(roles if roles is not None else roles_of(session, user.id)),
        unit_name=unit.name if unit else None,
        allowed_actions=access.allowed_actions(actor, user),
    )


@dataclass(frozen=True)
class UserFilters:
    q: str | None = None
    role: Role | None = None
    unit_id: int | None = None
    include_inactive: bool = False


def list_users(session: Session, actor: Actor, filters: UserFilters, page: PageParams) -> UserPage:
    query = access.readable(actor)
    if filters.q:
        query = query.where(matches(filters.q, User.login, User.full_name))
    if filters.role:
        query = query.where(
            col(User.id).in_(select(UserRole.user_id).where(UserRole.role == filters.role.value))
        )
    if filters.unit_id is not None:
        query = query.where(User.unit_id == filters.unit_id)
    if not filters.include_inactive:
        query = query.where(col(User.is_active).is_(True))
    rows, total = paginate(session, query, page, User.login, User.id)
    return page_of(UserPage, [user_read(session, actor, u) for u in rows], total, page)


def get_user(session: Session, actor: Actor, user_id: int) -> User:
    return access.get_readable(session, actor, user_id)


def _check_roles_and_unit(session: Session, actor: Actor, roles: list[Role], unit_id: int | None) -> None:
    if unit_id is not None:
        unit = session.get(Unit, unit_id)
        if unit is None or not access.unit_for_account(actor, unit_id):
            raise Invalid("body.unit_id", f"Không tìm thấy đơn vị có id {unit_id}.", "not_found")
        if not unit.is_active:
            raise Invalid("body.unit_id", f"Đơn vị '{unit.name}' đã ngừng hoạt động.", "inactive")
    province = [r for r in roles if r in PROVINCE_ROLES]
    if province and not actor.province_wide:
        raise Forbidden("Chỉ quản trị cấp tỉnh mới cấp vai trò của Sở GDĐT hoặc quản trị cấp tỉnh.")
    if actor.commune_id is not None and unit_id is None and not province:
        # Behind a commune's wall every account belongs to a commune (its commune's office or a unit).
        raise Invalid("body.unit_id", "Tài khoản của xã phải gắn với một đơn vị của xã.", "missing")
    bound = [r for r in roles if r in UNIT_BOUND_ROLES]
    if bound and unit_id is None:
        raise Invalid("body.unit_id", f"Vai trò {', '.join(bound)} cần gắn với một đơn vị.", "missing")


def _check_password(password: str, login: str) -> None:
    problem = password_problems(password, login)
    if problem:
        raise Invalid("body.password", problem, "weak_password")


def _set_roles(session: Session, user_id: int, roles: list[Role]) -> None:
    session.exec(delete(UserRole).where(col(UserRole.user_id) == user_id))
    for role in sorted(set(roles)):
        session.add(UserRole(user_id=user_id, role=role.value))


def create_user(session: Session, actor: Actor, data: UserCreate) -> User:
    if session.exec(select(User.id).where(User.login == data.login)).first() is not None:
        raise Conflict(
            f"Tên đăng nhập '{data.login}' đã tồn tại.",
            errors=[FieldError(path="body.login", message="Tên đăng nhập đã được dùng.", type="duplicate")],
        )
    _check_roles_and_unit(session, actor, data.roles, data.unit_id)
    _check_password(data.password, data.login)
    user = User(
        login=data.login,
        full_name=data.full_name,
        unit_id=data.unit_id,
        password_hash=hash_password(data.password),
    )
    session.add(user)
    session.flush()
    assert user.id is not None
    _set_roles(session, user.id, data.roles)
    session.flush()
    audit.record(session, actor, "create", user, None)
    _audit_roles(session, actor, user, None, data.roles)
    session.commit()
    return user


def _audit_roles(
    session: Session, actor: Actor, user: User, before: list[str] | None, after: list[Role]
) -> None:
    session.add(
        AuditEvent(
            actor_user_id=actor.id,
            actor_login=actor.login,
            action="set_roles",
            entity_type="user_account",
            entity_id=user.id,
            before={"roles": before} if before is not None else None,
            after={"roles": sorted(r.value for r in set(after))},
        )
    )


def update_user(session: Session, actor: Actor, user: User, data: UserUpdate) -> User:
    assert user.id is not None
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    if "full_name" in changes and changes["full_name"] is None:
        raise Invalid("body.full_name", "Trường này không được để trống.", "missing")
    if "roles" in changes and changes["roles"] is None:
        raise Invalid("body.roles", "Tài khoản phải có ít nhất một vai trò.", "missing")
    current_roles = sorted(roles_of(session, user.id))
    roles = [Role(r) for r in changes.pop("roles", current_roles)]
    roles_changed = sorted(set(roles)) != current_roles
    if roles_changed and user.id == actor.id and Role.admin not in roles:
        raise Conflict(
            "Bạn không thể tự bỏ vai trò quản trị của chính mình.",
            errors=[FieldError(path="body.roles", message="Phải giữ vai trò admin.", type="self_demotion")],
        )
    # An unchanged home unit is not re-checked: a password reset must work after the unit closed.
    if roles_changed or "unit_id" in changes:
        _check_roles_and_unit(session, actor, roles, changes.get("unit_id", user.unit_id))
    password = changes.pop("password", None)
    if password is not None:
        _check_password(password, user.login)
        changes["password_hash"] = hash_password(password)
        changes["token_version"] = user.token_version + 1
    if roles_changed:
        _set_roles(session, user.id, roles)
        _audit_roles(session, actor, user, [r.value for r in current_roles], roles)
    return audit.save_changes(session, actor, user, changes, "update")


def set_user_active(session: Session, actor: Actor, user: User, active: bool) -> User:
    if not active and user.id == actor.id:
        raise Conflict("Bạn không thể tự ngừng hoạt động tài khoản của chính mình.")
    changes: dict[str, Any] = {"is_active": active}
    if not active:
        changes["token_version"] = user.token_version + 1  # sign the user out everywhere
    return audit.save_changes(session, actor, user, changes, "activate" if active else "deactivate")
