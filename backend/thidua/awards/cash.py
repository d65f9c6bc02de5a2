"""Cash rewards (seed IV.5 "vật chất"; Decree 98/2023/NĐ-CP): an award type's coefficient times the
base salary in force on the day the decision is signed, rounded up to the ten thousand đồng."""

import math
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from thidua.audit import service as audit
from thidua.awards.models import AwardDecision, BaseSalary
from thidua.core.errors import Invalid

ROUND_TO = 10_000  # "làm tròn số lên hàng chục nghìn đồng"
# Nghị định 73/2024/NĐ-CP: 2,340,000 đ from 1 July 2024 (migration 0012 stores the same row).
DEFAULT_BASE_SALARY = (date(2024, 7, 1), 2_340_000, "Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ")


def ensure_default_base_salary(session: Session) -> None:
    if session.exec(select(BaseSalary.id)).first() is None:
        effective_from, amount, legal_basis = DEFAULT_BASE_SALARY
        session.add(BaseSalary(effective_from=effective_from, amount=amount, legal_basis=legal_basis))


def cash_amount(coefficient: Decimal | None, base_salary: int) -> int | None:
    """0.15 × 2,340,000 = 351,000 -> 360,000 đ; None when the award type carries no cash."""
    if coefficient is None:
        return None
    return math.ceil(coefficient * base_salary / ROUND_TO) * ROUND_TO


def base_salary_on(session: Session, day: date) -> BaseSalary | None:
    return session.exec(
        select(BaseSalary)
        .where(BaseSalary.effective_from <= day)
        .order_by(col(BaseSalary.effective_from).desc())
    ).first()


def list_base_salaries(session: Session) -> list[BaseSalary]:
    return list(session.exec(select(BaseSalary).order_by(col(BaseSalary.effective_from).desc())))


def add_base_salary(
    session: Session, actor: object, effective_from: date, amount: int, legal_basis: str
) -> BaseSalary:
    """A new base salary from a date on. Amounts of issued decisions are computed from the base salary
    on their signing day, so a new amount may only start after the last issued decision."""
    if session.exec(select(BaseSalary.id).where(BaseSalary.effective_from == effective_from)).first():
        raise Invalid(
            "body.effective_from",
            f"Đã có mức lương cơ sở áp dụng từ ngày {effective_from:%d/%m/%Y}.",
            "duplicate",
        )
    last = session.exec(
        select(col(AwardDecision.signed_on))
        .where(AwardDecision.status != "draft")
        .order_by(col(AwardDecision.signed_on).desc())
    ).first()
    if last is not None and effective_from <= last:
        raise Invalid(
            "body.effective_from",
            f"Ngày áp dụng phải sau ngày {last:%d/%m/%Y} của quyết định đã ban hành gần nhất, "
            "để tiền thưởng đã quyết định không thay đổi.",
            "before_issued",
        )
    row = BaseSalary(effective_from=effective_from, amount=amount, legal_basis=legal_basis)
    return audit.add_new(session, actor, row)
