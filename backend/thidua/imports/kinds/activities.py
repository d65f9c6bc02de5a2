"""Activities by (`unit_code`, `kind`, `activity_date`, `title`) with `attendees` as `;`-separated staff
codes (`code:0` for someone who did not complete a training)."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from thidua.activities.models import ACTIVITY_KIND_LABELS_VI, Activity, ActivityKind, Attendance
from thidua.activities.service import school_year_of
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.kinds import base
from thidua.imports.kinds.base import EXPORT_BATCH, Column, ExportFilters, ImportContext, ImportKind, M, Row
from thidua.imports.schemas import ImportKindName
from thidua.units.models import StaffMember

T = Activity.__table__  # type: ignore[attr-defined]
AT = Attendance.__table__  # type: ignore[attr-defined]
S = StaffMember.__table__  # type: ignore[attr-defined]
_KIND = base.choice(ActivityKind, ACTIVITY_KIND_LABELS_VI)
_DONE = {"1": True, "true": True, "x": True, "có": True, "0": False, "false": False, "không": False}

Key = tuple[int, str, date, str]


def parse_attendees(text: str) -> list[tuple[str, bool]]:
    out = []
    for part in base.listed(text):
        staff_code, _, flag = part.partition(":")
        done = _DONE.get(flag.strip().lower()) if flag else True
        if done is None or not staff_code.strip():
            raise base.CellError(
                (
                    f"'{part}' không hợp lệ; ghi mã cán bộ, thêm ':0' nếu chưa hoàn thành "
                    "(ví dụ A-01;A-02:0).",
                    f"'{part}' is not valid; give staff codes, ':0' for not completed (e.g. A-01;A-02:0).",
                )
            )
        out.append((staff_code.strip(), done))
    return out


class ActivitiesKind(ImportKind):
    name = ImportKindName.activities
    family = "activities"
    label_vi = "Hoạt động và danh sách tham dự"
    label_en = "Activities with attendance"
    write_permissions = (Permission.activities_write,)
    read_permission = Permission.activities_read
    chunk_size = 500
    columns = (
        Column(
            "unit_code",
            "code",
            "Mã đơn vị tổ chức",
            "Code of the organising unit",
            "THCS-TT",
            required=True,
            key=True,
            aliases=("mã đơn vị", "đơn vị"),
        ),
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

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        seen: set[Key] = ctx.state.setdefault("seen", set())
        parsed = []
        for number, cells in rows:
            r = self.reader(number, cells)
            unit_code = r.get("unit_code", base.code)
            kind = r.get("kind", _KIND)
            day = r.get("activity_date", base.day)
            title = r.get("title", base.text_of(300))
            description = r.get("description", base.text_of(4000)) or ""
            learners = r.get("learner_count", base.integer(0, 100_000)) or 0
            attendees = r.get("attendees", parse_attendees) or []
            if len(attendees) > 2000:
                r.fail("attendees", M.out_of_range(0, 2000))
            unit = ctx.units.find(unit_code) if unit_code else None
            if unit_code and (unit is None or not ctx.sees(unit.id)):
                r.fail("unit_code", M.not_in_scope("đơn vị", "unit", unit_code))
            parsed.append((r, unit, kind, day, title, description, learners, attendees))
        ctx.staff.load(code for p in parsed for code, _ in p[7])
        existing = self._existing(ctx, [(p[1].id, p[3]) for p in parsed if p[1] and p[3]])
        for r, unit, kind, day, title, description, learners, attendees in parsed:
            if r.problems:
                ctx.reject_reader(r)
                continue
            assert unit and kind and day and title
            key: Key = (unit.id, kind.value, day, title)
            if key in seen:
                r.fail("title", M.duplicate)
                ctx.reject_reader(r)
                continue
            seen.add(key)
            people = base.staff_of_unit(
                ctx,
                r,
                "attendees",
                attendees,
                unit.id,
                lambda staff_code: (
                    f"Không có cán bộ '{staff_code}' trong đơn vị tổ chức.",
                    f"No staff member '{staff_code}' in the organising unit.",
                ),
                ("Cán bộ bị trùng trong danh sách.", "A staff member is listed twice."),
            )
            if ctx.reject_reader(r):
                continue
            current = existing.get(key)
            values: dict[str, Any] = {}
            if r.has("description") or current is None:
                values["description"] = description
            if r.has("learner_count") or current is None:
                values["learner_count"] = learners
            new_people = people if (r.has("attendees") or current is None) else None
            changed = current is not None and (
                any(current[k] != v for k, v in values.items())
                or (new_people is not None and current["attendees"] != new_people)
            )
            outcome = ctx.decide(r, current is not None, changed, "title")
            if outcome is None:
                continue
            if outcome == "create":
                row = base.new_versioned(
                    ctx.now,
                    {
                        "unit_id": unit.id,
                        "kind": kind.value,
                        "title": title,
                        "activity_date": day,
                        "school_year": school_year_of(day),
                        "evidence_links": [],
                        **values,
                    },
                )
                activity_id = ctx.conn.execute(insert(T).values(**row)).inserted_primary_key[0]  # type: ignore[index]
                self._attend(ctx, activity_id, people)
                existing[key] = {"id": activity_id, "attendees": people, **values}
            elif outcome == "update":
                assert current is not None
                ctx.conn.execute(
                    update(T)
                    .where(T.c.id == current["id"])
                    .values(**base.versioned_changes(ctx.now, T, values))
                )
                if new_people is not None and new_people != current["attendees"]:
                    ctx.conn.execute(delete(AT).where(AT.c.activity_id == current["id"]))
                    self._attend(ctx, current["id"], new_people)
                    current["attendees"] = new_people
                current.update(values)
            ctx.count(outcome)

    @staticmethod
    def _attend(ctx: ImportContext, activity_id: int, people: dict[int, bool]) -> None:
        if people:
            ctx.conn.execute(
                insert(AT),
                [
                    {"activity_id": activity_id, "staff_id": s, "completed": done}
                    for s, done in people.items()
                ],
            )

    @staticmethod
    def _existing(ctx: ImportContext, wanted: list[tuple[int, date]]) -> dict[Key, dict[str, Any]]:
        if not wanted:
            return {}
        query = select(
            T.c.id, T.c.unit_id, T.c.kind, T.c.activity_date, T.c.title, T.c.description, T.c.learner_count
        ).where(T.c.unit_id.in_({w[0] for w in wanted}), T.c.activity_date.in_({w[1] for w in wanted}))
        found: dict[Key, dict[str, Any]] = {}
        by_id: dict[int, dict[str, Any]] = {}
        for a in ctx.conn.execute(query):
            item = {
                "id": a.id,
                "description": a.description,
                "learner_count": a.learner_count,
                "attendees": {},
            }
            found[(a.unit_id, a.kind, a.activity_date, a.title)] = item
            by_id[a.id] = item
        for batch in base.chunked(sorted(by_id), 1000):
            for at in ctx.conn.execute(
                select(AT.c.activity_id, AT.c.staff_id, AT.c.completed).where(AT.c.activity_id.in_(batch))
            ):
                by_id[at.activity_id]["attendees"][at.staff_id] = at.completed
        return found

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        directory = base.UnitDirectory(conn, actor)
        last = 0
        while True:
            query = select(T).where(T.c.id > last).order_by(T.c.id).limit(EXPORT_BATCH)
            if actor.visible_unit_ids is not None:
                query = query.where(T.c.unit_id.in_(actor.visible_unit_ids))
            if filters.unit_id is not None:
                query = query.where(T.c.unit_id.in_(directory.subtree(filters.unit_id)))
            if filters.school_year is not None:
                query = query.where(T.c.school_year == filters.school_year)
            batch = conn.execute(query).all()
            if not batch:
                return
            people: dict[int, list[str]] = {}
            attendance = (
                select(AT.c.activity_id, AT.c.completed, S.c.code)
                .join(S, S.c.id == AT.c.staff_id)
                .where(AT.c.activity_id.in_([a.id for a in batch]))
                .order_by(S.c.code)
            )
            for at in conn.execute(attendance):
                people.setdefault(at.activity_id, []).append(at.code if at.completed else f"{at.code}:0")
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
            last = batch[-1].id
