from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.types import StrictBool

Points = Annotated[Decimal, Field(ge=-1000, le=1000, decimal_places=2, description="Điểm tự đánh giá")]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DtiValueIn(_In):
    criterion_code: Annotated[str, Field(min_length=1, max_length=20, description="Mã tiêu chí, ví dụ 1.3")]
    points: Points | None = Field(default=None, description="Điểm (tiêu chí có điểm)")
    met: StrictBool | None = Field(default=None, description="Đạt hay không (điều kiện bắt buộc)")


class DtiAssessmentCreate(_In):
    unit_id: Id | None = Field(default=None, description="Mặc định: đơn vị của người nhập")
    school_year: SchoolYear
    values: list[DtiValueIn] = Field(default_factory=list, max_length=100)


class DtiAssessmentUpdate(_In):
    values: list[DtiValueIn] = Field(max_length=100)


class LevelOut(BaseModel):
    level: int
    label: str
    min_points: Decimal


class GroupOut(BaseModel):
    code: str
    name: str
    max_points: Decimal


class CriterionPartOut(BaseModel):
    name: str
    points: Decimal


class DtiCriterionOut(BaseModel):
    code: str
    group: str
    name: str
    max_points: Decimal | None
    mandatory: bool
    parts: list[CriterionPartOut]
    verified: bool
    source: str


class DtiIndexRead(BaseModel):
    code: str
    name: str
    groups: list[GroupOut]
    levels: list[LevelOut]
    criteria: list[DtiCriterionOut]
    sources: dict[str, str]
    note: str


class DtiValueOut(BaseModel):
    criterion_code: str
    points: Decimal | None
    met: bool | None


class GroupResultOut(BaseModel):
    group: str
    name: str
    points: Decimal
    max_points: Decimal
    level: int
    level_label: str
    answered: int
    criteria: int
    mandatory_unmet: list[str]


class DtiAssessmentRead(BaseModel):
    id: int
    unit_id: int
    unit_name: str
    unit_code: str
    school_year: str
    index_code: str
    source: str
    values: list[DtiValueOut]
    groups: list[GroupResultOut]
    # How the two group levels make one school level is not in the sources found: nothing derived.
    overall_level: int | None = Field(description="Chưa xác định: chờ đối chiếu văn bản QĐ 4725")
    version: int
    allowed_actions: list[str]


class DtiAssessmentPage(Page[DtiAssessmentRead]):
    pass


class LinkedIndicatorOut(BaseModel):
    indicator_code: str
    indicator_name: str
    moet_4725: str
    value: Decimal | None = Field(description="Giá trị lấy từ Bộ chỉ số 4725; trống: vẫn do đơn vị nhập")
    dti_assessment_id: int | None


class LinkedRead(BaseModel):
    assessment_id: int
    school_year: str
    unit_id: int
    dti_assessment_id: int | None
    groups: list[GroupResultOut]
    indicators: list[LinkedIndicatorOut]
