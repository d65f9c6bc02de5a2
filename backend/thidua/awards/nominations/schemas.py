from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from thidua.awards.models import AwardLevel, SubjectKind
from thidua.awards.schemas import In, Reason, Text
from thidua.awards.types.rules import AwardCode
from thidua.core.ids import Id
from thidua.core.pagination import Page


class EligibilityPreview(In):
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


class NominationUpdate(In):
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


class ApproveInput(In):
    override_reason: Reason | None = Field(
        default=None, description="Bắt buộc khi có điều kiện chưa đạt: lý do vẫn phê duyệt"
    )
    note: Annotated[str, Field(max_length=4000)] = ""


class RejectInput(In):
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


class ReopenAssessmentInput(In):
    """The commune officer re-opens a nominee's individual self-assessment that the school verified,
    to review it at commune level (V.4.4): it goes back to the teacher with this reason."""

    assessment_id: Id
    reason: Reason
