"""The shared library of digital learning materials (seed IV.7) by (`unit_code`, `title`): a school that
kept its list of lesson videos, e-lectures and worksheets in a spreadsheet brings it in at once. A row
is a link; a file is attached on the material's page afterwards (its type is checked by content there,
materials/service.py)."""

from collections.abc import Collection, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, tuple_

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import Column, ExportFilters, RowKind, unit_code
from thidua.imports.lookups import UnitDirectory, UnitInfo
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, validate, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change
from thidua.materials import access as materials_access
from thidua.materials.models import LICENCE_LABELS_VI, LearningMaterial, Licence

T = LearningMaterial.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
_LICENCE = parse.choice(Licence, LICENCE_LABELS_VI)


@dataclass
class MaterialRow:
    unit: UnitInfo | None
    title: str | None
    author: str | None
    subject: str | None
    grade: str | None
    licence: Licence | None
    description: str | None
    url: str | None
    existing: dict[str, Any] | None = None


class MaterialsKind(RowKind[MaterialRow]):
    name = ImportKindName.materials
    family = "materials"
    label_vi = "Kho học liệu số dùng chung"
    label_en = "Shared digital learning materials"
    write_permissions = (Permission.materials_write,)
    read_permission = Permission.materials_read
    chunk_size = 500
    key_column = "title"
    columns = (
        unit_code(
            "Mã trường chia sẻ học liệu (khóa)", "Code of the sharing school (key)", required=True, key=True
        ),
        Column(
            "title",
            "string",
            "Tên học liệu (khóa: cùng trường, cùng tên là cùng học liệu)",
            "Title (key: the same school and title is the same material)",
            "Bài giảng điện tử: Phân số (Toán 6)",
            required=True,
            key=True,
            aliases=("tên học liệu", "tên", "tiêu đề"),
        ),
        Column(
            "author",
            "string",
            "Tác giả (họ tên, có thể nhiều người)",
            "Author(s)",
            "Nguyễn Thị Hương",
            required=True,
            aliases=("tác giả",),
        ),
        Column("subject", "string", "Môn học", "Subject", "Toán", required=True, aliases=("môn học", "môn")),
        Column(
            "grade",
            "string",
            "Khối lớp, ví dụ Lớp 6",
            "Grade, e.g. Lớp 6",
            "Lớp 6",
            required=True,
            aliases=("khối lớp", "lớp", "khối"),
        ),
        Column(
            "licence",
            "enum",
            "Giấy phép: cc_by, cc_by_sa, cc_by_nc, cc0, internal (dùng nội bộ các trường trong xã)",
            "Licence: cc_by, cc_by_sa, cc_by_nc, cc0, internal",
            "cc_by",
            required=True,
            choices=tuple(k.value for k in Licence),
            aliases=("giấy phép",),
        ),
        Column("description", "string", "Mô tả", "Description", "", aliases=("mô tả",)),
        Column(
            "url",
            "url",
            "Đường dẫn (http:// hoặc https://); tệp học liệu tải lên ở trang học liệu",
            "Link (http:// or https://); a file is uploaded on the material's page",
            "https://www.youtube.com/watch?v=abc123",
            aliases=("đường dẫn", "liên kết", "link"),
        ),
    )

    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        return ()  # no score reads the library

    def read(self, ctx: ImportContext, r: RowReader) -> MaterialRow:
        code = r.get("unit_code", parse.code)
        record = MaterialRow(
            unit=None,
            title=r.get("title", parse.text_of(300)),
            author=r.get("author", parse.text_of(300)),
            subject=r.get("subject", parse.text_of(100)),
            grade=r.get("grade", parse.text_of(50)),
            licence=r.get("licence", _LICENCE),
            description=r.get("description", parse.text_of(4000)),
            url=r.get("url", parse.url),
        )
        record.unit = validate.unit_in_scope(ctx, r, "unit_code", code)
        return record

    def key(self, record: MaterialRow) -> Hashable:
        assert record.unit and record.title
        return (record.unit.id, record.title.lower())

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, MaterialRow]]) -> None:
        wanted = {self.key(rec) for r, rec in parsed if not r.problems and rec.unit and rec.title}
        known: dict[Hashable, dict[str, Any]] = ctx.state.setdefault("materials", {})
        if wanted:
            stored = ctx.conn.execute(
                select(T).where(tuple_(T.c.unit_id, func.lower(T.c.title)).in_(list(wanted))).order_by(T.c.id)
            )
            for row in stored.mappings():
                known.setdefault((row["unit_id"], row["title"].lower()), dict(row))  # the oldest namesake
        for r, rec in parsed:
            if not r.problems and rec.unit and rec.title:
                rec.existing = known.get(self.key(rec))

    def change(self, ctx: ImportContext, r: RowReader, record: MaterialRow) -> Change:
        assert record.licence is not None
        existing = record.existing
        values: dict[str, Any] = {
            "author": record.author,
            "subject": record.subject,
            "grade": record.grade,
            "licence": record.licence.value,
        }
        if r.has("description") or existing is None:
            values["description"] = record.description or ""
        if r.has("url") or existing is None:
            values["url"] = record.url
        changed = existing is not None and write.differs(existing, values)
        return Change(existing is not None, values, changed)

    def create(self, ctx: ImportContext, record: MaterialRow, values: dict[str, Any]) -> None:
        assert record.unit and record.title
        row = {"unit_id": record.unit.id, "title": record.title, "created_by_id": ctx.actor.id, **values}
        new_id = write.insert_versioned(ctx, T, row)
        # a later row of the same file naming it again is an update of this one
        ctx.state.setdefault("materials", {})[self.key(record)] = {"id": new_id, **row}

    def update(self, ctx: ImportContext, record: MaterialRow, values: dict[str, Any]) -> None:
        assert record.existing is not None
        write.update_versioned(ctx, T, record.existing["id"], values)
        record.existing.update(values)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        # The library is shared: every school's materials, narrowed to a unit's subtree when asked.
        directory = UnitDirectory(conn)
        query = materials_access.in_commune(select(T), T.c.unit_id, actor)  # the caller's commune's library
        if filters.unit_id is not None:
            query = query.where(T.c.unit_id.in_(directory.subtree(filters.unit_id)))
        for batch in export.batches(conn, query, T.c.id):
            for m in batch:
                yield {
                    "unit_code": directory.code_of(m.unit_id),
                    "title": m.title,
                    "author": m.author,
                    "subject": m.subject,
                    "grade": m.grade,
                    "licence": m.licence,
                    "description": m.description,
                    "url": m.url or "",
                }
