"""The communications log (seed V.2) by (`channel`, `output_date`, `title`): Trung tâm DVSNC kept its
broadcasts, portal articles, posts and bulletins in a spreadsheet; each row goes into the plan of its
date's school year (1 September to 31 August), which must exist. A file is attached on the log's page."""

from collections.abc import Collection, Hashable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from thidua.activities.service import school_year_of
from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.communications.models import CHANNEL_LABELS_VI, Channel, CommsOutput, CommsPlan
from thidua.core.models import same_commune
from thidua.imports.context import ImportContext
from thidua.imports.kinds import export
from thidua.imports.kinds.base import Column, ExportFilters, RowKind
from thidua.imports.schemas import ImportKindName
from thidua.imports.steps import parse, write
from thidua.imports.steps.parse import RowReader
from thidua.imports.steps.write import Change

T = CommsOutput.__table__  # type: ignore[attr-defined]  # SQLModel declares no __table__
P = CommsPlan.__table__  # type: ignore[attr-defined]
_CHANNEL = parse.choice(Channel, CHANNEL_LABELS_VI)


@dataclass
class OutputRow:
    channel: Channel | None
    day: date | None
    title: str | None
    url: str | None
    reach: int | None
    note: str | None
    plan_id: int | None = None
    existing: dict[str, Any] | None = None


def _mine(actor: Actor) -> Any:
    """The caller's commune's communications plans (no commune: a one-commune deployment's): the log
    it imports into, matches against and exports."""
    return same_commune(P.c.commune_id, actor.commune_id)


