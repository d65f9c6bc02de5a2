"""Kinh phí của phong trào (seed IV.3, V.3): the commune's budget for each year by source, its
allocations to schools and commune activities, the spending recorded against an allocation with its
documents, and the partners whose contributions feed the socialisation source."""

from datetime import date, datetime

from sqlalchemy import BigInteger
from sqlmodel import Field, SQLModel, UniqueConstraint

from thidua.core.models import CommuneOwned, UTCDateTime, Versioned, utcnow

SOURCES = ("state_budget", "socialisation")  # ngân sách nhà nước, xã hội hóa
PARTNER_KINDS = ("business", "parents_association", "expert", "other")
CONTRIBUTION_KINDS = ("cash", "in_kind")


class BudgetSource(Versioned, CommuneOwned, table=True):
    """Kinh phí của xã cho phong trào trong một năm học, theo một nguồn."""

    __tablename__ = "budget_source"
    __table_args__ = (UniqueConstraint("movement_id", "school_year", "source"),)

    movement_id: int = Field(foreign_key="movement.id", index=True)
    school_year: str = Field(max_length=9, index=True)
    source: str = Field(max_length=20)  # state_budget | socialisation
    amount_vnd: int = Field(sa_type=BigInteger)
    note: str = Field(default="", max_length=1000)


class BudgetAllocation(Versioned, table=True):
    """Phân bổ: part of a source to one school, or (no unit) to a commune activity."""

    __tablename__ = "budget_allocation"

    source_id: int = Field(foreign_key="budget_source.id", index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)
    purpose: str = Field(max_length=500)
    amount_vnd: int = Field(sa_type=BigInteger)


class BudgetSpending(Versioned, table=True):
    """Khoản chi: money spent against an allocation, with its voucher (chứng từ) and documents. Above
    what the allocation has left only with an override reason."""

    __tablename__ = "budget_spending"

    allocation_id: int = Field(foreign_key="budget_allocation.id", index=True)
    spent_on: date
    amount_vnd: int = Field(sa_type=BigInteger)
    description: str = Field(max_length=500)
    voucher_number: str = Field(default="", max_length=60)
    override_reason: str | None = Field(default=None, max_length=1000)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class BudgetDocument(SQLModel, table=True):
    """A document of a spending record (invoice, contract, minutes), stored by content hash."""

    __tablename__ = "budget_document"

    id: int | None = Field(default=None, primary_key=True)
    spending_id: int = Field(foreign_key="budget_spending.id", index=True, ondelete="CASCADE")
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size_bytes: int
    sha256: str = Field(max_length=64)
    uploaded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    uploaded_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Partner(Versioned, CommuneOwned, table=True):
    """Đối tác: a business, the parents' association, an expert who supports the movement."""

    kind: str = Field(max_length=30)  # business | parents_association | expert | other
    name: str = Field(max_length=300, index=True)
    contact: str = Field(default="", max_length=300)
    note: str = Field(default="", max_length=2000)


class PartnerAgreement(Versioned, table=True):
    """Thỏa thuận hợp tác, tài trợ with a partner."""

    __tablename__ = "partner_agreement"

    partner_id: int = Field(foreign_key="partner.id", index=True)
    number: str = Field(default="", max_length=60)
    title: str = Field(max_length=500)
    signed_on: date
    pledged_vnd: int | None = Field(default=None, sa_type=BigInteger)


class PartnerContribution(Versioned, table=True):
    """Đóng góp: cash or in kind (valued in đồng), counted in the year's socialisation source."""

    __tablename__ = "partner_contribution"

    partner_id: int = Field(foreign_key="partner.id", index=True)
    agreement_id: int | None = Field(default=None, foreign_key="partner_agreement.id")
    source_id: int = Field(foreign_key="budget_source.id", index=True)
    kind: str = Field(max_length=10)  # cash | in_kind
    amount_vnd: int = Field(sa_type=BigInteger)
    description: str = Field(max_length=500)
    received_on: date
    unit_id: int | None = Field(default=None, foreign_key="unit.id")  # the school it went to, if any
