"""Hỗ trợ nghiên cứu (seed V.4.2): the time, money and expertise a school gives to one of its
teachers' initiatives or research works, over some dates."""

from datetime import date
from decimal import Decimal

from sqlalchemy import BigInteger
from sqlmodel import Field

from thidua.core.models import Decimal2, Versioned


class ResearchSupport(Versioned, table=True):
    __tablename__ = "research_support"

    unit_id: int = Field(foreign_key="unit.id", index=True)  # the school giving the support
    initiative_id: int = Field(foreign_key="initiative.id", index=True, ondelete="CASCADE")
    hours: Decimal = Field(default=Decimal(0), sa_type=Decimal2)  # thời gian (giờ)
    money: int = Field(default=0, sa_type=BigInteger)  # kinh phí (đồng)
    expertise: str = Field(default="", max_length=2000)  # chuyên môn
    starts_on: date
    ends_on: date | None = None
    note: str = Field(default="", max_length=2000)