class CommsOutputsKind(RowKind[OutputRow]):
    name = ImportKindName.comms_outputs
    family = "communications"
    label_vi = "Nhật ký sản phẩm truyền thông"
    label_en = "Communications log"
    write_permissions = (Permission.comms_write,)
    read_permission = Permission.comms_read
    chunk_size = 500
    key_column = "title"
    columns = (
        Column(
            "channel",
            "enum",
            "Kênh: radio (đài truyền thanh xã), portal (cổng thông tin xã), social (mạng xã hội), bulletin "
            "(bản tin), video, conference (hội nghị), school_website (website trường)",
            "Channel: radio, portal, social, bulletin, video, conference, school_website",
            "radio",
            required=True,
            key=True,
            choices=tuple(c.value for c in Channel),
            aliases=("kênh", "kênh truyền thông"),
        ),
        Column(
            "output_date",
            "date",
            "Ngày phát sóng, đăng tải, phát hành (thuộc năm học đã có kế hoạch truyền thông)",
            "Date broadcast or published (in a school year that has a communications plan)",
            "2025-10-20",
            required=True,
            key=True,
            aliases=("ngày", "ngày đăng", "ngày phát"),
        ),
        Column(
            "title",
            "string",
            "Tên tin, bài, sản phẩm (khóa: cùng kênh, cùng ngày, cùng tên là cùng sản phẩm)",
            "Title (key: the same channel, date and title is the same output)",
            "Bản tin thi đua chuyển đổi số tuần 3",
            required=True,
            key=True,
            aliases=("tên sản phẩm", "tiêu đề", "tên"),
        ),
        Column(
            "url",
            "url",
            "Đường dẫn (http:// hoặc https://)",
            "Link (http:// or https://)",
            "https://thanhthuy.phutho.gov.vn/tin-tuc/1",
            aliases=("đường dẫn", "liên kết", "link"),
        ),
        Column(
            "reach",
            "integer",
            "Lượt tiếp cận (người nghe, lượt xem, người dự)",
            "Reach (listeners, views, attendees)",
            "1200",
            aliases=("lượt tiếp cận", "lượt xem"),
        ),
        Column("note", "string", "Ghi chú", "Note", "", aliases=("ghi chú",)),
    )

    def rescored(self, ctx: ImportContext) -> Collection[int] | None:
        return ()  # no score reads the log

    def read(self, ctx: ImportContext, r: RowReader) -> OutputRow:
        return OutputRow(
            channel=r.get("channel", _CHANNEL),
            day=r.get("output_date", parse.day),
            title=r.get("title", parse.text_of(300)),
            url=r.get("url", parse.url),
            reach=r.get("reach", parse.integer(0, 100_000_000)),
            note=r.get("note", parse.text_of(2000)),
        )

    def key(self, record: OutputRow) -> Hashable:
        assert record.channel and record.day and record.title
        return (record.channel.value, record.day, record.title)

    def load(self, ctx: ImportContext, parsed: list[tuple[RowReader, OutputRow]]) -> None:
        plans: dict[str, int] = ctx.state.setdefault(
            "plans",
            {
                p.school_year: p.id
                for p in ctx.conn.execute(select(P.c.id, P.c.school_year).where(_mine(ctx.actor)))
            },
        )
        known: dict[Hashable, dict[str, Any]] = ctx.state.setdefault("outputs", {})
        days = {rec.day for r, rec in parsed if not r.problems and rec.day}
        if days:
            mine = T.c.plan_id.in_(select(P.c.id).where(_mine(ctx.actor)))
            for row in ctx.conn.execute(
                select(T).where(T.c.output_date.in_(days), mine).order_by(T.c.id)
            ).mappings():
                known.setdefault((row["channel"], row["output_date"], row["title"]), dict(row))
        for r, rec in parsed:
            if r.problems or not (rec.channel and rec.day and rec.title):
                continue
            rec.plan_id = plans.get(school_year_of(rec.day))
            rec.existing = known.get(self.key(rec))

    def check(self, ctx: ImportContext, r: RowReader, record: OutputRow) -> None:
        if record.plan_id is None and record.day is not None:
            year = school_year_of(record.day)
            r.fail(
                "output_date",
                (
                    f"Năm học {year} chưa có kế hoạch truyền thông; "
                    "lập kế hoạch năm học trước khi ghi nhật ký.",
                    f"School year {year} has no communications plan; create the plan first.",
                ),
            )

    def change(self, ctx: ImportContext, r: RowReader, record: OutputRow) -> Change:
        existing = record.existing
        values: dict[str, Any] = {}
        for column, value in (("url", record.url), ("reach", record.reach), ("note", record.note or "")):
            if r.has(column) or existing is None:
                values[column] = value
        changed = existing is not None and write.differs(existing, values)
        return Change(existing is not None, values, changed)

    def create(self, ctx: ImportContext, record: OutputRow, values: dict[str, Any]) -> None:
        assert record.channel and record.plan_id is not None
        row = {
            "plan_id": record.plan_id,
            "channel": record.channel.value,
            "output_date": record.day,
            "title": record.title,
            "created_by_id": ctx.actor.id,
            **values,
        }
        new_id = write.insert_versioned(ctx, T, row)
        # a later row of the same file naming it again is an update of this one
        ctx.state.setdefault("outputs", {})[self.key(record)] = {"id": new_id, **row}

    def update(self, ctx: ImportContext, record: OutputRow, values: dict[str, Any]) -> None:
        assert record.existing is not None
        write.update_versioned(ctx, T, record.existing["id"], values)
        record.existing.update(values)

    def export_rows(self, conn: Connection, actor: Actor, filters: ExportFilters) -> Iterator[dict[str, Any]]:
        # The log belongs to the commune: the whole of it (or one school year's) for whoever reads it.
        plans = select(P.c.id).where(_mine(actor))
        if filters.school_year is not None:
            plans = plans.where(P.c.school_year == filters.school_year)
        query = select(T).where(T.c.plan_id.in_(plans))
        for batch in export.batches(conn, query, T.c.id):
            for o in batch:
                yield {
                    "channel": o.channel,
                    "output_date": o.output_date,
                    "title": o.title,
                    "url": o.url or "",
                    "reach": o.reach,
                    "note": o.note,
                }
