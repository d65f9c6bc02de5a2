"""Initiatives by (`unit_code`, `school_year`, `title`) with `authors` as `code:share;code:share` (a lone
author needs no share). Recognition stays a separate, reviewed action: a recognised initiative, or one
an award used, is frozen and its rows are refused unless unchanged."""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export, staffed
from thidua.imports.kinds.base import SCHOOL_YEAR_KEY, Column, ExportFilters, unit_code
from thidua.imports.lookups import UnitDirectory, UnitInfo
from thidua.imports.messages import M
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, validate, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change
from thidua.initiatives.models import INITIATIVE_KIND_LABELS_VI, Initiative, InitiativeAuthor, InitiativeKind

T = Initiative.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
AU = InitiativeAuthor.__table__  # type: ignore[attr-defined]
HUNDRED = Decimal(100)
_KIND = parse.choice(InitiativeKind, INITIATIVE_KIND_LABELS_VI)


def parse_authors(text: str) -> list[tuple[str, Decimal | None]]:
    out: list[tuple[str, Decimal | None]] = []
    for part in parse.listed(text):
        staff_code, _, share_text = part.partition(":")
        share: Decimal | None = None
        if share_text.strip():
            share = parse.decimal(share_text.strip().rstrip("%"))
            if not 0 < share <= HUNDRED or share != share.quantize(Decimal("0.01")):
                raise parse.CellError(
                    (
                        f"Tỷ lệ đóng góp của '{staff_code}' phải lớn hơn 0, tối đa 100, 2 chữ số thập phân.",
                        f"The share of '{staff_code}' must be above 0, at most 100, with 2 decimals at most.",
                    )
                )
        out.append((staff_code.strip(), share))
    if len(out) == 1 and out[0][1] is None:
        return [(out[0][0], HUNDRED)]
    if any(share is None for _, share in out):
        raise parse.CellError(
            (
                "Có nhiều tác giả: ghi tỷ lệ cho từng người, ví dụ A-01:60;A-02:40.",
                "Several authors: give each one's share, e.g. A-01:60;A-02:40.",
            )
        )
    return out


@dataclass
class InitiativeRow:
    unit: UnitInfo | None
    year: str | None
    title: str | None
    kind: InitiativeKind | None
    summary: str
    authors: list[tuple[str, Decimal | None]]
    current: dict[str, Any] | None = None  # the stored initiative, its authors and whether it is frozen
    shares: dict[int, Decimal] | None = None  # staff id -> share, as the row lists them


