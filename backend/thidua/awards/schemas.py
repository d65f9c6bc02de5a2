from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.awards.models import AwardLevel, GrantingAuthority, RoundKind, SubjectKind
from thidua.awards.rules import AwardCode, Rule
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day, StrictBool

Text = Annotated[str, Field(max_length=8000)]
Reason = Annotated[str, Field(min_length=10, max_length=4000)]
Title = Annotated[str, Field(min_length=1, max_length=300)]
PersonLine = Annotated[str, Field(min_length=1, max_length=200)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- Award types --------------------------------------------------------------------------------


class AwardTypeDocument(_In):
    """An award type with its eligibility rules as data (the rule vocabulary of CATALOGUE.md)."""

    code: AwardCode
    name: Title
    level: AwardLevel
    granting_authority: GrantingAuthority
    subject_kind: SubjectKind
    round_kinds: list[RoundKind] = Field(min_length=1, max_length=3)
    rules: list[Rule] = Field(default_factory=list, max_length=20)
    themed: StrictBool = Field(
        default=True, description="Khen thưởng theo chuyên đề (không làm căn cứ khen công trạng)"
    )
    merit_based: bool = Field(default=False, description="Khen thưởng công trạng")
    description: Annotated[str, Field(max_length=4000)] = ""


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
    status: str
    based_on_id: int | None
    nomination_count: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class AwardTypePage(Page[AwardTypeRead]):
    pass


# --- Rounds -------------------------------------------------------------------------------------


class AwardRoundCreate(_In):
    kind: RoundKind
    name: Title | None = Field(default=None, description="Mặc định: theo loại đợt và năm học")
    school_year: SchoolYear | None = Field(default=None, description="Bắt buộc với đợt khen thưởng năm học")
    phase_number: Annotated[int, Field(ge=1, le=10)] | None = Field(
        default=None, description="Giai đoạn được sơ kết/tổng kết (mặc định theo loại đợt)"
    )
    opens_on: Day
    closes_on: Day
    award_type_codes: list[AwardCode] = Field(min_length=1, max_length=30)


class AwardRoundUpdate(_In):
    name: Title | None = None
    opens_on: Day | None = None
    closes_on: Day | None = None
    award_type_codes: list[AwardCode] | None = Field(default=None, min_length=1, max_length=30)


class OfferedAward(BaseModel):
    code: str
    award_type_id: int | None
    name: str
    level: AwardLevel | None
    subject_kind: SubjectKind | None


class AwardRoundRead(BaseModel):
    id: int
    kind: RoundKind
    kind_label: str
    name: str
    school_year: str | None
    phase_id: int | None
    school_years: list[str]
    opens_on: date
    closes_on: date
    is_open: bool
    award_types: list[OfferedAward]
    nomination_counts: dict[str, int]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class AwardRoundPage(Page[AwardRoundRead]):
    pass


# --- Council meetings ---------------------------------------------------------------------------


class CouncilMeetingCreate(_In):
    round_id: Id
    held_on: Day
    location: Annotated[str, Field(max_length=300)] = ""
    chair: PersonLine
    secretary: Annotated[str, Field(max_length=200)] = ""
    members_present: list[PersonLine] = Field(min_length=1, max_length=50)
    members_total: Annotated[int, Field(ge=1, le=50)]
    notes: Text = ""


class CouncilMeetingUpdate(_In):
    held_on: Day | None = None
    location: Annotated[str, Field(max_length=300)] | None = None
    chair: PersonLine | None = None
    secretary: Annotated[str, Field(max_length=200)] | None = None
    members_present: list[PersonLine] | None = Field(default=None, min_length=1, max_length=50)
    members_total: Annotated[int, Field(ge=1, le=50)] | None = None
    notes: Text | None = None


class CouncilMeetingRead(BaseModel):
    id: int
    round_id: int
    round_name: str
    held_on: date
    location: str
    chair: str
    secretary: str
    members_present: list[str]
    members_total: int
    notes: str
    reviewed_count: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class CouncilMeetingPage(Page[CouncilMeetingRead]):
    pass


# --- Nominations --------------------------------------------------------------------------------


class EligibilityPreview(_In):
    round_id: Id
    award_type_code: AwardCode
    unit_id: Id
    staff_id: Id | None = Field(
        default=None, description="Cá nhân được đề nghị; bỏ trống khi đề nghị tập thể"
    )
    initiative_ids: list[Id] = Field(default_factory=list, max_length=50)


class NominationCreate(EligibilityPreview):
    justification: Text = ""
    assessment_ids: list[Id] = Field(default_factory=list, max_length=10)


class NominationUpdate(_In):
    justification: Text | None = None
    assessment_ids: list[Id] | None = Field(default=None, max_length=10)
    initiative_ids: list[Id] | None = Field(default=None, max_length=50)


class RuleOutcome(BaseModel):
    index: int
    kind: str
    passed: bool
    reason: str


class EligibilityResult(BaseModel):
    eligible: bool
    outcomes: list[RuleOutcome]
    evaluated_at: datetime | None = None


class ReviewInput(_In):
    meeting_id: Id
    votes_for: Annotated[int, Field(ge=0, le=50)]
    votes_cast: Annotated[int, Field(ge=1, le=50)]
    comment: Annotated[str, Field(max_length=4000)] = ""


class ApproveInput(_In):
    override_reason: Reason | None = Field(
        default=None, description="Bắt buộc khi có điều kiện chưa đạt: lý do vẫn phê duyệt"
    )
    note: Annotated[str, Field(max_length=4000)] = ""


class RejectInput(_In):
    reason: Reason


class LinkedInitiative(BaseModel):
    id: int
    title: str
    school_year: str
    recognition_level: str | None
    used: bool


class LinkedAssessment(BaseModel):
    id: int
    school_year: str
    status: str
    classification_label: str | None
    completion_percent: str | None


class NominationRead(BaseModel):
    id: int
    round_id: int
    round_name: str
    award_type_id: int
    award_type_code: str
    award_name: str
    level: AwardLevel
    subject_kind: SubjectKind
    unit_id: int
    unit_name: str
    staff_id: int | None
    staff_name: str | None
    subject_name: str
    justification: str
    assessments: list[LinkedAssessment]
    initiatives: list[LinkedInitiative]
    status: str
    status_label: str
    eligibility: EligibilityResult
    submitted_at: datetime | None
    meeting_id: int | None
    votes_for: int | None
    votes_cast: int | None
    vote_share_percent: str | None
    review_comment: str | None
    override_reason: str | None
    decision_note: str | None
    approved_at: datetime | None
    decision_id: int | None
    achievement_id: int | None
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class NominationPage(Page[NominationRead]):
    pass


# --- Decisions ----------------------------------------------------------------------------------


class DecisionCreate(_In):
    round_id: Id
    kind: Annotated[str, Field(pattern="^(decision|proposal)$")] = "decision"
    level: AwardLevel
    number: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[0-9A-Za-zĐđ/.\- ]+$")]
    signed_on: Day
    signer_name: PersonLine
    signer_title: PersonLine
    nomination_ids: list[Id] = Field(min_length=1, max_length=2000)


class DecisionUpdate(_In):
    number: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[0-9A-Za-zĐđ/.\- ]+$")] | None = None
    signed_on: Day | None = None
    signer_name: PersonLine | None = None
    signer_title: PersonLine | None = None
    nomination_ids: list[Id] | None = Field(default=None, min_length=1, max_length=2000)


class ProvinceAnswerItem(_In):
    nomination_id: Id
    accepted: bool


class ProvinceAnswer(_In):
    decision_number: Annotated[str, Field(min_length=1, max_length=60)]
    decision_date: Day
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
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class DecisionPage(Page[DecisionRead]):
    pass


# --- Achievements -------------------------------------------------------------------------------


class AchievementCreate(_In):
    """An award received before the system (or outside it), for the history the rules read."""

    unit_id: Id
    staff_id: Id | None = None
    award_type_code: AwardCode | None = None
    award_name: Title
    level: AwardLevel
    school_year: SchoolYear
    decision_number: Annotated[str, Field(min_length=1, max_length=60)]
    decision_date: Day
    issuer: Annotated[str, Field(min_length=1, max_length=255)]
    themed: StrictBool = True


class AchievementRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    staff_id: int | None
    subject_name: str
    award_type_code: str | None
    award_name: str
    level: AwardLevel
    school_year: str
    decision_number: str
    decision_date: date
    issuer: str
    themed: bool
    round_id: int | None
    nomination_id: int | None
    decision_id: int | None
    verification_code: str | None
    version: int
    allowed_actions: list[str]
    created_at: datetime


class AchievementPage(Page[AchievementRead]):
    pass
