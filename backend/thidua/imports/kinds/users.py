"""User accounts by `login`, with `roles` as a `;`-separated list and a home `unit_code`. The `password`
column sets the initial password of a new account only; it is never exported, and ignored on update."""

import re
from collections.abc import Collection, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from thidua.auth.models import User, UserRole
from thidua.auth.passwords import hash_password, password_problems
from thidua.auth.policy import Actor
from thidua.auth.roles import ROLE_LABELS_VI, UNIT_BOUND_ROLES, Permission, Role
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import FULL_NAME, Column, ExportFilters, RowKind, unit_code
from thidua.imports.lookups import UnitDirectory, UnitInfo
from thidua.imports.messages import M
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change
from thidua.units import access as units_access

T = User.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
R = UserRole.__table__  # type: ignore[attr-defined]
_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")


def _login(text: str) -> str:
    if not _LOGIN.match(text):
        raise parse.CellError(
            (
                "Tên đăng nhập gồm 3–64 chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
                "A login has 3–64 unaccented letters, digits, '.', '_' or '-'.",
            )
        )
    return text.lower()


_ROLE = parse.choice(Role, ROLE_LABELS_VI)


def _roles(text: str) -> list[Role]:
    roles = [_ROLE(part) for part in parse.listed(text)]
    if not roles:
        raise parse.CellError(M.required)
    return sorted(set(roles))


@dataclass
class UserRow:
    login: str | None
    full_name: str | None
    roles: list[Role] | None
    unit_code: str | None
    password: str
    current: dict[str, Any] | None = None  # the stored account: id, full_name, unit_id, roles
    unit: UnitInfo | None = None


class UsersKind(RowKind[UserRow]):
    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        return ()  # accounts feed no score

    name = ImportKindName.users
    family = "users"
    label_vi = "Tài khoản người dùng"
    label_en = "User accounts"
    write_permissions = (Permission.users_manage,)
    read_permission = Permission.users_manage
    chunk_size = 200
    key_column = "login"
    columns = (
        Column(
            "login",
            "code",
            "Tên đăng nhập (khóa)",
            "Login (key)",
            "huong.nt",
            required=True,
            key=True,
            aliases=("tên đăng nhập", "tài khoản", "username"),
        ),
        FULL_NAME,
        Column(
            "roles",
            "list",
            "Vai trò, cách nhau bởi dấu ;",
            "Roles separated by ;",
            "staff",
            required=True,
            choices=tuple(r.value for r in Role),
            aliases=("vai trò", "role"),
        ),
        unit_code(
            "Mã đơn vị (bắt buộc với thủ trưởng và cán bộ)",
            "Unit code (required for unit managers and staff)",
        ),
        Column(
            "password",
            "string",
            "Mật khẩu ban đầu: chỉ dùng khi tạo tài khoản, không bao giờ được xuất",
            "Initial password: used only when the account is created, never exported",
            "Doi-mat-khau-2026",
            exported=False,
            aliases=("mật khẩu",),
        ),
    )

    def read(self, ctx: ImportContext, r: RowReader) -> UserRow:
        return UserRow(
            login=r.get("login", _login),
            full_name=r.get("full_name", parse.text_of(120)),
            roles=r.get("roles", _roles),
            unit_code=r.get("unit_code", parse.code),
            password=r.text("password"),
        )

    def key(self, record: UserRow) -> Hashable:
        return record.login

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, UserRow]]) -> None:
        stored = _stored(ctx, {r.text("login").lower() for r, _ in parsed if r.text("login")})
        for _, record in parsed:
            record.current = stored.get(record.login) if record.login else None

    def check(self, ctx: ImportContext, r: RowReader, record: UserRow) -> None:
        assert record.login and record.roles is not None
        current = record.current
        _check_unit(ctx, r, record)
        if current is not None and units_access.unit_bound(ctx.actor) and not ctx.sees(current["unit_id"]):
            r.fail("login", M.not_in_scope("tài khoản", "account", record.login))
        unit = record.unit
        if unit is not None and not unit.is_active and (current is None or current["unit_id"] != unit.id):
            r.fail("unit_code", M.inactive_unit(unit.name, unit.code))
        bound = [x.value for x in record.roles if x in UNIT_BOUND_ROLES]
        if bound and unit is None and not r.problems:
            r.fail(
                "unit_code",
                (
                    f"Vai trò {', '.join(bound)} cần gắn với một đơn vị.",
                    f"Roles {', '.join(bound)} need a unit.",
                ),
            )
        _check_roles(ctx, r, record)
        if current is None and not r.problems:
            password = record.password
            problem = password_problems(password, record.login) if password else "Cần mật khẩu ban đầu."
            if problem:
                r.fail(
                    "password", (problem, "The new account needs an acceptable initial password."), value=""
                )

    def change(self, ctx: ImportContext, r: RowReader, record: UserRow) -> Change:
        assert record.roles is not None
        current = record.current
        values: dict[str, Any] = {"full_name": record.full_name}
        if r.has("unit_code") or current is None:
            values["unit_id"] = record.unit.id if record.unit else None
        changed = current is not None and (
            write.differs(current, values) or current["roles"] != _role_values(record.roles)
        )
        return Change(current is not None, values, changed)

    def create(self, ctx: ImportContext, record: UserRow, values: dict[str, Any]) -> None:
        assert record.roles is not None
        row = {
            "login": record.login,
            "password_hash": hash_password(record.password),
            "is_active": True,
            "token_version": 1,
            **values,
        }
        user_id = write.insert_versioned(ctx, T, row)
        write.insert_links(ctx, R, [{"user_id": user_id, "role": v} for v in _role_values(record.roles)])

    def update(self, ctx: ImportContext, record: UserRow, values: dict[str, Any]) -> None:
        assert record.current is not None and record.roles is not None
        current, roles = record.current, _role_values(record.roles)
        write.update_versioned(ctx, T, current["id"], values)
        if current["roles"] != roles:
            write.replace_links(
                ctx, R, "user_id", current["id"], [{"user_id": current["id"], "role": v} for v in roles]
            )
        current.update(values, roles=roles)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = UnitDirectory(conn)
        query = select(T.c.id, T.c.login, T.c.full_name, T.c.unit_id).where(T.c.is_active.is_(True))
        query = export.within(query, actor, filters, T.c.unit_id, directory.subtree)
        for batch in export.batches(conn, query, T.c.id):
            roles = _roles_of(conn, [u.id for u in batch])
            for u in batch:
                yield {
                    "login": u.login,
                    "full_name": u.full_name,
                    "roles": roles.get(u.id, []),
                    "unit_code": directory.code_of(u.unit_id) or None,
                }


