"""A school's QĐ 4725 self-assessment, one row per criterion: (`unit_code`, `school_year`,
`criterion_code`) with `value`, the points of a scored criterion or Đạt / Không đạt for a mandatory
condition. The layout follows the per-criterion table of the DTI platform (dti.vnedu.vn) with our
column names; the Vietnamese headers of its export are accepted as aliases (docs/dti-4725.md)."""

from collections.abc import Collection, Hashable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, select, update

from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.dti import index
from thidua.dti.models import DtiAssessment, DtiValue
from thidua.dti.service import answer_problem
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import SCHOOL_YEAR_KEY, Column, ExportFilters, RowKind
from thidua.imports.lookups import UnitDirectory, UnitInfo
from thidua.imports.parsing import nfc
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, validate, write
from thidua.imports.steps.parse import CellError, RowReader
from thidua.imports.steps.write import Change

A = DtiAssessment.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
V = DtiValue.__table__  # type: ignore[attr-defined]
SA = SelfAssessment.__table__  # type: ignore[attr-defined]
_MET = {"đạt": True, "dat": True, "có": True, "x": True, "1": True, "true": True}
_UNMET = {
    "không đạt": False,
    "khong dat": False,
    "chưa đạt": False,
    "không": False,
    "0": False,
    "false": False,
}


@dataclass
class DtiRow:
    unit: UnitInfo | None
    school_year: str | None
    code: str | None
    points: Decimal | None = None
    met: bool | None = None
    current: dict[str, Any] | None = None  # the stored value: id, points, met (and the assessment id)


def _value(r: RowReader, code: str | None) -> tuple[Decimal | None, bool | None]:
    text = r.text("value").strip()
    criterion = index.BY_CODE.get(code or "")
    if not text or criterion is None:
        return None, None
    if criterion.mandatory:
        lowered = nfc(text).lower()
        if lowered in _MET or lowered in _UNMET:
            return None, _MET.get(lowered, False)
        r.fail(
            "value",
            (
                f"Tiêu chí {code} là điều kiện bắt buộc: ghi 'Đạt' hoặc 'Không đạt'.",
                f"Criterion {code} is a mandatory condition: write 'Đạt' or 'Không đạt'.",
            ),
        )
        return None, None
    try:
        return parse.decimal(text), None
    except CellError as exc:
        r.fail("value", exc.message)
        return None, None


