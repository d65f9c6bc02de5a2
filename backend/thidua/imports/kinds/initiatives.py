"""Initiatives by (`unit_code`, `school_year`, `title`) with `authors` as `code:share;code:share` (a lone
author needs no share). Recognition stays a separate, reviewed action: a recognised initiative, or one
an award used, is frozen and its rows are refused unless unchanged."""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.imports.kinds import base
from thidua.imports.kinds.base import EXPORT_BATCH, Column, ExportFilters, ImportContext, ImportKind, M, Row
from thidua.imports.schemas import ImportKindName
from thidua.initiatives.models import INITIATIVE_KIND_LABELS_VI, Initiative, InitiativeAuthor, InitiativeKind
from thidua.units.models import StaffMember

T = Initiative.__table__  # type: ignore[attr-defined]
AU = InitiativeAuthor.__table__  # type: ignore[attr-defined]
S = StaffMember.__table__  # type: ignore[attr-defined]
HUNDRED = Decimal(100)
_KIND = base.choice(InitiativeKind, INITIATIVE_KIND_LABELS_VI)

Key = tuple[int, str, str]


def parse_authors(text: str) -> list[tuple[str, Decimal | None]]:
    out: list[tuple[str, Decimal | None]] = []
    for part in base.listed(text):
        staff_code, _, share_text = part.partition(":")
        share: Decimal | None = None
        if share_text.strip():
            share = base.decimal(share_text.strip().rstrip("%"))
            if not 0 < share <= HUNDRED or share != share.quantize(Decimal("0.01")):
                raise base.CellError(
                    (
                        f"Tỷ lệ đóng góp của '{staff_code}' phải lớn hơn 0, tối đa 100, 2 chữ số thập phân.",
                        f"The share of '{staff_code}' must be above 0, at most 100, with 2 decimals at most.",
                    )
                )
        out.append((staff_code.strip(), share))
    if len(out) == 1 and out[0][1] is None:
        return [(out[0][0], HUNDRED)]
    if any(share is None for _, share in out):
        raise base.CellError(
            (
                "Có nhiều tác giả: ghi tỷ lệ cho từng người, ví dụ A-01:60;A-02:40.",
                "Several authors: give each one's share, e.g. A-01:60;A-02:40.",
            )
        )
    return out


