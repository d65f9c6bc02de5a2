from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, Field

from thidua.awards.models import AwardLevel, GrantingAuthority, RoundKind, SubjectKind
from thidua.awards.schemas import In, Title
from thidua.awards.types.rules import AwardCode, Rule
from thidua.core.pagination import Page
from thidua.core.types import Day, StrictBool


class AwardTypeDocument(In):
    """An award type with its eligibility rules as data (the rule vocabulary of CATALOGUE.md)."""

    code: AwardCode
    name: Title
    level: AwardLevel
    granting_authority: GrantingAuthority
    subject_kind: SubjectKind
    round_kinds: list[RoundKind] = Field(min_length=1, max_length=4)
    rules: list[Rule] = Field(default_factory=list, max_length=20)
    themed: StrictBool = Field(
        default=True, description="Khen thưởng theo chuyên đề (không làm căn cứ khen công trạng)"
    )
    merit_based: bool = Field(default=False, description="Khen thưởng công trạng")
    description: Annotated[str, Field(max_length=4000)] = ""
    cash_coefficient: Annotated[
        Decimal | None,
        Field(
            ge=0,
            le=100,
            max_digits=5,
            decimal_places=2,
            description=(
                "Hệ số tiền thưởng × mức lương cơ sở (Nghị định 98/2023/NĐ-CP); bỏ trống: không kèm tiền"
            ),
        ),
    ] = None


class AwardTypeRead(BaseModel):
    id: int
    code: str
    version_number: int
    name: str
    level: AwardLevel
    level_label: str
    granting_authority: GrantingAuthority
    granting_authority_label: str
    subject_kind: SubjectKind
    round_kinds: list[RoundKind]
    rules: list[dict[str, Any]]
    rule_texts: list[str]
    themed: bool
    merit_based: bool
    description: str
    cash_coefficient: Decimal | None
    status: str
    based_on_id: int | None
    nomination_count: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class AwardTypePage(Page[AwardTypeRead]):
    pass


class BaseSalaryCreate(In):
    effective_from: Day = Field(description="Ngày bắt đầu áp dụng")
    amount: Annotated[int, Field(ge=100_000, le=100_000_000, description="Mức lương cơ sở (đồng)")]
    legal_basis: Title = Field(description="Văn bản quy định, ví dụ Nghị định số 73/2024/NĐ-CP")


class BaseSalaryRead(BaseModel):
    id: int
    effective_from: date
    amount: int
    legal_basis: str