class DtiKind(RowKind[DtiRow]):
    name = ImportKindName.dti_4725
    family = "assessments"
    label_vi = "Tự đánh giá chuyển đổi số theo QĐ 4725 (tệp xuất từ nền tảng DTI)"
    label_en = "Digital-transformation self-assessment (QĐ 4725, DTI platform export)"
    write_permissions = (Permission.dti_write,)
    read_permission = Permission.dti_read
    chunk_size = 500
    key_column = "criterion_code"
    columns = (
        Column(
            "unit_code",
            "code",
            "Mã trường (mã đơn vị trong hệ thống)",
            "School code (the unit's code here)",
            "THCS-TT",
            required=True,
            key=True,
            aliases=("mã trường", "mã đơn vị", "đơn vị"),
        ),
        SCHOOL_YEAR_KEY,
        Column(
            "criterion_code",
            "string",
            "Mã tiêu chí theo QĐ 4725, ví dụ 1.3",
            "QĐ 4725 criterion code, e.g. 1.3",
            "1.3",
            required=True,
            key=True,
            aliases=("mã tiêu chí", "tiêu chí", "stt", "mã"),
        ),
        Column(
            "value",
            "string",
            "Điểm tự đánh giá (tiêu chí có điểm) hoặc Đạt / Không đạt (điều kiện bắt buộc)",
            "Self-assessed points, or Đạt / Không đạt for a mandatory condition",
            "24",
            required=True,
            aliases=("điểm tự đánh giá", "điểm", "tự đánh giá", "kết quả", "điểm đạt"),
        ),
    )

    def read(self, ctx: ImportContext, r: RowReader) -> DtiRow:
        code = r.get("criterion_code", parse.text_of(20))
        record = DtiRow(unit=None, school_year=r.get("school_year", parse.school_year), code=code)
        record.points, record.met = _value(r, code)
        record.unit = validate.unit_in_scope(ctx, r, "unit_code", r.get("unit_code", parse.code))
        return record

    def key(self, record: DtiRow) -> Hashable:
        assert record.unit
        return (record.unit.id, record.school_year, record.code)

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, DtiRow]]) -> None:
        units = {rec.unit.id for r, rec in parsed if rec.unit}
        if not units:
            return
        query = (
            select(
                A.c.id.label("assessment_id"),
                A.c.unit_id,
                A.c.school_year,
                V.c.id,
                V.c.criterion_code,
                V.c.points,
                V.c.met,
            )
            .select_from(A.join(V, V.c.assessment_id == A.c.id))
            .where(A.c.unit_id.in_(units), A.c.index_code == index.INDEX_CODE)
        )
        stored: dict[Hashable, dict[str, Any]] = {
            (row.unit_id, row.school_year, row.criterion_code): {
                "id": row.id,
                "points": row.points,
                "met": row.met,
            }
            for row in ctx.conn.execute(query)
        }
        for r, record in parsed:
            if not r.problems and record.unit:
                record.current = stored.get(self.key(record))

    def check(self, ctx: ImportContext, r: RowReader, record: DtiRow) -> None:
        assert record.unit and record.code
        if record.unit.kind != "school" or record.unit.school_level == "preschool":
            r.fail(
                "unit_code",
                (
                    "Bộ chỉ số QĐ 4725 áp dụng cho cơ sở giáo dục phổ thông; đơn vị này không thuộc diện "
                    "áp dụng.",
                    "QĐ 4725 applies to general-education schools; this unit is not one.",
                ),
            )
            return
        found = answer_problem(record.code, record.points, record.met)
        if found is not None:
            column = "criterion_code" if found[0] == "criterion_code" else "value"
            r.fail(column, (found[1], found[1]))

    def change(self, ctx: ImportContext, r: RowReader, record: DtiRow) -> Change:
        values = {"points": record.points, "met": record.met}
        current = record.current
        return Change(current is not None, values, current is not None and write.differs(current, values))

    def _assessment(self, ctx: ImportContext, record: DtiRow) -> int:
        """The school's 4725 assessment of the year (made when missing), its version bumped once."""
        assert record.unit and record.school_year
        ids: dict[tuple[int, str], int] = ctx.state.setdefault("dti_assessments", {})
        key = (record.unit.id, record.school_year)
        if key not in ids:
            found = ctx.conn.execute(
                select(A.c.id).where(
                    A.c.unit_id == record.unit.id,
                    A.c.school_year == record.school_year,
                    A.c.index_code == index.INDEX_CODE,
                )
            ).scalar()
            if found is None:
                found = write.insert_versioned(
                    ctx,
                    A,
                    {
                        "unit_id": record.unit.id,
                        "school_year": record.school_year,
                        "index_code": index.INDEX_CODE,
                        "source": "imported",
                    },
                )
            else:
                write.update_versioned(ctx, A, found, {"source": "imported"})
            ids[key] = int(found)
        return ids[key]

    def create(self, ctx: ImportContext, record: DtiRow, values: dict[str, Any]) -> None:
        assessment_id = self._assessment(ctx, record)
        ctx.conn.execute(insert(V).values(assessment_id=assessment_id, criterion_code=record.code, **values))

    def update(self, ctx: ImportContext, record: DtiRow, values: dict[str, Any]) -> None:
        assert record.current is not None
        self._assessment(ctx, record)
        ctx.conn.execute(update(V).where(V.c.id == record.current["id"]).values(**values))
        record.current.update(values)

    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        """The schools' own movement self-assessments of the years imported (their linked indicators)."""
        touched: dict[tuple[int, str], int] = ctx.state.get("dti_assessments", {})
        ids: set[int] = set()
        for unit_id, year in touched:
            query = select(SA.c.id).where(
                SA.c.unit_id == unit_id, SA.c.school_year == year, SA.c.staff_id.is_(None)
            )
            ids.update(ctx.conn.execute(query).scalars())
        return sorted(ids)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = UnitDirectory(conn)
        query = export.within(
            select(A.c.unit_id, A.c.school_year, V.c.id, V.c.criterion_code, V.c.points, V.c.met).select_from(
                A.join(V, V.c.assessment_id == A.c.id)
            ),
            actor,
            filters,
            A.c.unit_id,
            directory.subtree,
            A.c.school_year,
        )
        for batch in export.batches(conn, query, V.c.id):
            for row in batch:
                yield {
                    "unit_code": directory.code_of(row.unit_id),
                    "school_year": row.school_year,
                    "criterion_code": row.criterion_code,
                    "value": row.points if row.met is None else ("Đạt" if row.met else "Không đạt"),
                }