class InitiativesKind(staffed.StaffedKind[InitiativeRow]):
    name = ImportKindName.initiatives
    family = "initiatives"
    label_vi = "Sáng kiến, giải pháp, học liệu số"
    label_en = "Initiatives"
    write_permissions = (Permission.initiatives_write,)
    read_permission = Permission.initiatives_read
    chunk_size = 500
    key_column = "title"
    links, owner_column, value_column = AU, "initiative_id", "share_percent"
    columns = (
        unit_code("Mã đơn vị có sáng kiến", "Code of the unit", required=True, key=True),
        SCHOOL_YEAR_KEY,
        Column(
            "title",
            "string",
            "Tên sáng kiến",
            "Title",
            "Ứng dụng bản đồ tư duy số trong dạy học Địa lí 8",
            required=True,
            key=True,
            aliases=("tên sáng kiến", "tên"),
        ),
        Column(
            "kind",
            "enum",
            "Loại: sáng kiến, giải pháp, nghiên cứu, học liệu số, bài báo",
            "Kind",
            "initiative",
            required=True,
            choices=tuple(k.value for k in InitiativeKind),
            aliases=("loại",),
        ),
        Column("summary", "string", "Tóm tắt", "Summary", "", aliases=("tóm tắt", "mô tả")),
        Column(
            "authors",
            "list",
            "Tác giả: mã cán bộ:tỷ lệ %, cách nhau bởi ; (tổng 100)",
            "Authors as staff code:share %, separated by ; (summing to 100)",
            "TT-001:60;TT-002:40",
            required=True,
            aliases=("tác giả",),
        ),
    )

    def read(self, ctx: ImportContext, r: RowReader) -> InitiativeRow:
        unit_code = r.get("unit_code", parse.code)
        record = InitiativeRow(
            unit=None,
            year=r.get("school_year", parse.school_year),
            title=r.get("title", parse.text_of(500)),
            kind=r.get("kind", _KIND),
            summary=r.get("summary", parse.text_of(8000)) or "",
            authors=r.get("authors", parse_authors) or [],
        )
        if len(record.authors) > 50:
            r.fail("authors", M.out_of_range(1, 50))
        record.unit = validate.unit_in_scope(ctx, r, "unit_code", unit_code)
        return record

    def key(self, record: InitiativeRow) -> Hashable:
        assert record.unit and record.year and record.title
        return (record.unit.id, record.year, record.title)

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, InitiativeRow]]) -> None:
        ctx.staff.load(code for _, record in parsed for code, _ in record.authors)
        stored = _stored(
            ctx, [(record.unit.id, record.year) for _, record in parsed if record.unit and record.year]
        )
        for r, record in parsed:
            if not r.problems:
                record.current = stored.get(self.key(record))

    def check(self, ctx: ImportContext, r: RowReader, record: InitiativeRow) -> None:
        assert record.unit
        shares = record.shares = validate.staff_of_unit(
            ctx,
            r,
            "authors",
            ((staff_code, share or HUNDRED) for staff_code, share in record.authors),
            record.unit.id,
            lambda staff_code: (
                f"Không có cán bộ '{staff_code}' trong đơn vị có sáng kiến.",
                f"No staff member '{staff_code}' in the unit.",
            ),
            ("Tác giả bị trùng trong danh sách.", "An author is listed twice."),
        )
        total = sum(shares.values(), Decimal(0))
        if not r.problems and total != HUNDRED:
            r.fail(
                "authors",
                (
                    f"Tổng tỷ lệ đóng góp phải bằng 100 % (hiện là {total:.2f} %).",
                    f"The shares must sum to 100 % (they sum to {total:.2f} %).",
                ),
            )

    def change(self, ctx: ImportContext, r: RowReader, record: InitiativeRow) -> Change | None:
        assert record.kind
        current = record.current
        values: dict[str, Any] = {"kind": record.kind.value}
        if r.has("summary") or current is None:
            values["summary"] = record.summary
        changed = current is not None and (
            write.differs(current, values) or current["authors"] != record.shares
        )
        if changed and current is not None and (current["recognition_level"] or current["used"]):
            # Recognition is a reviewed action: what it (or an award) relied on stays as it was.
            why = "đã được dùng cho một khen thưởng" if current["used"] else "đã được công nhận"
            r.fail(
                "title",
                (
                    f"Sáng kiến {why} nên không sửa được.",
                    "The initiative is "
                    + ("used by an award" if current["used"] else "recognised")
                    + ", so it cannot change.",
                ),
            )
            ctx.reject_reader(r)
            return None
        return Change(current is not None, values, changed)

    def create(self, ctx: ImportContext, record: InitiativeRow, values: dict[str, Any]) -> None:
        assert record.unit and record.shares is not None
        row: dict[str, Any] = {
            "unit_id": record.unit.id,
            "school_year": record.year,
            "title": record.title,
            "evidence_links": [],
        }
        self.link_people(ctx, write.insert_versioned(ctx, T, {**row, **values}), record.shares)

    def update(self, ctx: ImportContext, record: InitiativeRow, values: dict[str, Any]) -> None:
        current = record.current
        assert current is not None and record.shares is not None
        write.update_versioned(ctx, T, current["id"], values)
        if current["authors"] != record.shares:
            self.relink_people(ctx, current["id"], record.shares)
        current.update(values, authors=record.shares)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = UnitDirectory(conn)
        query = export.within(select(T), actor, filters, T.c.unit_id, directory.subtree, T.c.school_year)
        for batch in export.batches(conn, query, T.c.id):
            authors = self.people_cells(conn, [i.id for i in batch], AU.c.id)
            for i in batch:
                yield {
                    "unit_code": directory.code_of(i.unit_id),
                    "school_year": i.school_year,
                    "title": i.title,
                    "kind": i.kind,
                    "summary": i.summary,
                    "authors": authors.get(i.id, []),
                }

    @staticmethod
    def cell(code: str, share: Any) -> str:
        return f"{code}:{format(share.normalize(), 'f')}"


def _stored(ctx: ImportContext, wanted: list[tuple[int, str]]) -> dict[Hashable, dict[str, Any]]:
    if not wanted:
        return {}
    query = select(
        T.c.id,
        T.c.unit_id,
        T.c.school_year,
        T.c.title,
        T.c.kind,
        T.c.summary,
        T.c.recognition_level,
        T.c.used_by_achievement_id,
    ).where(T.c.unit_id.in_({w[0] for w in wanted}), T.c.school_year.in_({w[1] for w in wanted}))
    found: dict[Hashable, dict[str, Any]] = {}
    for i in ctx.conn.execute(query):
        found[(i.unit_id, i.school_year, i.title)] = {
            "id": i.id,
            "kind": i.kind,
            "summary": i.summary,
            "authors": {},
            "recognition_level": i.recognition_level,
            "used": i.used_by_achievement_id is not None,
        }
    InitiativesKind.load_people(ctx.conn, found.values(), "authors")
    return found
