"""Activities by (`unit_code`, `kind`, `activity_date`, `title`) with `attendees` as `;`-separated staff
codes (`code:0` for someone who did not complete a training)."""

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from thidua.activities.models import ACTIVITY_KIND_LABELS_VI, Activity, ActivityKind, Attendance
from thidua.activities.service import school_year_of
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export, staffed
from thidua.imports.kinds.base import Column, ExportFilters, unit_code
from thidua.imports.lookups import UnitDirectory, UnitInfo
from thidua.imports.messages import M
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, validate, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change
from thidua.units.models import StaffMember

T = Activity.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
AT = Attendance.__table__  # type: ignore[attr-defined]
S = StaffMember.__table__  # type: ignore[attr-defined]
_KIND = parse.choice(ActivityKind, ACTIVITY_KIND_LABELS_VI)
_DONE = {"1": True, "true": True, "x": True, "có": True, "0": False, "false": False, "không": False}

Key = tuple[int, str, date, str]


def parse_attendees(text: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for part in parse.listed(text):
        staff_code, _, flag = part.partition(":")
        done = _DONE.get(flag.strip().lower()) if flag else True
        if done is None or not staff_code.strip():
            raise parse.CellError(
                (
                    f"'{part}' không hợp lệ; ghi mã cán bộ, thêm ':0' nếu chưa hoàn thành "
                    "(ví dụ A-01;A-02:0).",
                    f"'{part}' is not valid; give staff codes, ':0' for not completed (e.g. A-01;A-02:0).",
                )
            )
        out.append((staff_code.strip(), done))
    return out


@dataclass
class ActivityRow:
    unit: UnitInfo | None
    kind: ActivityKind | None
    day: date | None
    title: str | None
    description: str
    learners: int
    attendees: list[tuple[str, bool]]
    current: dict[str, Any] | None = None  # the stored activity: id, description, learner_count, attendees
    people: dict[int, bool] | None = None  # staff id -> completed, as the row lists them


class ActivitiesKind(staffed.StaffedKind[ActivityRow]):
    name = ImportKindName.activities
    family = "activities"
    label_vi = "Hoạt động và danh sách tham dự"
    label_en = "Activities with attendance"
    write_permissions = (Permission.activities_write,)
    read_permission = Permission.activities_read
    chunk_size = 500
    key_column = "title"
    links, owner_column, value_column = AT, "activity_id", "completed"
    columns = (
        unit_code("Mã đơn vị tổ chức", "Code of the organising unit", required=True, key=True),
        Column(
            "kind",
            "enum",
            "Loại hoạt động",
            "Kind of activity",
            "training",
            required=True,
            key=True,
            choices=tuple(k.value for k in ActivityKind),
            aliases=("loại", "loại hoạt động"),
        ),
        Column(
            "activity_date",
            "date",
            "Ngày tổ chức (YYYY-MM-DD)",
            "Date held (YYYY-MM-DD)",
            "2025-10-15",
            required=True,
            key=True,
            aliases=("ngày", "ngày tổ chức", "date"),
        ),
        Column(
            "title",
            "string",
            "Tên hoạt động",
            "Title",
            'Lớp bồi dưỡng "Bình dân học vụ số" đợt 1',
            required=True,
            key=True,
            aliases=("tên hoạt động", "tên"),
        ),
        Column("description", "string", "Mô tả", "Description", "", aliases=("mô tả", "nội dung")),
        Column(
            "learner_count",
            "integer",
            "Số người học tham gia (chỉ số lượng)",
            "Number of learners (a count only)",
            "120",
            aliases=("số người học",),
        ),
        Column(
            "attendees",
            "list",
            "Mã cán bộ tham dự, cách nhau bởi ; (thêm :0 nếu chưa hoàn thành)",
            "Attending staff codes separated by ; (add :0 when not completed)",
            "TT-001;TT-002:0",
            aliases=("người tham dự", "danh sách tham dự"),
        ),
    )

    def read(self, ctx: ImportContext, r: RowReader) -> ActivityRow:
        unit_code = r.get("unit_code", parse.code)
        record = ActivityRow(
            unit=None,
            kind=r.get("kind", _KIND),
            day=r.get("activity_date", parse.day),
            title=r.get("title", parse.text_of(300)),
            description=r.get("description", parse.text_of(4000)) or "",
            learners=r.get("learner_count", parse.integer(0, 100_000)) or 0,
            attendees=r.get("attendees", parse_attendees) or [],
        )
        if len(record.attendees) > 2000:
            r.fail("attendees", M.out_of_range(0, 2000))
        record.unit = validate.unit_in_scope(ctx, r, "unit_code", unit_code)
        return record

    def key(self, record: ActivityRow) -> Hashable:
        assert record.unit and record.kind and record.day and record.title
        return (record.unit.id, record.kind.value, record.day, record.title)

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, ActivityRow]]) -> None:
        ctx.staff.load(code for _, record in parsed for code, _ in record.attendees)
        wanted = [(record.unit.id, record.day) for _, record in parsed if record.unit and record.day]
        stored = _stored(ctx, wanted)
        for r, record in parsed:
            if not r.problems:
                record.current = stored.get(self.key(record))

    def check(self, ctx: ImportContext, r: RowReader, record: ActivityRow) -> None:
        assert record.unit
        record.people = validate.staff_of_unit(
            ctx,
            r,
            "attendees",
            record.attendees,
            record.unit.id,
            lambda staff_code: (
                f"Không có cán bộ '{staff_code}' trong đơn vị tổ chức.",
                f"No staff member '{staff_code}' in the organising unit.",
            ),
            ("Cán bộ bị trùng trong danh sách.", "A staff member is listed twice."),
        )

    def change(self, ctx: ImportContext, r: RowReader, record: ActivityRow) -> Change:
        current = record.current
        values: dict[str, Any] = {}
        if r.has("description") or current is None:
            values["description"] = record.description
        if r.has("learner_count") or current is None:
            values["learner_count"] = record.learners
        if not (r.has("attendees") or current is None):
            record.people = None  # the file has no attendees: they stay as they are
        changed = current is not None and (
            write.differs(current, values)
            or (record.people is not None and current["attendees"] != record.people)
        )
        return Change(current is not None, values, changed)

    def create(self, ctx: ImportContext, record: ActivityRow, values: dict[str, Any]) -> None:
        assert record.unit and record.kind and record.day and record.people is not None
        row = {
            "unit_id": record.unit.id,
            "kind": record.kind.value,
            "title": record.title,
            "activity_date": record.day,
            "school_year": school_year_of(record.day),
            "evidence_links": [],
            **values,
        }
        self.link_people(ctx, write.insert_versioned(ctx, T, row), record.people)

    def update(self, ctx: ImportContext, record: ActivityRow, values: dict[str, Any]) -> None:
        current = record.current
        assert current is not None
        write.update_versioned(ctx, T, current["id"], values)
        if record.people is not None and record.people != current["attendees"]:
            self.relink_people(ctx, current["id"], record.people)
            current["attendees"] = record.people
        current.update(values)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = UnitDirectory(conn)
        query = export.within(select(T), actor, filters, T.c.unit_id, directory.subtree, T.c.school_year)
        for batch in export.batches(conn, query, T.c.id):
            people = self.people_cells(conn, [a.id for a in batch], S.c.code)
            for a in batch:
                yield {
                    "unit_code": directory.code_of(a.unit_id),
                    "kind": a.kind,
                    "activity_date": a.activity_date,
                    "title": a.title,
                    "description": a.description,
                    "learner_count": a.learner_count,
                    "attendees": people.get(a.id, []),
                }

    @staticmethod
    def cell(code: str, completed: Any) -> str:
        return code if completed else f"{code}:0"


def _stored(ctx: ImportContext, wanted: list[tuple[int, date]]) -> dict[Hashable, dict[str, Any]]:
    if not wanted:
        return {}
    query = select(
        T.c.id, T.c.unit_id, T.c.kind, T.c.activity_date, T.c.title, T.c.description, T.c.learner_count
    ).where(T.c.unit_id.in_({w[0] for w in wanted}), T.c.activity_date.in_({w[1] for w in wanted}))
    found: dict[Hashable, dict[str, Any]] = {}
    for a in ctx.conn.execute(query):
        item = {"id": a.id, "description": a.description, "learner_count": a.learner_count, "attendees": {}}
        found[(a.unit_id, a.kind, a.activity_date, a.title)] = item
    ActivitiesKind.load_people(ctx.conn, found.values(), "attendees")
    return found