class InitiativesKind(ImportKind):
    name = ImportKindName.initiatives
    family = "initiatives"
    label_vi = "Sáng kiến, giải pháp, học liệu số"
    label_en = "Initiatives"
    write_permissions = (Permission.initiatives_write,)
    read_permission = Permission.initiatives_read
    chunk_size = 500
    columns = (
        Column(
            "unit_code",
            "code",
            "Mã đơn vị có sáng kiến",
            "Code of the unit",
            "THCS-TT",
            required=True,
            key=True,
            aliases=("mã đơn vị", "đơn vị"),
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

    def process_chunk(self, ctx: ImportContext, rows: list[Row]) -> None:
        seen: set[Key] = ctx.state.setdefault("seen", set())
        parsed = []
        for number, cells in rows:
            r = self.reader(number, cells)
            unit_code = r.get("unit_code", base.code)
            year = r.get("school_year", base.school_year)
            title = r.get("title", base.text_of(500))
            kind = r.get("kind", _KIND)
            summary = r.get("summary", base.text_of(8000)) or ""
            authors = r.get("authors", parse_authors) or []
            if len(authors) > 50:
                r.fail("authors", M.out_of_range(1, 50))
            unit = ctx.units.find(unit_code) if unit_code else None
            if unit_code and (unit is None or not ctx.sees(unit.id)):
                r.fail("unit_code", M.not_in_scope("đơn vị", "unit", unit_code))
            parsed.append((r, unit, year, title, kind, summary, authors))
        ctx.staff.load(code for p in parsed for code, _ in p[6])
        existing = self._existing(ctx, [(p[1].id, p[2]) for p in parsed if p[1] and p[2]])
        for r, unit, year, title, kind, summary, authors in parsed:
            if ctx.reject_reader(r):
                continue
            assert unit and year and title and kind
            key: Key = (unit.id, year, title)
            if key in seen:
                r.fail("title", M.duplicate)
                ctx.reject_reader(r)
                continue
            seen.add(key)
            shares = base.staff_of_unit(
                ctx,
                r,
                "authors",
                ((staff_code, share or HUNDRED) for staff_code, share in authors),
                unit.id,
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
            if ctx.reject_reader(r):
                continue
            current = existing.get(key)
            values: dict[str, Any] = {"kind": kind.value}
            if r.has("summary") or current is None:
                values["summary"] = summary
            changed = current is not None and (
                any(current[k] != v for k, v in values.items()) or current["authors"] != shares
            )
            if changed and current is not None and (current["recognition_level"] or current["used"]):
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
                continue
            outcome = ctx.decide(r, current is not None, changed, "title")
            if outcome is None:
                continue
            if outcome == "create":
                row = base.new_versioned(
                    ctx.now,
                    {"unit_id": unit.id, "school_year": year, "title": title, "evidence_links": [], **values},
                )
                new_id = ctx.conn.execute(insert(T).values(**row)).inserted_primary_key[0]  # type: ignore[index]
                self._set_authors(ctx, new_id, shares)
                existing[key] = {
                    "id": new_id,
                    "authors": shares,
                    "recognition_level": None,
                    "used": False,
                    **values,
                }
            elif outcome == "update":
                assert current is not None
                ctx.conn.execute(
                    update(T)
                    .where(T.c.id == current["id"])
                    .values(**base.versioned_changes(ctx.now, T, values))
                )
                if current["authors"] != shares:
                    ctx.conn.execute(delete(AU).where(AU.c.initiative_id == current["id"]))
                    self._set_authors(ctx, current["id"], shares)
                current.update(values, authors=shares)
            ctx.count(outcome)

    @staticmethod
    def _set_authors(ctx: ImportContext, initiative_id: int, shares: dict[int, Decimal]) -> None:
        ctx.conn.execute(
            insert(AU),
            [{"initiative_id": initiative_id, "staff_id": s, "share_percent": p} for s, p in shares.items()],
        )

    @staticmethod
    def _existing(ctx: ImportContext, wanted: list[tuple[int, str]]) -> dict[Key, dict[str, Any]]:
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
        found: dict[Key, dict[str, Any]] = {}
        by_id: dict[int, dict[str, Any]] = {}
        for i in ctx.conn.execute(query):
            item = {
                "id": i.id,
                "kind": i.kind,
                "summary": i.summary,
                "authors": {},
                "recognition_level": i.recognition_level,
                "used": i.used_by_achievement_id is not None,
            }
            found[(i.unit_id, i.school_year, i.title)] = item
            by_id[i.id] = item
        for batch in base.chunked(sorted(by_id), 1000):
            query2 = select(AU.c.initiative_id, AU.c.staff_id, AU.c.share_percent).where(
                AU.c.initiative_id.in_(batch)
            )
            for a in ctx.conn.execute(query2):
                by_id[a.initiative_id]["authors"][a.staff_id] = a.share_percent
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
            authors: dict[int, list[str]] = {}
            rows = (
                select(AU.c.initiative_id, AU.c.share_percent, S.c.code)
                .join(S, S.c.id == AU.c.staff_id)
                .where(AU.c.initiative_id.in_([i.id for i in batch]))
                .order_by(AU.c.id)
            )
            for a in conn.execute(rows):
                share = format(a.share_percent.normalize(), "f")
                authors.setdefault(a.initiative_id, []).append(f"{a.code}:{share}")
            for i in batch:
                yield {
                    "unit_code": directory.code_of(i.unit_id),
                    "school_year": i.school_year,
                    "title": i.title,
                    "kind": i.kind,
                    "summary": i.summary,
                    "authors": authors.get(i.id, []),
                }
            last = batch[-1].id