def _role_values(roles: list[Role]) -> list[str]:
    return sorted(x.value for x in roles)


def _check_unit(ctx: ImportContext, r: RowReader, record: UserRow) -> None:
    """The home unit: one the caller sees; a unit-bound caller must name one for a new account."""
    unit_code, current = record.unit_code, record.current
    unit = record.unit = ctx.units.find(unit_code) if unit_code else None
    if unit_code and (unit is None or not ctx.sees(unit.id)):
        r.fail("unit_code", M.not_in_scope("đơn vị", "unit", unit_code))
    elif unit is None and units_access.unit_bound(ctx.actor) and (current is None or r.has("unit_code")):
        r.fail("unit_code", M.unit_needed)


def _check_roles(ctx: ImportContext, r: RowReader, record: UserRow) -> None:
    """Keys never touch administrators; nobody drops their own administrator role."""
    assert record.roles is not None
    current = record.current
    touches_admin = Role.admin in record.roles or (
        current is not None and Role.admin.value in current["roles"]
    )
    if ctx.actor.scopes is not None and touches_admin:
        r.fail(
            "roles",
            (
                "Khóa API không được cấp hoặc sửa tài khoản quản trị.",
                "An API key cannot grant or change administrator accounts.",
            ),
        )
    if current is not None and current["id"] == ctx.actor.id and Role.admin not in record.roles:
        r.fail(
            "roles",
            (
                "Bạn không thể tự bỏ vai trò quản trị của chính mình.",
                "You cannot remove your own administrator role.",
            ),
        )


def _roles_of(conn: Connection, user_ids: list[int]) -> dict[int, list[str]]:
    """Each user's roles, in name order."""
    roles: dict[int, list[str]] = {}
    if user_ids:
        query = select(R.c.user_id, R.c.role).where(R.c.user_id.in_(user_ids)).order_by(R.c.role)
        for role in conn.execute(query):
            roles.setdefault(role.user_id, []).append(role.role)
    return roles


def _stored(ctx: ImportContext, logins: set[str]) -> dict[str, dict[str, Any]]:
    if not logins:
        return {}
    query = select(T.c.id, T.c.login, T.c.full_name, T.c.unit_id).where(T.c.login.in_(logins))
    found = {
        u.login: {"id": u.id, "full_name": u.full_name, "unit_id": u.unit_id} for u in ctx.conn.execute(query)
    }
    roles = _roles_of(ctx.conn, [v["id"] for v in found.values()])
    for account in found.values():
        account["roles"] = roles.get(account["id"], [])
    return found
