from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from thidua.assessments.schemas import SchoolYear
from thidua.awards.models import AwardLevel
from thidua.awards.schemas import In, Title
from thidua.awards.types.rules import AwardCode
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day, StrictBool


class AchievementCreate(In):
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
