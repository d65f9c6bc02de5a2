"""Staff members by `code`, in the unit named by `unit_code`."""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import FULL_NAME, Column, ExportFilters, RowKind, unit_code
from thidua.imports.lookups import StaffInfo, UnitDirectory, UnitInfo
from thidua.imports.messages import M
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, validate, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change
from thidua.units.access import keeps_staff_records
from thidua.units.models import StaffMember

T = StaffMember.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
FIELDS = ("full_name", "position", "unit_id", "email", "phone")


@dataclass
class StaffRow:
    code: str | None
    full_name: str | None
    unit_code: str | None
    contact: dict[str, Any]  # position, email, phone
    found: StaffInfo | None = None  # the stored staff member with this code
    current: dict[str, Any] | None = None  # its stored FIELDS
    unit: UnitInfo | None = None


class StaffKind(RowKind[StaffRow]):
    name = ImportKindName.staff
    family = "staff"
    label_vi = "Cán bộ, giáo viên, nhân viên"
    label_en = "Staff members"
    write_permissions = (Permission.staff_write,)
    read_permission = Permission.staff_read
    chunk_size = 1000
    key_column = "code"
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
        FULL_NAME,
        unit_code("Mã đơn vị công tác", "Code of the unit the person works in", required=True),
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

    def read(self, ctx: ImportContext, r: RowReader) -> StaffRow:
        return StaffRow(
            code=r.get("code", parse.code),
            full_name=r.get("full_name", parse.text_of(120)),
            unit_code=r.get("unit_code", parse.code),
            contact={
                "position": r.get("position", parse.text_of(120)) or "",
                "email": r.get("email", parse.email),
                "phone": r.get("phone", parse.phone),
            },
        )

    def key(self, record: StaffRow) -> Hashable:
        assert record.code
        return record.code.upper()

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, StaffRow]]) -> None:
        ctx.staff.load(r.text("code") for r, _ in parsed)
        for r, record in parsed:
            if r.text("code"):
                record.found = ctx.staff.find(r.text("code"))
        ids = [record.found.id for _, record in parsed if record.found]
        if not ids:
            return
        query = select(T.c.id, *(T.c[f] for f in FIELDS)).where(T.c.id.in_(ids))
        stored = {row.id: {f: getattr(row, f) for f in FIELDS} for row in ctx.conn.execute(query)}
        for _, record in parsed:
            record.current = stored.get(record.found.id) if record.found else None

    def check(self, ctx: ImportContext, r: RowReader, record: StaffRow) -> None:
        assert record.code and record.unit_code
        unit = record.unit = validate.unit_in_scope(ctx, r, "unit_code", record.unit_code)
        if unit is not None and not unit.is_active:
            r.fail("unit_code", M.inactive_unit(unit.name, unit.code))
        if record.found is not None and not ctx.sees(record.found.unit_id):
            r.fail("code", M.not_in_scope("cán bộ", "staff member", record.code))

    def change(self, ctx: ImportContext, r: RowReader, record: StaffRow) -> Change:
        assert record.unit is not None
        current = record.current
        given = {**record.contact, "full_name": record.full_name, "unit_id": record.unit.id}
        values = {
            k: v for k, v in given.items() if r.has(k) or k in ("full_name", "unit_id") or current is None
        }
        return Change(current is not None, values, current is not None and write.differs(current, values))

    def create(self, ctx: ImportContext, record: StaffRow, values: dict[str, Any]) -> None:
        assert record.code and record.unit
        commune = record.unit.commune_below  # the unit's (units.models.StaffMember)
        new_id = write.insert_versioned(
            ctx, T, {"code": record.code, "is_active": True, "commune_id": commune, **values}
        )
        ctx.staff.remember(StaffInfo(new_id, record.code, record.unit.id, commune))

    def update(self, ctx: ImportContext, record: StaffRow, values: dict[str, Any]) -> None:
        assert record.current is not None and record.found is not None and record.unit is not None
        # Its commune follows its unit (found by this import's code lookup, so no code clash there).
        commune = record.unit.commune_below
        write.update_versioned(ctx, T, record.found.id, {**values, "commune_id": commune})
        record.current.update(values)
        record.found.unit_id, record.found.commune_id = record.unit.id, commune

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = UnitDirectory(conn)
        contact = keeps_staff_records(actor)  # e-mail and phone are not for every reader
        query = export.within(
            select(T).where(T.c.is_active.is_(True)), actor, filters, T.c.unit_id, directory.subtree
        )
        for batch in export.batches(conn, query, T.c.id):
            for s in batch:
                yield {
                    "code": s.code,
                    "full_name": s.full_name,
                    "unit_code": directory.code_of(s.unit_id),
                    "position": s.position,
                    "email": s.email if contact else None,
                    "phone": s.phone if contact else None,
                }
