from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from thidua.awards.schemas import In, PersonLine, Text
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day


class CouncilMeetingCreate(In):
    round_id: Id
    held_on: Day
    location: Annotated[str, Field(max_length=300)] = ""
    chair: PersonLine
    secretary: Annotated[str, Field(max_length=200)] = ""
    members_present: list[PersonLine] = Field(min_length=1, max_length=50)
    members_total: Annotated[int, Field(ge=1, le=50)]
    notes: Text = ""


class CouncilMeetingUpdate(In):
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
