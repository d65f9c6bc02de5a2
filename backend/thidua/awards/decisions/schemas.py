from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from thidua.awards.models import AwardLevel
from thidua.awards.schemas import In, PersonLine
from thidua.awards.texts import PROVINCE
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day


class DecisionCreate(In):
    round_id: Id
    kind: Annotated[str, Field(pattern="^(decision|proposal)$")] = "decision"
    level: AwardLevel
    number: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[0-9A-Za-zĐđ/.\- ]+$")]
    signed_on: Day
    signer_name: PersonLine
    signer_title: PersonLine
    nomination_ids: list[Id] = Field(min_length=1, max_length=2000)


class DecisionUpdate(In):
    number: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[0-9A-Za-zĐđ/.\- ]+$")] | None = None
    signed_on: Day | None = None
    signer_name: PersonLine | None = None
    signer_title: PersonLine | None = None
    nomination_ids: list[Id] | None = Field(default=None, min_length=1, max_length=2000)


class ProvinceAnswerItem(In):
    nomination_id: Id
    accepted: bool


class ProvinceAnswer(In):
    """The province's decision on a Tờ trình: its number, date and signer, and who was awarded."""

    decision_number: Annotated[str, Field(min_length=1, max_length=60)]
    decision_date: Day
    issuer: Annotated[str, Field(min_length=1, max_length=255)] = Field(
        default=f"Chủ tịch UBND {PROVINCE}", description="Cơ quan, người ký quyết định của tỉnh"
    )
    note: Annotated[str, Field(max_length=4000)] = ""
    results: list[ProvinceAnswerItem] = Field(min_length=1, max_length=2000)


class Awardee(BaseModel):
    nomination_id: int
    subject_name: str
    unit_name: str
    award_name: str
    status: str
    achievement_id: int | None
    verification_code: str | None


class DecisionRead(BaseModel):
    id: int
    round_id: int
    round_name: str
    kind: str
    level: AwardLevel
    unit_id: int | None
    number: str
    signed_on: date
    signer_name: str
    signer_title: str
    status: str
    issued_at: datetime | None
    awardees: list[Awardee]
    province_decision_number: str | None
    province_decision_date: date | None
    province_note: str | None
    province_issuer: str | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class DecisionPage(Page[DecisionRead]):
    pass


class CashDecisionLine(BaseModel):
    decision_id: int
    number: str
    signed_on: date
    round_id: int
    round_name: str
    issuer: str
    awardees: int
    with_cash: int
    base_salary: int | None = Field(description="Mức lương cơ sở áp dụng ngày ký (đồng)")
    total: int = Field(description="Tổng tiền thưởng (đồng)")


class CashRoundTotal(BaseModel):
    round_id: int
    round_name: str
    decisions: int
    total: int


class CashTotals(BaseModel):
    """Tiền thưởng của các quyết định đã ban hành: theo quyết định, theo đợt và tổng cộng."""

    rounds: list[CashRoundTotal]
    decisions: list[CashDecisionLine]
    total: int
