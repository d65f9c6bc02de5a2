"""The year's summary: allocated, spent and remaining by source and by school (JSON and XLSX), with
the partners' contributions and the cash rewards of the year's award decisions."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func
from sqlmodel import Session, col, select

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.awards.decisions.cash import MONEY_FORMAT, cash_totals
from thidua.awards.models import AwardRound
from thidua.budget import access
from thidua.budget.models import SOURCES, BudgetAllocation, BudgetSource, BudgetSpending, PartnerContribution
from thidua.budget.schemas import (
    BudgetSummary,
    CashRewards,
    Contributions,
    SourceSummary,
    SummaryLine,
    UnitSummary,
)
from thidua.budget.service import COMMUNE_ACTIVITIES, SOURCE_LABELS
from thidua.documents.spreadsheet import header, put
from thidua.units.models import Unit


def summary(session: Session, actor: Actor, movement_id: int, school_year: str) -> BudgetSummary:
    commune = access.sees_commune_budget(actor)
    # The commune's own sources (another commune's movement has none of the caller's).
    sources = session.exec(
        access.all_sources(actor).where(
            BudgetSource.movement_id == movement_id, BudgetSource.school_year == school_year
        )
    ).all()
    by_id = {s.id: s for s in sources}
    allocations = (
        session.exec(
            access.readable_allocations(actor)
            .where(col(BudgetAllocation.source_id).in_(list(by_id)))
            .order_by(col(BudgetAllocation.id))
        ).all()
        if by_id
        else []
    )
    spent_rows = (
        session.exec(
            select(BudgetSpending.allocation_id, func.sum(BudgetSpending.amount_vnd))
            .where(col(BudgetSpending.allocation_id).in_([a.id for a in allocations]))
            .group_by(col(BudgetSpending.allocation_id))
        ).all()
        if allocations
        else []
    )
    spent: dict[int | None, int] = {a_id: int(total) for a_id, total in spent_rows}

    source_lines = []
    for kind in SOURCES:
        budget = sum(s.amount_vnd for s in sources if s.source == kind)
        mine = [a for a in allocations if by_id[a.source_id].source == kind]
        alloc = sum(a.amount_vnd for a in mine)
        used = sum(spent.get(a.id, 0) for a in mine)
        source_lines.append(
            SourceSummary(
                source=kind,
                budget_vnd=budget if commune else None,
                allocated_vnd=alloc,
                spent_vnd=used,
                remaining_vnd=alloc - used,
                unallocated_vnd=budget - alloc if commune else None,
            )
        )

    names = {
        u.id: u.name
        for u in session.exec(
            select(Unit).where(col(Unit.id).in_({a.unit_id for a in allocations if a.unit_id}))
        )
    }
    units: dict[int | None, UnitSummary] = {}
    for a in allocations:
        line = units.setdefault(
            a.unit_id,
            UnitSummary(
                unit_id=a.unit_id,
                unit_name=names.get(a.unit_id, "") if a.unit_id else COMMUNE_ACTIVITIES,
                allocated_vnd=0,
                spent_vnd=0,
                remaining_vnd=0,
                by_source={k: 0 for k in SOURCES},
            ),
        )
        used = spent.get(a.id, 0)
        line.allocated_vnd += a.amount_vnd
        line.spent_vnd += used
        line.remaining_vnd += a.amount_vnd - used
        line.by_source[by_id[a.source_id].source] += a.amount_vnd
    unit_lines = sorted(units.values(), key=lambda u: (u.unit_id is None, u.unit_name))

    total_budget = sum(s.amount_vnd for s in sources)
    total_alloc = sum(x.allocated_vnd for x in source_lines)
    total_spent = sum(x.spent_vnd for x in source_lines)
    total = SummaryLine(
        budget_vnd=total_budget if commune else None,
        allocated_vnd=total_alloc,
        spent_vnd=total_spent,
        remaining_vnd=total_alloc - total_spent,
        unallocated_vnd=total_budget - total_alloc if commune else None,
    )

    contributions = None
    if commune:
        rows = session.exec(
            select(PartnerContribution).where(col(PartnerContribution.source_id).in_(list(by_id)))
        ).all()
        contributions = Contributions(
            cash_vnd=sum(c.amount_vnd for c in rows if c.kind == "cash"),
            in_kind_vnd=sum(c.amount_vnd for c in rows if c.kind == "in_kind"),
            partners=len({c.partner_id for c in rows}),
        )
    rewards = None
    if actor.can(Permission.cash_read):
        decisions, amount = 0, 0
        for round_id in session.exec(select(AwardRound.id).where(AwardRound.school_year == school_year)):
            totals = cash_totals(session, actor, round_id)
            decisions += len(totals.decisions)
            amount += totals.total
        rewards = CashRewards(decisions=decisions, total_vnd=amount)
    return BudgetSummary(
        movement_id=movement_id,
        school_year=school_year,
        sources=source_lines,
        units=unit_lines,
        total=total,
        contributions=contributions,
        cash_rewards=rewards,
    )


def _table(ws: Worksheet, headers: list[str], rows: list[list[object]], money_from: int) -> None:
    header(ws, 1, headers)  # bold and frozen: the titles stay in view
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            put(ws, r, c, value)
            if c >= money_from and isinstance(value, int):
                ws.cell(row=r, column=c).number_format = MONEY_FORMAT
    for c in range(1, len(headers) + 1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = 34 if c < money_from else 18


def summary_xlsx(data: BudgetSummary, movement_title: str) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Theo nguồn"
    rows: list[list[object]] = [
        [
            SOURCE_LABELS[s.source],
            s.budget_vnd,
            s.allocated_vnd,
            s.spent_vnd,
            s.remaining_vnd,
            s.unallocated_vnd,
        ]
        for s in data.sources
    ]
    t = data.total
    rows.append(["Tổng cộng", t.budget_vnd, t.allocated_vnd, t.spent_vnd, t.remaining_vnd, t.unallocated_vnd])
    if data.contributions is not None:
        rows.append(["Đóng góp của đối tác bằng tiền", None, None, None, None, data.contributions.cash_vnd])
        rows.append(
            [
                "Đóng góp của đối tác bằng hiện vật (quy ra tiền)",
                None,
                None,
                None,
                None,
                data.contributions.in_kind_vnd,
            ]
        )
    if data.cash_rewards is not None:
        rows.append(
            ["Tiền thưởng theo quyết định khen thưởng", None, None, data.cash_rewards.total_vnd, None, None]
        )
    _table(
        ws,
        ["Nguồn kinh phí", "Kinh phí", "Đã phân bổ", "Đã chi", "Còn lại", "Chưa phân bổ"],
        rows,
        2,
    )
    last = len(data.sources) + 2
    for c in range(1, 7):
        ws.cell(row=last, column=c).font = Font(bold=True)
    ws.insert_rows(1, 2)
    put(ws, 1, 1, f"Kinh phí phong trào: {movement_title}")
    put(ws, 2, 1, f"Năm học {data.school_year}")
    ws.cell(row=1, column=1).font = Font(bold=True)
    ws.freeze_panes = "A4"  # the titles moved down with the two lines above them

    by_unit = book.create_sheet("Theo đơn vị")
    _table(
        by_unit,
        ["Đơn vị", *(f"Phân bổ: {SOURCE_LABELS[k]}" for k in SOURCES), "Đã phân bổ", "Đã chi", "Còn lại"],
        [
            [u.unit_name, *(u.by_source[k] for k in SOURCES), u.allocated_vnd, u.spent_vnd, u.remaining_vnd]
            for u in data.units
        ],
        2,
    )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
