"""Units by `code`, placed under `parent_code`. Rows are taken in file order, so a parent created
earlier in the same file can be named by the rows after it."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, insert, select, update

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.kinds import base
from thidua.imports.kinds.base import (
    EXPORT_BATCH,
    Column,
    ExportFilters,
    ImportContext,
    ImportKind,
    M,
    Row,
    UnitInfo,
)
from thidua.imports.schemas import ImportKindName
from thidua.units.models import ALLOWED_PARENT_KIND, UNIT_KIND_LABELS_VI, SchoolLevel, Unit, UnitKind

T = Unit.__table__  # type: ignore[attr-defined]
_KIND_EN = {
    UnitKind.commune: "a commune",
    UnitKind.office: "an office",
    UnitKind.school: "a school",
    UnitKind.subject_group: "a subject group",
}


class UnitsKind(ImportKind):
    name = ImportKindName.units
    family = "units"
    label_vi = "Đơn vị"
    label_en = "Units"
    write_permissions = (Permission.units_write,)
    read_permission = Permission.units_read
    chunk_size = 500
    columns = (
        Column(
            "code",
            "code",
            "Mã đơn vị, duy nhất (khóa)",
            "Unit code, unique (key)",
            "THCS-TT",
            required=True,
            key=True,
            aliases=("mã đơn vị", "mã", "unit_code"),
        ),
        Column(
            "name",
            "string",
            "Tên đơn vị",
            "Unit name",
            "Trường THCS Thanh Thủy",
            required=True,
            aliases=("tên đơn vị", "tên"),
        ),
        Column(
            "kind",
            "enum",
            "Loại đơn vị (không đổi được sau khi tạo)",
            "Unit kind (cannot change once created)",
            "school",
            required=True,
            choices=tuple(k.value for k in UnitKind),
            aliases=("loại", "loại đơn vị"),
        ),
        Column(
            "school_level",
            "enum",
            "Cấp học; chỉ với cơ sở giáo dục",
            "School level; schools only",
            "lower_secondary",
            choices=tuple(s.value for s in SchoolLevel),
            aliases=("cấp học",),
        ),
        Column(
            "parent_code",
            "code",
            "Mã đơn vị cấp trên (trống với UBND xã)",
            "Parent unit code (empty for the commune)",
            "UBND-TT",
            aliases=("mã đơn vị cấp trên", "đơn vị cấp trên"),
        ),
        Column(
            "address", "string", "Địa chỉ", "Address", "Xã Thanh Thủy, tỉnh Phú Thọ", aliases=("địa chỉ",)
        ),
    )

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        directory = ctx.units
        seen: dict[str, int] = ctx.state.setdefault("seen", {})
        parse_kind = base.choice(UnitKind, UNIT_KIND_LABELS_VI)
        parse_level = base.choice(SchoolLevel)
        for number, cells in rows:
            r = self.reader(number, cells)
            unit_code = r.get("code", base.code)
            name = r.get("name", base.text_of(255))
            kind = r.get("kind", parse_kind)
            level = r.get("school_level", parse_level)
            parent_code = r.get("parent_code", base.code)
            address = r.get("address", base.text_of(120))
            if unit_code and not r.problems:
                if unit_code.upper() in seen:
                    r.fail("code", M.duplicate)
                seen[unit_code.upper()] = number
            if ctx.reject_reader(r):
                continue
            assert unit_code and name and kind
            existing = directory.find(unit_code)
            if existing is not None and not ctx.sees(existing.id):
                r.fail("code", M.not_in_scope("đơn vị", "unit", unit_code))
                ctx.reject_reader(r)
                continue
            parent: UnitInfo | None = None
            if parent_code:
                parent = directory.find(parent_code)
                if parent is None or not ctx.sees(parent.id):
                    r.fail("parent_code", M.not_in_scope("đơn vị cấp trên", "parent unit", parent_code))
            elif existing is not None and not r.has("parent_code"):
                parent = directory.by_id.get(existing.parent_id) if existing.parent_id else None
            if existing is None and parent is None and ctx.actor.visible_unit_ids is not None:
                # A unit-scoped caller only adds units under one of its own.
                r.fail("parent_code", M.unit_needed)
            if existing is not None and existing.kind != kind.value:
                r.fail(
                    "kind",
                    (
                        f"Không đổi được loại đơn vị (hiện là '{existing.kind}').",
                        f"The kind of a unit cannot change (it is '{existing.kind}').",
                    ),
                )
            if not r.problems:
                self._check_placement(r, existing, kind, parent, level, ctx)
            if ctx.reject_reader(r):
                continue
            values: dict[str, Any] = {
                "name": name,
                "school_level": level.value if level else None,
                "parent_id": parent.id if parent else None,
            }
            if r.has("address") or existing is None:
                values["address"] = address
            if not r.has("school_level") and existing is not None:
                values["school_level"] = existing.school_level
            changed = existing is not None and any(getattr(existing, k) != v for k, v in values.items())
            outcome = ctx.decide(r, existing is not None, changed, "code")
            if outcome is None:
                continue
            if outcome == "create":
                row = base.new_versioned(
                    ctx.now, {"code": unit_code, "kind": kind.value, "is_active": True, **values}
                )
                new_id = ctx.conn.execute(insert(T).values(**row)).inserted_primary_key[0]  # type: ignore[index]
                info = UnitInfo(
                    new_id,
                    unit_code,
                    name,
                    kind.value,
                    values["parent_id"],
                    True,
                    values["school_level"],
                    values.get("address"),
                )
                directory.add(info)
                directory.created.add(new_id)
            elif outcome == "update":
                assert existing is not None
                ctx.conn.execute(
                    update(T)
                    .where(T.c.id == existing.id)
                    .values(**base.versioned_changes(ctx.now, T, values))
                )
                for k, v in values.items():
                    setattr(existing, k, v)
                directory.add(existing)
            ctx.count(outcome)

    @staticmethod
    def _check_placement(
        r: base.RowReader,
        existing: UnitInfo | None,
        kind: UnitKind,
        parent: UnitInfo | None,
        level: SchoolLevel | None,
        ctx: ImportContext,
    ) -> None:
        """The hierarchy rules of units/service.py: right kind of parent, active, no cycle, levels."""
        expected = ALLOWED_PARENT_KIND[kind]
        if parent is not None and existing is not None and existing.id in ctx.units.ancestors(parent.id):
            r.fail(
                "parent_code",
                (
                    "Không thể đặt đơn vị làm cấp trên của chính nó hoặc của đơn vị trực thuộc nó.",
                    "A unit cannot be placed under itself or one of its own sub-units.",
                ),
            )
        elif parent is not None and not parent.is_active:
            r.fail(
                "parent_code",
                (
                    f"Đơn vị cấp trên '{parent.name}' đã ngừng hoạt động.",
                    f"The parent unit '{parent.code}' is inactive.",
                ),
            )
        elif expected is None and parent is not None:
            r.fail(
                "parent_code",
                (
                    f"{UNIT_KIND_LABELS_VI[kind]} không có đơn vị cấp trên.",
                    f"{_KIND_EN[kind].capitalize()} has no parent unit.",
                ),
            )
        elif expected is not None and (parent is None or parent.kind != expected.value):
            r.fail(
                "parent_code",
                (
                    f"{UNIT_KIND_LABELS_VI[kind]} phải trực thuộc một đơn vị loại "
                    f"'{UNIT_KIND_LABELS_VI[expected]}'.",
                    f"{_KIND_EN[kind].capitalize()} must be placed under {_KIND_EN[expected]}.",
                ),
            )
        school_level = (
            level.value
            if level
            else (existing.school_level if existing and not r.has("school_level") else None)
        )
        if kind == UnitKind.school and not school_level:
            r.fail("school_level", ("Cơ sở giáo dục phải có cấp học.", "A school needs a school level."))
        if kind != UnitKind.school and school_level:
            r.fail(
                "school_level", ("Chỉ cơ sở giáo dục mới có cấp học.", "Only schools have a school level.")
            )

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        # The organisation chart is public knowledge (the honour board names schools): not scoped.
        codes: dict[int, str] = dict(conn.execute(select(T.c.id, T.c.code)).all())
        wanted: frozenset[int] | None = None
        if filters.unit_id is not None:
            directory = base.UnitDirectory(conn, actor)
            wanted = directory.subtree(filters.unit_id)
        last = 0
        while True:
            query = (
                select(T).where(T.c.id > last, T.c.is_active.is_(True)).order_by(T.c.id).limit(EXPORT_BATCH)
            )
            if wanted is not None:
                query = query.where(T.c.id.in_(wanted))
            batch = conn.execute(query).all()
            if not batch:
                return
            for u in batch:
                yield {
                    "code": u.code,
                    "name": u.name,
                    "kind": u.kind,
                    "school_level": u.school_level,
                    "parent_code": codes.get(u.parent_id) if u.parent_id else None,
                    "address": u.address,
                }
            last = batch[-1].id
