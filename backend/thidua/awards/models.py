"""Awards (seed III.2, IV.5, V.1): award types with rules as data, rounds, nominations, the council's
review, decisions, and the achievement history every rule reads."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger
from sqlmodel import Field, UniqueConstraint

from thidua.core.models import CommuneOwned, Decimal2, UTCDateTime, Versioned


class AwardLevel(StrEnum):
    unit = "unit"
    commune = "commune"
    province = "province"


AWARD_LEVEL_LABELS_VI = {
    AwardLevel.unit: "Cấp đơn vị",
    AwardLevel.commune: "Cấp xã",
    AwardLevel.province: "Cấp tỉnh",
}


class GrantingAuthority(StrEnum):
    unit_head = "unit_head"
    commune_chairman = "commune_chairman"
    province_chairman = "province_chairman"


GRANTING_AUTHORITY_LABELS_VI = {
    GrantingAuthority.unit_head: "Thủ trưởng đơn vị",
    GrantingAuthority.commune_chairman: "Chủ tịch UBND xã",
    GrantingAuthority.province_chairman: "Chủ tịch UBND tỉnh",
}


class SubjectKind(StrEnum):
    collective = "collective"
    individual = "individual"


class RoundKind(StrEnum):
    annual = "annual"
    preliminary = "preliminary"  # sơ kết giai đoạn 1 (2027)
    final = "final"  # tổng kết giai đoạn 2 (2030)
    ad_hoc = "ad_hoc"  # khen thưởng đột xuất (seed IV.5): opened at any time, with its reason


ROUND_KIND_LABELS_VI = {
    RoundKind.annual: "Khen thưởng năm học",
    RoundKind.preliminary: "Sơ kết giai đoạn 2025-2027",
    RoundKind.final: "Tổng kết giai đoạn 2027-2030",
    RoundKind.ad_hoc: "Khen thưởng đột xuất",
}


class AwardType(Versioned, CommuneOwned, table=True):
    """Hình thức khen thưởng: one version of an award type. Versioned like frameworks: a version that a
    nomination uses is immutable; editing it then means a new version, activated to replace it."""

    __tablename__ = "award_type"
    __table_args__ = (UniqueConstraint("commune_id", "code", "version_number"),)

    code: str = Field(max_length=40, index=True)
    version_number: int = 1
    name: str = Field(max_length=300)
    level: str = Field(max_length=20)
    granting_authority: str = Field(max_length=30)
    subject_kind: str = Field(max_length=20)
    round_kinds: list[str] = Field(default_factory=list, sa_type=JSON)
    rules: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    # Awards of a themed movement are not a basis for merit-based ("công trạng") awards.
    themed: bool = True
    merit_based: bool = False
    description: str = Field(default="", max_length=4000)
    # Cash reward: this coefficient times the base salary (Decree 98/2023/NĐ-CP); none, no cash.
    cash_coefficient: Decimal | None = Field(default=None, sa_type=Decimal2)
    status: str = Field(default="draft", max_length=20)  # draft | active | retired
    based_on_id: int | None = Field(default=None, foreign_key="award_type.id")
    activated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AwardRound(Versioned, CommuneOwned, table=True):
    """Đợt khen thưởng: the end of a school year, or a phase's review."""

    __tablename__ = "award_round"

    movement_id: int = Field(foreign_key="movement.id", index=True)
    kind: str = Field(max_length=20)
    name: str = Field(max_length=300)
    school_year: str | None = Field(default=None, max_length=9)  # annual rounds
    phase_id: int | None = Field(default=None, foreign_key="phase.id")  # review rounds
    school_years: list[str] = Field(default_factory=list, sa_type=JSON)  # the years the rules look at
    opens_on: date
    closes_on: date
    award_type_codes: list[str] = Field(default_factory=list, sa_type=JSON)
    # Ad hoc rounds: the exceptional achievement they reward ("khen thưởng đột xuất"), required.
    reason: str | None = Field(default=None, max_length=2000)


class CouncilMeeting(Versioned, table=True):
    """A meeting of the Hội đồng thi đua - khen thưởng xã reviewing a round's nominations."""

    __tablename__ = "council_meeting"

    round_id: int = Field(foreign_key="award_round.id", index=True)
    held_on: date
    location: str = Field(default="", max_length=300)
    chair: str = Field(max_length=200)
    secretary: str = Field(default="", max_length=200)
    members_present: list[str] = Field(default_factory=list, sa_type=JSON)
    members_total: int
    notes: str = Field(default="", max_length=8000)


