"""Staff members by `code`, in the unit named by `unit_code`."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, insert, select, update

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.kinds import base
from thidua.imports.kinds.base import EXPORT_BATCH, Column, ExportFilters, ImportContext, ImportKind, M, Row
from thidua.imports.schemas import ImportKindName
from thidua.units.models import StaffMember
from thidua.units.service import keeps_staff_records

T = StaffMember.__table__  # type: ignore[attr-defined]
FIELDS = ("full_name", "position", "unit_id", "email", "phone")


class StaffKind(ImportKind):
    name = ImportKindName.staff
    family = "staff"
    label_vi = "Cán bộ, giáo viên, nhân viên"
    label_en = "Staff members"
    write_permissions = (Permission.staff_write,)
    read_permission = Permission.staff_read
    chunk_size = 1000
    columns = (
        Column(
            "code",
            "code",
            "Mã cán bộ, duy nhất (khóa)",
            "Staff code, unique (key)",
            "TT-001",
            required=True,
            key=True,
            aliases=("mã cán bộ", "mã", "staff_code"),
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
            "unit_code",
            "code",
            "Mã đơn vị công tác",
            "Code of the unit the person works in",
            "THCS-TT",
            required=True,
            aliases=("mã đơn vị", "đơn vị"),
        ),
        Column(
            "position", "string", "Chức vụ, vị trí việc làm", "Position", "Giáo viên", aliases=("chức vụ",)
        ),
        Column(
            "email",
            "string",
            "Địa chỉ e-mail",
            "E-mail address",
            "huong.nt@example.edu.vn",
            aliases=("thư điện tử",),
        ),
        Column(
            "phone",
            "string",
            "Số điện thoại",
            "Phone number",
            "0912 345 678",
            aliases=("số điện thoại", "điện thoại"),
        ),
    )

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        seen: dict[str, int] = ctx.state.setdefault("seen", {})
        ctx.staff.load(cells.get("code", "") for _, cells in rows)
        existing_rows = self._existing(ctx, rows)
        for number, cells in rows:
            r = self.reader(number, cells)
            staff_code = r.get("code", base.code)
            full_name = r.get("full_name", base.text_of(120))
            unit_code = r.get("unit_code", base.code)
            values: dict[str, Any] = {
                "position": r.get("position", base.text_of(120)) or "",
                "email": r.get("email", base.email),
                "phone": r.get("phone", base.phone),
            }
            if staff_code and not r.problems:
                if staff_code.upper() in seen:
                    r.fail("code", M.duplicate)
                seen[staff_code.upper()] = number
            if ctx.reject_reader(r):
                continue
            assert staff_code and full_name and unit_code
            unit = ctx.units.find(unit_code)
            if unit is None or not ctx.sees(unit.id):
                r.fail("unit_code", M.not_in_scope("đơn vị", "unit", unit_code))
            elif not unit.is_active:
                r.fail(
                    "unit_code",
                    (f"Đơn vị '{unit.name}' đã ngừng hoạt động.", f"Unit '{unit.code}' is inactive."),
                )
            found = ctx.staff.find(staff_code)
            existing = existing_rows.get(found.id) if found else None
            if found is not None and not ctx.sees(found.unit_id):
                r.fail("code", M.not_in_scope("cán bộ", "staff member", staff_code))
            if ctx.reject_reader(r):
                continue
            assert unit is not None
            values = {
                k: v
                for k, v in {**values, "full_name": full_name, "unit_id": unit.id}.items()
                if r.has(k) or k in ("full_name", "unit_id") or existing is None
            }
            changed = existing is not None and any(existing[k] != v for k, v in values.items())
            outcome = ctx.decide(r, existing is not None, changed, "code")
            if outcome is None:
                continue
            if outcome == "create":
                row = base.new_versioned(ctx.now, {"code": staff_code, "is_active": True, **values})
                new_id = ctx.conn.execute(insert(T).values(**row)).inserted_primary_key[0]  # type: ignore[index]
                ctx.staff.remember(base.StaffInfo(new_id, staff_code, unit.id))
                existing_rows[new_id] = {**values}
            elif outcome == "update":
                assert existing is not None and found is not None
                ctx.conn.execute(
                    update(T).where(T.c.id == found.id).values(**base.versioned_changes(ctx.now, T, values))
                )
                existing.update(values)
                found.unit_id = unit.id
            ctx.count(outcome)

    @staticmethod
    def _existing(ctx: ImportContext, rows: list[Row]) -> dict[int, dict[str, Any]]:
        ids = [s.id for s in (ctx.staff.find(c.get("code", "")) for _, c in rows if c.get("code")) if s]
        if not ids:
            return {}
        query = select(T.c.id, *(T.c[f] for f in FIELDS)).where(T.c.id.in_(ids))
        return {r.id: {f: getattr(r, f) for f in FIELDS} for r in ctx.conn.execute(query)}

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = base.UnitDirectory(conn, actor)
        contact = keeps_staff_records(actor)  # e-mail and phone are not for every reader
        last = 0
        while True:
            query = (
                select(T).where(T.c.id > last, T.c.is_active.is_(True)).order_by(T.c.id).limit(EXPORT_BATCH)
            )
            if actor.visible_unit_ids is not None:
                query = query.where(T.c.unit_id.in_(actor.visible_unit_ids))
            if filters.unit_id is not None:
                query = query.where(T.c.unit_id.in_(directory.subtree(filters.unit_id)))
            batch = conn.execute(query).all()
            if not batch:
                return
            for s in batch:
                yield {
                    "code": s.code,
                    "full_name": s.full_name,
                    "unit_code": directory.code_of(s.unit_id),
                    "position": s.position,
                    "email": s.email if contact else None,
                    "phone": s.phone if contact else None,
                }
            last = batch[-1].id
