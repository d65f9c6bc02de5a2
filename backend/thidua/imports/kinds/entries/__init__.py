"""Self-assessment values by (`unit_code` or `staff_code`, `indicator_code`, `school_year`).

Built for volume: per chunk, the natural keys are looked up with one query each, the rows checked in
memory, and the values written with executemany (no ORM object per row). The subject's
self-assessment for the active scorecard of its kind is created as a draft when missing; values of a
submitted or verified assessment, and of computed indicators, are refused with the reason.

An entry "exists" (for the strategies) when it holds a value or a note. Duplicate keys are found with
one bit per indicator per assessment, so memory stays small on a million rows.
"""

from collections.abc import Collection, Iterator
from typing import Any

from sqlalchemy import Connection, Select, select

from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.frameworks.models import Framework, Indicator
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import SCHOOL_YEAR_KEY, Column, ExportFilters, ImportKind, unit_code
from thidua.imports.kinds.entries import write
from thidua.imports.kinds.entries.catalogue import CACHE_LIMIT, State
from thidua.imports.kinds.entries.validate import check_rows
from thidua.imports.lookups import UnitDirectory
from thidua.imports.parsing import Row
from thidua.imports.schemas import ImportKindName
from thidua.units.models import StaffMember, Unit

A = SelfAssessment.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
E = AssessmentEntry.__table__  # type: ignore[attr-defined]
I = Indicator.__table__  # type: ignore[attr-defined]  # noqa: E741
F = Framework.__table__  # type: ignore[attr-defined]
U = Unit.__table__  # type: ignore[attr-defined]
S = StaffMember.__table__  # type: ignore[attr-defined]


class EntriesKind(ImportKind):
    name = ImportKindName.assessment_entries
    family = "assessments"
    label_vi = "Giá trị tự đánh giá"
    label_en = "Self-assessment values"
    write_permissions = (Permission.assessments_fill, Permission.assessments_review)
    read_permission = Permission.assessments_read
    chunk_size = 5000
    columns = (
        unit_code(
            "Mã trường (đánh giá đơn vị); để trống nếu là cá nhân",
            "School code (unit assessment); empty for an individual",
            key=True,
        ),
        Column(
            "staff_code",
            "code",
            "Mã cán bộ (đánh giá cá nhân); để trống nếu là đơn vị",
            "Staff code (individual assessment); empty for a unit",
            "",
            key=True,
            aliases=("mã cán bộ", "cán bộ"),
        ),
        Column(
            "indicator_code",
            "code",
            "Mã chỉ tiêu trong bảng điểm, ví dụ TC2.1",
            "Indicator code, e.g. TC2.1",
            "TC2.1",
            required=True,
            key=True,
            aliases=("mã chỉ tiêu", "chỉ tiêu"),
        ),
        SCHOOL_YEAR_KEY,
        Column(
            "value",
            "decimal",
            "Giá trị tự đánh giá; để trống để xóa giá trị",
            "Self-assessed value; empty clears it",
            "80",
            required=True,
            nonempty=False,
            aliases=("giá trị",),
        ),
        Column(
            "note",
            "string",
            "Ghi chú (tùy chọn); không có cột này thì giữ ghi chú cũ",
            "Note (optional); without this column notes are kept",
            "",
            aliases=("ghi chú",),
        ),
        Column(
            "framework_code",
            "code",
            "Mã bảng điểm, chỉ cần khi mã chỉ tiêu có trong nhiều bảng điểm",
            "Scorecard code, needed only when the indicator code is in several scorecards",
            "BDC-CSGD",
            aliases=("mã bảng điểm", "bảng điểm"),
        ),
    )

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        """Check the chunk's rows (validate), find or make the assessments they need, write the values."""
        st: State = ctx.state.get("entries") or ctx.state.setdefault("entries", State(ctx.conn))
        ctx.staff.load(c["staff_code"] for _, c in rows if c.get("staff_code"))
        has_note = "note" in ctx.present
        if len(st.assessments) > CACHE_LIMIT:
            st.assessments.clear()  # looked up again when needed: memory stays flat on huge files
        if len(st.subjects) > CACHE_LIMIT:
            st.subjects.clear()
        pending, wanted = check_rows(ctx, st, rows, has_note)
        if wanted:
            st.load(ctx.conn, set(wanted))
            write.create_assessments(ctx, st, {k: v for k, v in wanted.items() if k not in st.assessments})
        write.write_entries(ctx, st, pending, has_note)

    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        st: State | None = ctx.state.get("entries")
        return sorted(st.flags) if st is not None else ()

    def finish(self, ctx: ImportContext) -> None:
        st: State | None = ctx.state.get("entries")
        if st is not None:
            write.bump_versions(ctx, st)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        """Values of the active scorecards (what an import would write back), computed ones left out."""
        query: Select[Any] = (
            select(
                E.c.id,
                E.c.self_value,
                E.c.note,
                A.c.staff_id,
                A.c.school_year,
                I.c.code.label("indicator_code"),
                F.c.code.label("framework_code"),
                U.c.code.label("unit_code"),
                S.c.code.label("staff_code"),
            )
            .join(A, A.c.id == E.c.assessment_id)
            .join(I, I.c.id == E.c.indicator_id)
            .join(F, F.c.id == A.c.framework_id)
            .join(U, U.c.id == A.c.unit_id)
            .outerjoin(S, S.c.id == A.c.staff_id)
            .where(
                F.c.status == "active",
                I.c.kind != "computed",
                (E.c.self_value.is_not(None)) | (E.c.note.is_not(None)),
            )
        )
        query = export.within(
            query,
            actor,
            filters,
            A.c.unit_id,
            lambda unit_id: UnitDirectory(conn).subtree(unit_id),
            A.c.school_year,
        )
        for batch in export.batches(conn, query, E.c.id):
            for e in batch:
                yield {
                    "unit_code": None if e.staff_id else e.unit_code,
                    "staff_code": e.staff_code,
                    "indicator_code": e.indicator_code,
                    "school_year": e.school_year,
                    "value": e.self_value,
                    "note": e.note,
                    "framework_code": e.framework_code,
                }
