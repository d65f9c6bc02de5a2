from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import Day
from thidua.steering.models import CommitteePosition

Name = Annotated[str, Field(min_length=1, max_length=300)]
DecisionNumber = Annotated[
    str, Field(min_length=1, max_length=50, description="Số quyết định, ví dụ 125/QĐ-UBND")
]
Note = Annotated[str, Field(max_length=2000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class CommitteeCreate(_In):
    name: Name
    decision_number: DecisionNumber
    decision_date: Day
    signer: Annotated[str, Field(max_length=200)] = ""
    note: Annotated[str, Field(max_length=4000)] = ""


class CommitteeUpdate(_In):
    name: Name | None = None
    decision_number: DecisionNumber | None = None
    decision_date: Day | None = None
    signer: Annotated[str, Field(max_length=200)] | None = None
    note: Annotated[str, Field(max_length=4000)] | None = None


class MemberCreate(_In):
    staff_id: Id = Field(description="Cán bộ của xã hoặc của cơ sở giáo dục")
    position: CommitteePosition = Field(description="Chức danh trong Ban chỉ đạo")
    duties: Note = ""


class MemberUpdate(_In):
    position: CommitteePosition | None = None
    duties: Note | None = None


class AssignmentCreate(_In):
    member_id: Id = Field(description="Thành viên Ban chỉ đạo được phân công")
    content_area_id: Id = Field(description="Nội dung thi đua được phân công theo dõi")
    unit_ids: list[Id] = Field(min_length=1, max_length=200, description="Các cơ sở giáo dục phụ trách")
    note: Note = ""


class AssignmentUpdate(_In):
    member_id: Id | None = None
    content_area_id: Id | None = None
    unit_ids: list[Id] | None = Field(default=None, min_length=1, max_length=200)
    note: Note | None = None


class MemberRead(BaseModel):
    id: int
    committee_id: int
    staff_id: int
    full_name: str
    staff_position: str
    unit_name: str
    position: CommitteePosition
    position_label: str
    duties: str
    version: int
    allowed_actions: list[str]


class AssignedSchool(BaseModel):
    unit_id: int
    code: str
    name: str


class AssignmentRead(BaseModel):
    id: int
    committee_id: int
    member_id: int
    member_name: str
    content_area_id: int
    content_area_code: str
    content_area_name: str
    schools: list[AssignedSchool]
    note: str
    version: int
    allowed_actions: list[str]


class ScanRead(BaseModel):
    filename: str
    content_type: str
    size_bytes: int


class CommitteeRead(BaseModel):
    id: int
    name: str
    decision_number: str
    decision_date: date
    signer: str
    note: str
    scan: ScanRead | None
    members: list[MemberRead]
    assignments: list[AssignmentRead]
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class CommitteePage(Page[CommitteeRead]):
    pass


class SchoolYearResult(BaseModel):
    school_year: str
    status: str
    classification_code: str
    classification_label: str
    verified_total: str
    completion_percent: str


class HeadSchoolResults(BaseModel):
    """The results of the school a head leads, year by year, as the stored scores hold them (seed IV.1:
    the movement's result is linked to the head's annual rating)."""

    staff_id: int
    is_head: bool
    unit_id: int
    unit_name: str
    years: list[SchoolYearResult]
