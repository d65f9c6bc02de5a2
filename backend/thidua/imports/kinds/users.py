"""User accounts by `login`, with `roles` as a `;`-separated list and a home `unit_code`. The `password`
column sets the initial password of a new account only; it is never exported, and ignored on update."""

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from thidua.auth.models import User, UserRole
from thidua.auth.passwords import hash_password, password_problems
from thidua.auth.policy import Actor
from thidua.auth.roles import ROLE_LABELS_VI, UNIT_BOUND_ROLES, Permission, Role
from thidua.imports.kinds import base
from thidua.imports.kinds.base import EXPORT_BATCH, Column, ExportFilters, ImportContext, ImportKind, M, Row
from thidua.imports.schemas import ImportKindName

T = User.__table__  # type: ignore[attr-defined]
R = UserRole.__table__  # type: ignore[attr-defined]
_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$")


def _login(text: str) -> str:
    if not _LOGIN.match(text):
        raise base.CellError(
            (
                "Tên đăng nhập gồm 3–64 chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang.",
                "A login has 3–64 unaccented letters, digits, '.', '_' or '-'.",
            )
        )
    return text.lower()


_ROLE = base.choice(Role, ROLE_LABELS_VI)


def _roles(text: str) -> list[Role]:
    roles = [_ROLE(part) for part in base.listed(text)]
    if not roles:
        raise base.CellError(M.required)
    return sorted(set(roles))


