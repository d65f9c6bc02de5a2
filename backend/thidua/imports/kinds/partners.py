"""Partners of the movement (seed IV.7: businesses, the parents' association, experts) by `name`:
Phòng Kinh tế keeps the list in a spreadsheet before the app, so it comes in with the other bulk data.
Agreements and contributions stay on the partner's page (each needs its documents and the year's
socialisation source)."""

from collections.abc import Collection, Hashable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, func, select

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.budget.models import PARTNER_KINDS, Partner
from thidua.core.models import same_commune
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import Column, ExportFilters, RowKind
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change

T = Partner.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
PartnerKind = StrEnum("PartnerKind", {k: k for k in PARTNER_KINDS})  # type: ignore[misc]
_LABELS_VI = {
    PartnerKind("business"): "Doanh nghiệp",
    PartnerKind("parents_association"): "Ban đại diện cha mẹ học sinh",
    PartnerKind("expert"): "Chuyên gia",
    PartnerKind("other"): "Khác",
}
_KIND = parse.choice(PartnerKind, _LABELS_VI)


@dataclass
class PartnerRow:
    name: str | None
    kind: StrEnum | None
    contact: str | None
    note: str | None
    existing: dict[str, Any] | None = None


class PartnersKind(RowKind[PartnerRow]):
    name = ImportKindName.partners
    family = "partners"
    label_vi = "Đối tác"
    label_en = "Partners"
    write_permissions = (Permission.partners_write,)
    read_permission = Permission.partners_read
    chunk_size = 500
    key_column = "name"
    columns = (
        Column(
            "name",
            "string",
            "Tên đối tác (khóa: cùng tên, không phân biệt hoa thường, là cùng đối tác)",
            "Partner name (key: the same name in any case is the same partner)",
            "Công ty Cổ phần Công nghệ Đất Tổ",
            required=True,
            key=True,
            aliases=("tên đối tác", "tên", "đối tác"),
        ),
        Column(
            "kind",
            "enum",
            "Loại: business (doanh nghiệp), parents_association (Ban đại diện cha mẹ học sinh), "
            "expert (chuyên gia), other (khác)",
            "Kind: business, parents_association, expert, other",
            "business",
            required=True,
            choices=PARTNER_KINDS,
            aliases=("loại", "loại đối tác"),
        ),
        Column(
            "contact",
            "string",
            "Người liên hệ, điện thoại, thư điện tử",
            "Contact person, phone, e-mail",
            "Ông Nguyễn Văn An, 0912 345 678",
            aliases=("liên hệ", "người liên hệ"),
        ),
        Column(
            "note", "string", "Ghi chú", "Note", "Hỗ trợ thiết bị phòng học thông minh", aliases=("ghi chú",)
        ),
    )

    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        return ()  # no score reads partners

    def read(self, ctx: ImportContext, r: RowReader) -> PartnerRow:
        return PartnerRow(
            name=r.get("name", parse.text_of(300)),
            kind=r.get("kind", _KIND),
            contact=r.get("contact", parse.text_of(300)),
            note=r.get("note", parse.text_of(2000)),
        )

    def key(self, record: PartnerRow) -> Hashable:
        assert record.name
        return record.name.lower()

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, PartnerRow]]) -> None:
        names = {rec.name.lower() for _, rec in parsed if rec.name}
        if not names:
            return
        # the caller's commune's partners (no commune: a one-commune deployment's)
        mine = same_commune(T.c.commune_id, ctx.actor.commune_id)
        stored = ctx.conn.execute(select(T).where(func.lower(T.c.name).in_(names), mine).order_by(T.c.id))
        by_name: dict[str, dict[str, Any]] = {}
        for row in stored.mappings():
            by_name.setdefault(row["name"].lower(), dict(row))  # the oldest of namesakes entered by hand
        known: dict[str, dict[str, Any]] = ctx.state.setdefault("partners", {})
        known.update(by_name)
        for _, rec in parsed:
            if rec.name:
                rec.existing = known.get(rec.name.lower())

    def change(self, ctx: ImportContext, r: RowReader, record: PartnerRow) -> Change:
        assert record.kind is not None
        existing = record.existing
        # the name is the key: a file naming a partner in another case keeps the name as stored
        values: dict[str, Any] = (
            {"kind": record.kind.value} if existing else {"name": record.name, "kind": record.kind.value}
        )
        for column in ("contact", "note"):
            if r.has(column) or existing is None:
                values[column] = getattr(record, column) or ""
        changed = existing is not None and write.differs(existing, values)
        return Change(existing is not None, values, changed)

    def create(self, ctx: ImportContext, record: PartnerRow, values: dict[str, Any]) -> None:
        row = {"contact": "", "note": "", "commune_id": ctx.actor.commune_id, **values}
        new_id = write.insert_versioned(ctx, T, row)
        assert record.name
        # a later row of the same file naming it again is an update of this one
        ctx.state.setdefault("partners", {})[record.name.lower()] = {"id": new_id, **row}

    def update(self, ctx: ImportContext, record: PartnerRow, values: dict[str, Any]) -> None:
        assert record.existing is not None
        write.update_versioned(ctx, T, record.existing["id"], values)
        record.existing.update(values)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        # Partners belong to the commune, not to a school: the commune's whole list for whoever may read it.
        query = select(T).where(same_commune(T.c.commune_id, actor.commune_id))
        for batch in export.batches(conn, query, T.c.id):
            for p in batch:
                yield {"name": p.name, "kind": p.kind, "contact": p.contact, "note": p.note}
