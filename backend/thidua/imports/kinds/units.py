"""Units by `code`, placed under `parent_code`. Rows are taken in file order, so a parent created
earlier in the same file can be named by the rows after it."""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import Column, ExportFilters, RowKind
from thidua.imports.lookups import UnitDirectory, UnitInfo
from thidua.imports.messages import M
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change
from thidua.units import access as units_access
from thidua.units.models import (
    ALLOWED_PARENT_KIND,
    MAY_BE_ROOT,
    UNIT_KIND_LABELS_VI,
    SchoolLevel,
    Unit,
    UnitKind,
)

T = Unit.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
_KIND = parse.choice(UnitKind, UNIT_KIND_LABELS_VI)
_LEVEL = parse.choice(SchoolLevel)
_KIND_EN = {
    UnitKind.department: "a Department of Education",
    UnitKind.commune: "a commune",
    UnitKind.office: "an office",
    UnitKind.school: "a school",
    UnitKind.subject_group: "a subject group",
}


@dataclass
class UnitRow:
    code: str | None
    name: str | None
    kind: UnitKind | None
    level: SchoolLevel | None
    parent_code: str | None
    address: str | None
    existing: UnitInfo | None = None
    parent: UnitInfo | None = None


class UnitsKind(RowKind[UnitRow]):
    name = ImportKindName.units
    family = "units"
    label_vi = "Đơn vị"
    label_en = "Units"
    write_permissions = (Permission.units_write,)
    read_permission = Permission.units_read
    chunk_size = 500
    key_column = "code"
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

    def read(self, ctx: ImportContext, r: RowReader) -> UnitRow:
        return UnitRow(
            code=r.get("code", parse.code),
            name=r.get("name", parse.text_of(255)),
            kind=r.get("kind", _KIND),
            level=r.get("school_level", _LEVEL),
            parent_code=r.get("parent_code", parse.code),
            address=r.get("address", parse.text_of(120)),
        )

    def key(self, record: UnitRow) -> Hashable:
        assert record.code
        return record.code.upper()

    def check(self, ctx: ImportContext, r: RowReader, record: UnitRow) -> None:
        assert record.code and record.kind
        directory = ctx.units
        existing = record.existing = directory.find(record.code)
        if existing is not None and not ctx.sees(existing.id):
            r.fail("code", M.not_in_scope("đơn vị", "unit", record.code))
            return
        if record.parent_code:
            record.parent = directory.find(record.parent_code)
            if record.parent is None or not ctx.sees(record.parent.id):
                r.fail("parent_code", M.not_in_scope("đơn vị cấp trên", "parent unit", record.parent_code))
        elif existing is not None and not r.has("parent_code"):
            record.parent = directory.by_id.get(existing.parent_id) if existing.parent_id else None
        if existing is None and record.parent is None and units_access.unit_bound(ctx.actor):
            # A unit-scoped caller only adds units under one of its own.
            r.fail("parent_code", M.unit_needed)
        if existing is not None and existing.kind != record.kind.value:
            r.fail(
                "kind",
                (
                    f"Không đổi được loại đơn vị (hiện là '{existing.kind}').",
                    f"The kind of a unit cannot change (it is '{existing.kind}').",
                ),
            )
        if not r.problems:
            _check_placement(ctx, r, record)

    def change(self, ctx: ImportContext, r: RowReader, record: UnitRow) -> Change:
        existing = record.existing
        values: dict[str, Any] = {
            "name": record.name,
            "school_level": record.level.value if record.level else None,
            "parent_id": record.parent.id if record.parent else None,
        }
        if r.has("address") or existing is None:
            values["address"] = record.address
        if not r.has("school_level") and existing is not None:
            values["school_level"] = existing.school_level
        changed = existing is not None and any(getattr(existing, k) != v for k, v in values.items())
        return Change(existing is not None, values, changed)

    def create(self, ctx: ImportContext, record: UnitRow, values: dict[str, Any]) -> None:
        assert record.code and record.name and record.kind
        kind = record.kind.value
        # The commune it sits in follows the tree (units.models.Unit): the parent's.
        commune = record.parent.commune_below if record.parent else None
        new_id = write.insert_versioned(
            ctx, T, {"code": record.code, "kind": kind, "is_active": True, "commune_id": commune, **values}
        )
        info = UnitInfo(
            new_id,
            record.code,
            record.name,
            kind,
            values["parent_id"],
            True,
            values["school_level"],
            values.get("address"),
            commune,
        )
        ctx.units.add(info)
        ctx.units.created.add(new_id)

    def update(self, ctx: ImportContext, record: UnitRow, values: dict[str, Any]) -> None:
        existing = record.existing
        assert existing is not None
        write.update_versioned(ctx, T, existing.id, values)
        for k, v in values.items():
            setattr(existing, k, v)
        ctx.units.add(existing)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        # The organisation chart is public knowledge (the honour board names schools): not scoped by
        # unit, but a province deployment's commune exports its own chart, as its Units screen shows it.
        codes: dict[int, str] = {r.id: r.code for r in conn.execute(select(T.c.id, T.c.code))}
        query = units_access.chart_in_commune(select(T).where(T.c.is_active.is_(True)), actor, T.c.id)
        if filters.unit_id is not None:
            query = query.where(T.c.id.in_(UnitDirectory(conn).subtree(filters.unit_id)))
        for batch in export.batches(conn, query, T.c.id):
            for u in batch:
                yield {
                    "code": u.code,
                    "name": u.name,
                    "kind": u.kind,
                    "school_level": u.school_level,
                    "parent_code": codes.get(u.parent_id) if u.parent_id else None,
                    "address": u.address,
                }


def _check_placement(ctx: ImportContext, r: RowReader, unit: UnitRow) -> None:
    """The hierarchy rules of units/service.py: right kind of parent, active, no cycle, levels."""
    existing, kind, parent, level = unit.existing, unit.kind, unit.parent, unit.level
    assert kind is not None
    expected = ALLOWED_PARENT_KIND[kind]
    moved_away = (
        existing is not None
        and kind != UnitKind.commune
        and (parent.commune_below if parent else None) != existing.commune_id
    )
    if moved_away:
        # Its codes and its staff's would go with it: the units' screen checks them (units.service).
        r.fail(
            "parent_code",
            (
                "Không chuyển được đơn vị sang xã khác bằng tệp nhập; hãy chuyển trên màn hình Đơn vị.",
                "A unit cannot move to another commune by import; move it on the Units screen.",
            ),
        )
    elif parent is not None and existing is not None and existing.id in ctx.units.ancestors(parent.id):
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
    elif expected is not None and (
        (parent is None and kind not in MAY_BE_ROOT) or (parent is not None and parent.kind != expected.value)
    ):
        r.fail(
            "parent_code",
            (
                f"{UNIT_KIND_LABELS_VI[kind]} phải trực thuộc một đơn vị loại "
                f"'{UNIT_KIND_LABELS_VI[expected]}'.",
                f"{_KIND_EN[kind].capitalize()} must be placed under {_KIND_EN[expected]}.",
            ),
        )
    school_level = (
        level.value if level else (existing.school_level if existing and not r.has("school_level") else None)
    )
    if kind == UnitKind.school and not school_level:
        r.fail("school_level", ("Cơ sở giáo dục phải có cấp học.", "A school needs a school level."))
    if kind != UnitKind.school and school_level:
        r.fail("school_level", ("Chỉ cơ sở giáo dục mới có cấp học.", "Only schools have a school level."))