class UsersKind(ImportKind):
    name = ImportKindName.users
    family = "users"
    label_vi = "Tài khoản người dùng"
    label_en = "User accounts"
    write_permissions = (Permission.users_manage,)
    read_permission = Permission.users_manage
    chunk_size = 200
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
        Column(
            "full_name",
            "string",
            "Họ và tên",
            "Full name",
            "Nguyễn Thị Hương",
            required=True,
            aliases=("họ và tên", "họ tên", "name"),
        ),
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
        Column(
            "unit_code",
            "code",
            "Mã đơn vị (bắt buộc với thủ trưởng và cán bộ)",
            "Unit code (required for unit managers and staff)",
            "THCS-TT",
            aliases=("mã đơn vị", "đơn vị"),
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

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        seen: dict[str, int] = ctx.state.setdefault("seen", {})
        logins = {c.get("login", "").lower() for _, c in rows if c.get("login")}
        existing = self._existing(ctx, logins)
        from_key = ctx.actor.scopes is not None
        for number, cells in rows:
            r = self.reader(number, cells)
            login = r.get("login", _login)
            full_name = r.get("full_name", base.text_of(120))
            roles = r.get("roles", _roles)
            unit_code = r.get("unit_code", base.code)
            password = r.text("password")
            if login and not r.problems:
                if login in seen:
                    r.fail("login", M.duplicate)
                seen[login] = number
            if ctx.reject_reader(r):
                continue
            assert login and full_name and roles is not None
            current = existing.get(login)
            unit = ctx.units.find(unit_code) if unit_code else None
            if unit_code and (unit is None or not ctx.sees(unit.id)):
                r.fail("unit_code", M.not_in_scope("đơn vị", "unit", unit_code))
            elif (
                unit is None
                and ctx.actor.visible_unit_ids is not None
                and (current is None or r.has("unit_code"))
            ):
                r.fail("unit_code", M.unit_needed)
            if (
                current is not None
                and ctx.actor.visible_unit_ids is not None
                and not ctx.sees(current["unit_id"])
            ):
                r.fail("login", M.not_in_scope("tài khoản", "account", login))
            unit_id = unit.id if unit else None
            if unit is not None and not unit.is_active and (current is None or current["unit_id"] != unit_id):
                r.fail(
                    "unit_code",
                    (f"Đơn vị '{unit.name}' đã ngừng hoạt động.", f"Unit '{unit.code}' is inactive."),
                )
            bound = [x.value for x in roles if x in UNIT_BOUND_ROLES]
            if bound and unit_id is None and not r.problems:
                r.fail(
                    "unit_code",
                    (
                        f"Vai trò {', '.join(bound)} cần gắn với một đơn vị.",
                        f"Roles {', '.join(bound)} need a unit.",
                    ),
                )
            touches_admin = Role.admin in roles or (
                current is not None and Role.admin.value in current["roles"]
            )
            if from_key and touches_admin:
                r.fail(
                    "roles",
                    (
                        "Khóa API không được cấp hoặc sửa tài khoản quản trị.",
                        "An API key cannot grant or change administrator accounts.",
                    ),
                )
            if current is not None and current["id"] == ctx.actor.id and Role.admin not in roles:
                r.fail(
                    "roles",
                    (
                        "Bạn không thể tự bỏ vai trò quản trị của chính mình.",
                        "You cannot remove your own administrator role.",
                    ),
                )
            if current is None and not r.problems:
                problem = password_problems(password, login) if password else "Cần mật khẩu ban đầu."
                if problem:
                    r.fail(
                        "password",
                        (problem, "The new account needs an acceptable initial password."),
                        value="",
                    )
            if ctx.reject_reader(r):
                continue
            role_values = sorted(x.value for x in roles)
            values: dict[str, Any] = {"full_name": full_name}
            if r.has("unit_code") or current is None:
                values["unit_id"] = unit_id
            changed = current is not None and (
                any(current[k] != v for k, v in values.items()) or current["roles"] != role_values
            )
            outcome = ctx.decide(r, current is not None, changed, "login")
            if outcome is None:
                continue
            if outcome == "create":
                row = base.new_versioned(
                    ctx.now,
                    {
                        "login": login,
                        "password_hash": hash_password(password),
                        "is_active": True,
                        "token_version": 1,
                        **values,
                    },
                )
                user_id = ctx.conn.execute(insert(T).values(**row)).inserted_primary_key[0]  # type: ignore[index]
                ctx.conn.execute(insert(R), [{"user_id": user_id, "role": v} for v in role_values])
                existing[login] = {"id": user_id, "roles": role_values, **values}
            elif outcome == "update":
                assert current is not None
                ctx.conn.execute(
                    update(T)
                    .where(T.c.id == current["id"])
                    .values(**base.versioned_changes(ctx.now, T, values))
                )
                if current["roles"] != role_values:
                    ctx.conn.execute(delete(R).where(R.c.user_id == current["id"]))
                    ctx.conn.execute(insert(R), [{"user_id": current["id"], "role": v} for v in role_values])
                current.update(values, roles=role_values)
            ctx.count(outcome)

    @staticmethod
    def _existing(ctx: ImportContext, logins: set[str]) -> dict[str, dict[str, Any]]:
        if not logins:
            return {}
        found = {
            u.login: {"id": u.id, "full_name": u.full_name, "unit_id": u.unit_id, "roles": []}
            for u in ctx.conn.execute(
                select(T.c.id, T.c.login, T.c.full_name, T.c.unit_id).where(T.c.login.in_(logins))
            )
        }
        by_id = {v["id"]: v for v in found.values()}
        if by_id:
            for role in ctx.conn.execute(
                select(R.c.user_id, R.c.role).where(R.c.user_id.in_(by_id)).order_by(R.c.role)
            ):
                by_id[role.user_id]["roles"].append(role.role)
        return found

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = base.UnitDirectory(conn, actor)
        last = 0
        while True:
            query = select(T.c.id, T.c.login, T.c.full_name, T.c.unit_id).where(
                T.c.id > last, T.c.is_active.is_(True)
            )
            if actor.visible_unit_ids is not None:
                query = query.where(T.c.unit_id.in_(actor.visible_unit_ids))
            if filters.unit_id is not None:
                query = query.where(T.c.unit_id.in_(directory.subtree(filters.unit_id)))
            batch = conn.execute(query.order_by(T.c.id).limit(EXPORT_BATCH)).all()
            if not batch:
                return
            roles: dict[int, list[str]] = {}
            ids = [u.id for u in batch]
            for role in conn.execute(
                select(R.c.user_id, R.c.role).where(R.c.user_id.in_(ids)).order_by(R.c.role)
            ):
                roles.setdefault(role.user_id, []).append(role.role)
            for u in batch:
                yield {
                    "login": u.login,
                    "full_name": u.full_name,
                    "roles": roles.get(u.id, []),
                    "unit_code": directory.code_of(u.unit_id) or None,
                }
            last = batch[-1].id
