from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from thidua.core.pagination import Page
from thidua.scoring.engine import ClassificationCode


class ScorecardRow(BaseModel):
    assessment_id: int
    subject_kind: Literal["unit", "individual"]
    subject_name: str
    unit_id: int
    unit_name: str
    school_level: str | None
    status: Literal["draft", "submitted", "returned", "verified"]
    frozen: bool
    recomputing: bool  # a framework-wide re-score has not reached this row yet
    self_total: Decimal
    verified_total: Decimal
    max_total: Decimal
    completion_percent: Decimal
    self_completion_percent: Decimal
    gap: Decimal
    data_completeness_percent: Decimal
    classification_code: str
    classification_label: str
    failed_gates: list[str]


class RankedScorecard(ScorecardRow):
    rank: int


class RankingPage(Page[RankedScorecard]):
    framework_id: int
    school_year: str
    ranked_count: int


class CriterionBreakdown(BaseModel):
    code: str
    name: str
    self_points: Decimal
    verified_points: Decimal
    max_points: Decimal
    completion_percent: Decimal


class IndicatorBreakdown(BaseModel):
    code: str
    name: str
    criterion_code: str
    kind: str
    content_area_code: str | None
    self_value: Decimal | None
    verified_value: Decimal | None
    effective_value: Decimal | None
    self_points: Decimal
    verified_points: Decimal
    max_points: Decimal
    lost_points: Decimal
    is_gate: bool
    gate_failed: bool
    evidence_count: int


class ScorecardDetail(ScorecardRow):
    framework_code: str
    framework_version: int
    school_year: str
    criteria: list[CriterionBreakdown]
    indicators: list[IndicatorBreakdown]


class CriterionColumn(BaseModel):
    code: str
    name: str
    max_points: Decimal


class HeatmapRow(BaseModel):
    assessment_id: int
    subject_name: str
    unit_name: str
    completion_percent: Decimal
    completion_by_criterion: dict[str, Decimal]


class ContentAreaAverage(BaseModel):
    code: str
    name: str
    max_points: Decimal
    average_completion_percent: Decimal


class ClassificationCount(BaseModel):
    code: str
    label: str
    count: int


class Aggregates(BaseModel):
    framework_id: int
    school_year: str
    subject_count: int
    criteria: list[CriterionColumn]
    # The heatmap: one page of the subjects in ranking order (limit and offset as asked).
    rows: list[HeatmapRow]
    limit: int
    offset: int
    criterion_average_completion: dict[str, Decimal]
    content_areas: list[ContentAreaAverage]
    classification_distribution: list[ClassificationCount]
    average_completion_percent: Decimal
    average_gap: Decimal


class YearResult(BaseModel):
    school_year: str
    framework_id: int
    framework_version: int
    subject_count: int
    average_completion_percent: Decimal
    classification_distribution: list[ClassificationCount]


class YearOverYear(BaseModel):
    framework_code: str
    years: list[YearResult]


class HistoryYear(BaseModel):
    """One school year of a subject's results beside the commune's average for the same scorecard."""

    school_year: str
    assessment_id: int
    status: str
    completion_percent: Decimal
    verified_total: Decimal
    max_total: Decimal
    classification_code: str
    classification_label: str
    commune_average_percent: Decimal = Field(
        description="Tỷ lệ hoàn thành bình quân của các đối tượng cùng bảng điểm trong năm học (%)"
    )
    commune_count: int = Field(description="Số đối tượng tính vào bình quân")


class ScorecardHistory(BaseModel):
    """A subject's results across the school years of one scorecard (every version of its code)."""

    assessment_id: int
    subject_name: str
    framework_code: str
    years: list[HistoryYear]


class DefaultClassificationBand(BaseModel):
    """A band of the default classification: a completion of at least `min_percent` is `code`."""

    min_percent: Decimal
    code: ClassificationCode
    label: str