class Nomination(Versioned, table=True):
    """Đề nghị khen thưởng for one subject (a unit, or a staff member) and one award type in a round."""

    __table_args__ = (UniqueConstraint("round_id", "award_type_code", "subject_key"),)

    round_id: int = Field(foreign_key="award_round.id", index=True)
    award_type_id: int = Field(foreign_key="award_type.id", index=True)
    award_type_code: str = Field(max_length=40)
    level: str = Field(max_length=20, index=True)
    subject_kind: str = Field(max_length=20)
    subject_key: str = Field(max_length=40)  # "unit:12" or "staff:345"
    unit_id: int = Field(foreign_key="unit.id", index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff_member.id", index=True)
    justification: str = Field(default="", max_length=8000)
    assessment_ids: list[int] = Field(default_factory=list, sa_type=JSON)
    initiative_ids: list[int] = Field(default_factory=list, sa_type=JSON)
    status: str = Field(default="draft", max_length=20, index=True)
    # draft | submitted | reviewed | approved | rejected | proposed | decided
    eligibility: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    eligible: bool = False
    created_by_id: int = Field(foreign_key="user_account.id")
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    meeting_id: int | None = Field(default=None, foreign_key="council_meeting.id")
    votes_for: int | None = None
    votes_cast: int | None = None
    review_comment: str | None = Field(default=None, max_length=4000)
    reviewed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    override_reason: str | None = Field(default=None, max_length=4000)
    decision_note: str | None = Field(default=None, max_length=4000)
    approved_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_id: int | None = Field(default=None, foreign_key="award_decision.id", index=True)


class AwardDecision(Versioned, table=True):
    """Quyết định khen thưởng (kind decision) or Tờ trình đề nghị cấp tỉnh (kind proposal)."""

    __tablename__ = "award_decision"

    round_id: int = Field(foreign_key="award_round.id", index=True)
    kind: str = Field(default="decision", max_length=20)  # decision | proposal
    level: str = Field(max_length=20)  # unit | commune | province
    unit_id: int | None = Field(default=None, foreign_key="unit.id", index=True)  # the issuing school
    number: str = Field(max_length=60)  # "125/QĐ-UBND"
    signed_on: date
    signer_name: str = Field(max_length=200)
    signer_title: str = Field(max_length=200)
    status: str = Field(default="draft", max_length=20)  # draft | issued | answered
    issued_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Proposals: the province's answer, recorded later.
    province_decision_number: str | None = Field(default=None, max_length=60)
    province_decision_date: date | None = None
    province_note: str | None = Field(default=None, max_length=4000)
    province_issuer: str | None = Field(default=None, max_length=255)  # who signed the province's decision


class Achievement(Versioned, table=True):
    """Thành tích: an award or title a subject holds, with decision number, date and issuer. Decisions
    write these; earlier awards are entered by hand. Eligibility rules read this history."""

    unit_id: int = Field(foreign_key="unit.id", index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff_member.id", index=True)
    award_type_code: str | None = Field(default=None, max_length=40, index=True)
    award_name: str = Field(max_length=300)
    level: str = Field(max_length=20)
    school_year: str = Field(max_length=9, index=True)
    decision_number: str = Field(max_length=60)
    decision_date: date
    issuer: str = Field(max_length=255)
    themed: bool = True
    round_id: int | None = Field(default=None, foreign_key="award_round.id", index=True)
    nomination_id: int | None = Field(default=None, foreign_key="nomination.id", unique=True)
    decision_id: int | None = Field(default=None, foreign_key="award_decision.id", index=True)
    verification_code: str | None = Field(default=None, max_length=20, unique=True)


class BaseSalary(Versioned, table=True):
    """Mức lương cơ sở from a date on (2,340,000 đ from 1 July 2024): a decision's cash rewards use
    the amount in force on the day it is signed."""

    __tablename__ = "base_salary"

    effective_from: date = Field(unique=True, index=True)
    amount: int = Field(sa_type=BigInteger)
    legal_basis: str = Field(default="", max_length=300)
