from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from thidua.core.ids import Id
from thidua.core.pagination import Page
from thidua.core.text import Code, Name
from thidua.core.types import StrictBool

SubjectKind = Literal["unit", "individual"]
IndicatorKind = Literal["boolean", "percent", "count", "level", "computed"]
Rule = Literal["proportional", "threshold", "bands"]
Direction = Literal["higher", "lower"]
Number = Annotated[Decimal, Field(ge=-1_000_000_000, le=1_000_000_000, decimal_places=2)]
LongText = Annotated[str, Field(min_length=1, max_length=1000)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BandIn(_In):
    min_value: Number
    points: Number


class LevelIn(_In):
    value: int = Field(ge=0, le=100)
    label: Annotated[str, Field(min_length=1, max_length=200)]


class ClassificationBandIn(_In):
    min_percent: Annotated[Decimal, Field(ge=0, le=100, decimal_places=2)]
    code: Annotated[str, Field(min_length=1, max_length=30, pattern=r"^[a-z_]+$")]
    label: Annotated[str, Field(min_length=1, max_length=100)]


class IndicatorIn(_In):
    code: Code
    name: LongText
    kind: IndicatorKind
    rule: Rule
    direction: Direction = "higher"
    target: Number | None = None
    max_points: Annotated[Decimal, Field(gt=0, le=1000, decimal_places=2)]
    bands: list[BandIn] = Field(default_factory=list, max_length=20)
    levels: list[LevelIn] = Field(default_factory=list, max_length=20)
    evidence_required: StrictBool = False
    is_gate: StrictBool = False
    content_area_code: str | None = Field(default=None, max_length=20)
    source: str | None = Field(
        default=None, max_length=60, description="Nguồn dữ liệu của chỉ tiêu tính tự động"
    )
    moet_4725: str | None = Field(default=None, max_length=40)


class CriterionIn(_In):
    code: Code
    name: LongText
    indicators: list[IndicatorIn] = Field(min_length=1, max_length=100)


class FrameworkDocument(_In):
    """A whole scorecard template: validated together, so errors name their place in the document."""

    movement_id: Id
    code: Code
    name: Name
    subject_kind: SubjectKind
    classification: list[ClassificationBandIn] | None = Field(
        default=None, description="Bậc xếp loại theo % hoàn thành, cao nhất trước; mặc định 90/70/50/0"
    )
    criteria: list[CriterionIn] = Field(min_length=1, max_length=50)


class BandOut(BaseModel):
    min_value: Decimal
    points: Decimal


class LevelOut(BaseModel):
    value: int
    label: str


class ClassificationBandOut(BaseModel):
    min_percent: Decimal
    code: str
    label: str


class IndicatorOut(BaseModel):
    id: int
    code: str
    name: str
    kind: IndicatorKind
    rule: Rule
    direction: Direction
    target: Decimal | None
    max_points: Decimal
    bands: list[BandOut]
    levels: list[LevelOut]
    evidence_required: bool
    is_gate: bool
    content_area_code: str | None
    source: str | None
    moet_4725: str | None


class CriterionOut(BaseModel):
    id: int
    code: str
    name: str
    max_points: Decimal
    indicators: list[IndicatorOut]


class FrameworkSummary(BaseModel):
    id: int
    movement_id: int
    code: str
    version_number: int
    name: str
    subject_kind: SubjectKind
    status: Literal["draft", "active", "retired"]
    based_on_id: int | None
    max_points: Decimal
    criteria_count: int
    indicator_count: int
    assessment_count: int
    version: int
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime
    activated_at: datetime | None


class FrameworkRead(FrameworkSummary):
    classification: list[ClassificationBandOut]
    criteria: list[CriterionOut]


class FrameworkPage(Page[FrameworkSummary]):
    pass


class SourceOut(BaseModel):
    name: str
    label: str
    subject_kind: SubjectKind
    value_kind: str
    available: bool
