"""Cash rewards of issued decisions, for Phòng Kinh tế: totals per decision and per round (JSON and
XLSX). Amounts come from each award type's coefficient and the base salary on the signing day."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlmodel import Session, col

from thidua.auth.policy import Actor
from thidua.awards.cash import base_salary_on
from thidua.awards.decisions import access
from thidua.awards.decisions.files import decision_lines
from thidua.awards.decisions.schemas import CashDecisionLine, CashRoundTotal, CashTotals
from thidua.awards.models import AwardDecision, AwardRound
from thidua.documents.spreadsheet import header, put
from thidua.units.models import Unit

MONEY_FORMAT = '#,##0 "đ"'  # shown 1.000.000 đ in a Vietnamese Excel


def cash_totals(session: Session, actor: Actor, round_id: int | None) -> CashTotals:
    query = access.readable(actor).where(AwardDecision.kind == "decision", AwardDecision.status == "issued")
    if round_id is not None:
        query = query.where(AwardDecision.round_id == round_id)
    decisions: list[CashDecisionLine] = []
    rounds: dict[int, CashRoundTotal] = {}
    for d in session.exec(query.order_by(col(AwardDecision.signed_on), col(AwardDecision.id))):
        rnd = session.get(AwardRound, d.round_id)
        unit = session.get(Unit, d.unit_id) if d.unit_id else None
        lines = decision_lines(session, d)
        base = base_salary_on(session, d.signed_on)
        total = sum(a.amount or 0 for a in lines)
        decisions.append(
            CashDecisionLine(
                decision_id=d.id or 0,
                number=d.number,
                signed_on=d.signed_on,
                round_id=d.round_id,
                round_name=rnd.name if rnd else "",
                issuer=unit.name if unit else "UBND xã Thanh Thủy",
                awardees=len(lines),
                with_cash=sum(1 for a in lines if a.amount),
                base_salary=base.amount if base else None,
                total=total,
            )
        )
        r = rounds.setdefault(
            d.round_id,
            CashRoundTotal(round_id=d.round_id, round_name=rnd.name if rnd else "", decisions=0, total=0),
        )
        r.decisions += 1
        r.total += total
    return CashTotals(
        rounds=list(rounds.values()), decisions=decisions, total=sum(r.total for r in rounds.values())
    )


def cash_totals_xlsx(data: CashTotals) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Theo quyết định"
    headers = [
        "STT",
        "Số quyết định",
        "Ngày ký",
        "Đợt khen thưởng",
        "Cơ quan ban hành",
        "Số người được khen",
        "Mức lương cơ sở",
        "Tổng tiền thưởng",
    ]
    header(ws, 1, headers)
    for r, d in enumerate(data.decisions, 2):
        values = [r - 1, d.number, d.signed_on, d.round_name, d.issuer, d.awardees, d.base_salary, d.total]
        for c, value in enumerate(values, 1):
            put(ws, r, c, value)
        ws.cell(row=r, column=3).number_format = "d/m/yyyy"  # the commune's way of writing a date
        for c in (7, 8):
            ws.cell(row=r, column=c).number_format = MONEY_FORMAT
    last = len(data.decisions) + 2
    put(ws, last, 2, "Tổng cộng")
    put(ws, last, 8, data.total)
    ws.cell(row=last, column=2).font = ws.cell(row=last, column=8).font = Font(bold=True)
    ws.cell(row=last, column=8).number_format = MONEY_FORMAT
    for letter, width in zip("ABCDEFGH", (6, 18, 12, 36, 30, 12, 16, 18), strict=True):
        ws.column_dimensions[letter].width = width

    by_round = book.create_sheet("Theo đợt")
    header(by_round, 1, ["Đợt khen thưởng", "Số quyết định", "Tổng tiền thưởng"])
    for r, t in enumerate(data.rounds, 2):
        for c, value in enumerate([t.round_name, t.decisions, t.total], 1):
            put(by_round, r, c, value)
        by_round.cell(row=r, column=3).number_format = MONEY_FORMAT
    by_round.column_dimensions["A"].width = 40
    by_round.column_dimensions["C"].width = 18
    out = BytesIO()
    book.save(out)
    return out.getvalue()
