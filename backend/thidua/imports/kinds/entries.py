"""Self-assessment values by (`unit_code` or `staff_code`, `indicator_code`, `school_year`).

Built for volume: per chunk, the natural keys are looked up with one query each, the rows checked in
memory, and the values written with executemany (no ORM object per row). The subject's
self-assessment for the active scorecard of its kind is created as a draft when missing; values of a
submitted or verified assessment, and of computed indicators, are refused with the reason.

An entry "exists" (for the strategies) when it holds a value or a note. Duplicate keys are found with
one bit per indicator per assessment, so memory stays small on a million rows.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Select, select, update

from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.assessments.service import EDITABLE, check_value
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.core.models import Decimal2
from thidua.frameworks.models import Framework, Indicator
from thidua.imports import bulk
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import Column, ExportFilters, ImportKind
from thidua.imports.lookups import UnitDirectory
from thidua.imports.messages import M, Message
from thidua.imports.parsing import Row
from thidua.imports.schemas import ImportKindName, Strategy
from thidua.imports.steps import parse
from thidua.movements.models import Movement
from thidua.movements.service import school_years
from thidua.units.models import StaffMember, Unit

A = SelfAssessment.__table__  # type: ignore[attr-defined]
E = AssessmentEntry.__table__  # type: ignore[attr-defined]
I = Indicator.__table__  # type: ignore[attr-defined]  # noqa: E741
F = Framework.__table__  # type: ignore[attr-defined]
MV = Movement.__table__  # type: ignore[attr-defined]
U = Unit.__table__  # type: ignore[attr-defined]
S = StaffMember.__table__  # type: ignore[attr-defined]

LIMIT = Decimal(1_000_000_000)
_SUBJECT = {"unit": ("đơn vị", "unit"), "individual": ("cá nhân", "individual")}
_BOTH: Message = (
    "Chỉ điền một trong hai cột: unit_code (đánh giá đơn vị) hoặc staff_code (đánh giá cá nhân).",
    "Fill either unit_code (a unit assessment) or staff_code (an individual one), not both.",
)
_NEITHER: Message = (
    "Cần unit_code (đánh giá đơn vị) hoặc staff_code (đánh giá cá nhân).",
    "unit_code (a unit assessment) or staff_code (an individual one) is required.",
)
_COMPUTED: Message = (
    "Chỉ tiêu này do hệ thống tự tính; không nhập giá trị.",
    "This indicator is computed by the system; it takes no value.",
)


def _value_reason_en(ind: Indicator, reason: str) -> str:
    if reason.startswith("Tối đa 2"):
        return "At most 2 decimal places."
    kind = ind.kind
    if kind == "boolean":
        return "Only 0 (no) or 1 (yes)."
    if kind == "percent":
        return "A percentage from 0 to 100."
    if kind == "level":
        return "One of the levels: " + ", ".join(str(lv["value"]) for lv in ind.levels) + "."
    return "A whole number, 0 or more."


@dataclass
class _Indicator:
    id: int
    framework_id: int
    framework_code: str
    bit: int
    computed: bool
    model: Indicator
    # value text -> (value, stored hundredths) or why it does not fit; files repeat their values a lot
    values: dict[str, tuple[Decimal, int] | Message] = field(default_factory=dict)


_STORE = Decimal2().process_bind_param


def _parse_value(ind: _Indicator, text: str) -> tuple[Decimal, int] | Message:
    try:
        value = parse.decimal(text)
    except parse.CellError as exc:
        return exc.message
    if not -LIMIT <= value <= LIMIT:
        return M.out_of_range(-LIMIT, LIMIT)
    reason = check_value(ind.model, value)
    if reason:
        return (reason, _value_reason_en(ind.model, reason))
    stored = _STORE(value, None)
    assert stored is not None
    return value, stored


MADE, TOUCHED = 1, 2  # low bits of _State.flags; indicator bits start at 4
CACHE_LIMIT = 50_000  # resolved subjects and assessments kept between chunks


class _State:
    """What the import learns once and keeps: active scorecards, assessments, keys seen."""

    def __init__(self, conn: Connection) -> None:
        self.years: dict[int, dict[str, str]] = {}
        self.spans: dict[int, str] = {}
        self.by_code: dict[tuple[str, str], list[_Indicator]] = {}
        frameworks = conn.execute(
            select(F.c.id, F.c.code, F.c.subject_kind, MV.c.start_year, MV.c.end_year)
            .join(MV, MV.c.id == F.c.movement_id)
            .where(F.c.status == "active")
        ).all()
        kinds = {}
        for fw in frameworks:
            self.years[fw.id] = {y: y for y in school_years(fw.start_year, fw.end_year)}
            self.spans[fw.id] = f"{fw.start_year}–{fw.end_year}"
            kinds[fw.id] = (fw.subject_kind, fw.code)
        if kinds:
            rows = conn.execute(
                select(I).where(I.c.framework_id.in_(kinds)).order_by(I.c.framework_id, I.c.id)
            ).all()
            position: dict[int, int] = {}
            for row in rows:
                subject_kind, fw_code = kinds[row.framework_id]
                n = position.get(row.framework_id, 0)
                position[row.framework_id] = n + 1
                model = Indicator(**row._asdict())
                info = _Indicator(row.id, row.framework_id, fw_code, 4 << n, row.kind == "computed", model)
                self.by_code.setdefault((subject_kind, row.code.upper()), []).append(info)
        # (framework_id, subject_key, school_year) -> [assessment id, status]
        self.assessments: dict[tuple[int, str, str], tuple[int, str]] = {}
        # assessment id -> MADE | TOUCHED | the bits of the indicators given so far (one int each keeps
        # a million-row file small: no set per purpose)
        self.flags: dict[int, int] = {}
        self.subjects: dict[str, Any] = {}  # "staff code\0unit code" -> subject or refusal
        self.indicators: dict[str, dict[str, Any]] = {"unit": {}, "individual": {}}

    def load(self, conn: Connection, keys: set[tuple[int, str, str]]) -> None:
        for batch in bulk.chunked(sorted(keys), 2000):
            rows = bulk.fetch_in(
                conn,
                "SELECT id, framework_id, subject_key, school_year, status FROM self_assessment "
                "WHERE framework_id IN ({0}) AND school_year IN ({1}) AND subject_key IN ({2})",
                sorted({k[0] for k in batch}),
                sorted({k[2] for k in batch}),
                [k[1] for k in batch],
            )
            for assessment_id, framework_id, subject_key, year, status in rows:
                self.assessments[(framework_id, subject_key, year)] = (assessment_id, status)


_Pending = tuple[int, tuple[int, str, str], _Indicator, int | None, str | None]


class EntriesKind(ImportKind):
    name = ImportKindName.assessment_entries
    family = "assessments"
    label_vi = "Giá trị tự đánh giá"
    label_en = "Self-assessment values"
    write_permissions = (Permission.assessments_fill, Permission.assessments_review)
    read_permission = Permission.assessments_read
    chunk_size = 5000
    columns = (
        Column(
            "unit_code",
            "code",
            "Mã trường (đánh giá đơn vị); để trống nếu là cá nhân",
            "School code (unit assessment); empty for an individual",
            "THCS-TT",
            key=True,
            aliases=("mã đơn vị", "đơn vị"),
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
        Column(
            "school_year",
            "school_year",
            "Năm học, ví dụ 2025-2026",
            "School year, e.g. 2025-2026",
            "2025-2026",
            required=True,
            key=True,
            aliases=("năm học",),
        ),
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

    def _subject(
        self, ctx: ImportContext, staff_code: str, unit_code: str
    ) -> tuple[str, str, int, int | None] | tuple[str, Message]:
        """(subject kind, subject key, unit id, staff id), or (column, why not)."""
        if staff_code:
            if unit_code:
                return "unit_code", _BOTH
            staff = ctx.staff.find(staff_code)
            if staff is None or not ctx.sees(staff.unit_id):
                return "staff_code", M.not_in_scope("cán bộ", "staff member", staff_code)
            return "individual", f"staff:{staff.id}", staff.unit_id, staff.id
        if not unit_code:
            return "unit_code", _NEITHER
        unit = ctx.units.find(unit_code)
        if unit is None or not ctx.sees(unit.id):
            return "unit_code", M.not_in_scope("đơn vị", "unit", unit_code)
        if unit.kind != "school":
            return "unit_code", (
                f"Bảng điểm đơn vị dành cho cơ sở giáo dục; '{unit.code}' không phải trường học.",
                f"Unit scorecards are for schools; '{unit.code}' is not a school.",
            )
        return "unit", f"unit:{unit.id}", unit.id, None

    @staticmethod
    def _indicator(
        st: _State, subject_kind: str, ind_code: str, fw_code: str
    ) -> _Indicator | tuple[str, Message]:
        """The indicator a row means, or (column, why not)."""
        if not ind_code:
            return "indicator_code", M.required
        candidates = st.by_code.get((subject_kind, ind_code.upper()))
        if candidates and fw_code:
            candidates = [c for c in candidates if c.framework_code.upper() == fw_code.upper()]
        if not candidates:
            what = _SUBJECT[subject_kind]
            named = f" '{fw_code}'." if fw_code else "."
            return "indicator_code", (
                f"Không có chỉ tiêu mã '{ind_code}' trong bảng điểm {what[0]} đang sử dụng{named}",
                f"No indicator '{ind_code}' in the active {what[1]} scorecard{named}",
            )
        if len(candidates) > 1:
            listed = ", ".join(c.framework_code for c in candidates)
            return "framework_code", (
                f"Chỉ tiêu '{ind_code}' có trong nhiều bảng điểm đang dùng ({listed}); "
                "hãy điền cột framework_code.",
                f"Indicator '{ind_code}' is in several active scorecards ({listed}); fill framework_code.",
            )
        if candidates[0].computed:
            return "indicator_code", _COMPUTED
        return candidates[0]

    @staticmethod
    def _year_problem(st: _State, ind: _Indicator, year: str) -> Message:
        try:
            parse.school_year(year)
        except parse.CellError as exc:
            return exc.message if year else M.required
        span = st.spans[ind.framework_id]
        return (
            f"Năm học phải nằm trong thời gian phong trào ({span}).",
            f"The school year must fall within the movement ({span}).",
        )

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        st: _State = ctx.state.get("entries") or ctx.state.setdefault("entries", _State(ctx.conn))
        reject = ctx.reject
        ctx.staff.load(c["staff_code"] for _, c in rows if c.get("staff_code"))
        has_note = "note" in ctx.present
        # Files repeat their subjects and indicators row after row: each is resolved once per import.
        if len(st.assessments) > CACHE_LIMIT:
            st.assessments.clear()  # looked up again when needed: memory stays flat on huge files
        if len(st.subjects) > CACHE_LIMIT:
            st.subjects.clear()
        subjects, indicators, assessments, years = st.subjects, st.indicators, st.assessments, st.years
        pending: list[_Pending] = []
        wanted: dict[tuple[int, str, str], tuple[str, int, int | None]] = {}
        for number, cells in rows:
            staff_code = cells.get("staff_code", "")
            unit_code = cells.get("unit_code", "")
            subject = subjects.get(staff_code + "\x00" + unit_code)
            if subject is None:
                subject = subjects[staff_code + "\x00" + unit_code] = self._subject(
                    ctx, staff_code, unit_code
                )
            if len(subject) == 2:
                column = subject[0]
                reject(number, column, cells.get(column, ""), subject[1])  # type: ignore[arg-type]
                continue
            subject_kind, subject_key, unit_id, staff_id = subject  # type: ignore[misc]
            ind_code = cells.get("indicator_code", "")
            fw_code = cells.get("framework_code", "")
            ind = indicators[subject_kind].get(ind_code + "\x00" + fw_code)
            if ind is None:
                ind = self._indicator(st, subject_kind, ind_code, fw_code)
                if len(indicators[subject_kind]) < 10_000:
                    indicators[subject_kind][ind_code + "\x00" + fw_code] = ind
            if type(ind) is not _Indicator:
                reject(number, ind[0], cells.get(ind[0], ""), ind[1])  # type: ignore[index]
                continue
            year = years[ind.framework_id].get(cells.get("school_year", ""))  # the one shared string
            if year is None:
                text = cells.get("school_year", "")
                reject(number, "school_year", text, self._year_problem(st, ind, text))
                continue
            text = cells.get("value", "")
            stored: int | None = None
            if text:
                parsed = ind.values.get(text)
                if parsed is None:
                    parsed = _parse_value(ind, text)
                    if len(ind.values) < 10_000:
                        ind.values[text] = parsed
                if type(parsed[0]) is str:
                    reject(number, "value", text, parsed)
                    continue
                stored = parsed[1]  # type: ignore[assignment]
            note: str | None = None
            if has_note:
                note = cells.get("note") or None
                if note is not None and len(note) > 2000:
                    reject(number, "note", note, M.too_long(2000))
                    continue
            key = (ind.framework_id, subject_key, year)
            if key not in assessments:
                wanted[key] = (subject_kind, unit_id, staff_id)
            pending.append((number, key, ind, stored, note))
        if wanted:
            st.load(ctx.conn, set(wanted))
            self._create_assessments(ctx, st, {k: v for k, v in wanted.items() if k not in assessments})
        self._write(ctx, st, pending, has_note)

    @staticmethod
    def _create_assessments(
        ctx: ImportContext, st: _State, wanted: dict[tuple[int, str, str], tuple[str, int, int | None]]
    ) -> None:
        """Draft self-assessments for subjects that have none yet (not under strategy 'update':
        there, a missing assessment means missing values, refused row by row)."""
        if not wanted or ctx.strategy == Strategy.update:
            return
        now = bulk.bound(ctx.conn, A.c.created_at, ctx.now)
        bulk.executemany(
            ctx.conn,
            "INSERT INTO self_assessment (framework_id, subject_kind, subject_key, unit_id, staff_id, "
            "school_year, status, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'draft', 1, ?, ?)",
            [
                (fw, kind, key, unit_id, staff_id, year, now, now)
                for (fw, key, year), (kind, unit_id, staff_id) in wanted.items()
            ],
        )
        st.load(ctx.conn, set(wanted))
        flags = st.flags
        for k in wanted:
            assessment_id = st.assessments[k][0]
            flags[assessment_id] = flags.get(assessment_id, 0) | MADE

    @staticmethod
    def _write(
        ctx: ImportContext,
        st: _State,
        pending: list[_Pending],
        has_note: bool,
    ) -> None:
        reject, flags, assessments = ctx.reject, st.flags, st.assessments
        # What is stored now, as the stored hundredths (no Decimal per row); new assessments have none.
        ids = {
            a[0]
            for a in (assessments.get(k) for k in {p[1] for p in pending})
            if a and not flags.get(a[0], 0) & MADE
        }
        existing: dict[tuple[int, int], tuple[int, int | None, str | None]] = {}
        for batch in bulk.chunked(sorted(ids), 2000):
            rows = bulk.fetch_in(
                ctx.conn,
                "SELECT id, assessment_id, indicator_id, self_value, note FROM assessment_entry "
                "WHERE assessment_id IN ({0})",
                batch,
            )
            for entry_id, assessment_id, indicator_id, value, note in rows:
                existing[(assessment_id, indicator_id)] = (entry_id, value, note)
        now = bulk.bound(ctx.conn, E.c.updated_at, ctx.now)
        strategy = ctx.strategy
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        for number, key, ind, stored, note in pending:
            found = assessments.get(key)
            if found is None:  # strategy update, and the subject has no assessment for the year
                reject(number, "indicator_code", ind.model.code, M.missing)
                continue
            assessment_id, status = found
            if status not in EDITABLE:
                reject(
                    number,
                    "school_year",
                    key[2],
                    (
                        f"Bản tự đánh giá năm học {key[2]} đã nộp hoặc đã được xác nhận "
                        f"(trạng thái '{status}'); không sửa được giá trị.",
                        f"The self-assessment for {key[2]} is {status}; its values cannot change.",
                    ),
                )
                continue
            bits = flags.get(assessment_id, 0)
            if bits & ind.bit:
                reject(number, "indicator_code", ind.model.code, M.duplicate)
                continue
            bits |= ind.bit
            flags[assessment_id] = bits
            e = existing.get((assessment_id, ind.id))
            if e is not None and (e[1] is not None or e[2] is not None):
                if e[1] == stored and (not has_note or e[2] == note):
                    ctx.unchanged += 1
                    continue
                if strategy == Strategy.create:
                    reject(number, "indicator_code", ind.model.code, M.exists)
                    continue
                ctx.updated += 1
            else:
                if stored is None and note is None:
                    ctx.unchanged += 1  # nothing stored, nothing to store
                    continue
                if strategy == Strategy.update:
                    reject(number, "indicator_code", ind.model.code, M.missing)
                    continue
                ctx.created += 1
            flags[assessment_id] = bits | TOUCHED
            if e is None:
                inserts.append((assessment_id, ind.id, stored, note, now))
            else:
                updates.append((stored, note if has_note else e[2], now, e[0]))
        if inserts:
            bulk.executemany(
                ctx.conn,
                "INSERT INTO assessment_entry (assessment_id, indicator_id, self_value, note, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                inserts,
            )
        if updates:
            bulk.executemany(
                ctx.conn,
                "UPDATE assessment_entry SET self_value = ?, note = ?, updated_at = ? WHERE id = ?",
                updates,
            )

    def finish(self, ctx: ImportContext) -> None:
        """Each changed assessment's version moves once (its ETag tells of the new values)."""
        st: _State | None = ctx.state.get("entries")
        if st is None:
            return
        changed = sorted(a for a, bits in st.flags.items() if bits & (MADE | TOUCHED) == TOUCHED)
        for batch in bulk.chunked(changed, 2000):  # the new ones stay at version 1
            ctx.conn.execute(
                update(A).where(A.c.id.in_(batch)).values(version=A.c.version + 1, updated_at=ctx.now)
            )

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
