"""Stored scores: every assessment's scorecard as rows, written in the transaction of the change that
affects it (scoring/dependencies.py), so rankings and aggregates are SQL over these tables."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Index
from sqlmodel import Field, SQLModel

from thidua.core.models import Decimal2, UTCDateTime, utcnow


class AssessmentScore(SQLModel, table=True):
    """One assessment's totals. A frozen row is the snapshot taken at verification and never changes;
    `stale` says a framework-wide re-score is on its way (the figures are the previous ones)."""

    __tablename__ = "assessment_score"
    __table_args__ = (
        # Rankings: one framework and year, ranked statuses, best completion first.
        Index("ix_assessment_score_ranking", "framework_id", "school_year", "status", "completion_percent"),
        # Room for an unchanged row's update to stay on its page, the card kept out of line; `stale`
        # and `computed_at`, which a re-score sets, are in no index, so that update is heap-only
        # (migrations 0029_score_digest and 0030_no_stale_index say why).
        {"postgresql_with": {"fillfactor": 45, "toast_tuple_target": 512}},
    )

    assessment_id: int = Field(primary_key=True, foreign_key="self_assessment.id", ondelete="CASCADE")
    framework_id: int = Field(foreign_key="framework.id")
    school_year: str = Field(max_length=9)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff_member.id", index=True)
    subject_kind: str = Field(max_length=20)
    status: str = Field(max_length=20)  # the assessment's, copied: it changes only with a re-score
    self_total: Decimal = Field(sa_type=Decimal2)
    verified_total: Decimal = Field(sa_type=Decimal2)
    max_total: Decimal = Field(sa_type=Decimal2)
    completion_percent: Decimal = Field(sa_type=Decimal2)
    self_completion_percent: Decimal = Field(sa_type=Decimal2)
    gap: Decimal = Field(sa_type=Decimal2)
    data_completeness_percent: Decimal = Field(sa_type=Decimal2)
    classification_code: str = Field(max_length=30)
    classification_label: str = Field(max_length=200)
    failed_gates: list[str] = Field(default_factory=list, sa_type=JSON)
    frozen: bool = False
    framework_version: int
    scorecard: dict[str, Any] = Field(sa_type=JSON)  # the engine's whole card, for the detail page
    computed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    stale: bool = False
    # A fingerprint of this row, the card and the criterion and area rows (scoring/rescore.fingerprint):
    # a re-score that computes the same again only moves computed_at.
    digest: int | None = Field(default=None, sa_type=BigInteger)
    # A fingerprint of what the rows were computed from (scoring/rescore.inputs_fingerprint): a re-score
    # whose inputs are the same does not run the engine.
    inputs: int | None = Field(default=None, sa_type=BigInteger)


class CriterionScore(SQLModel, table=True):
    __tablename__ = "criterion_score"

    assessment_id: int = Field(primary_key=True, foreign_key="self_assessment.id", ondelete="CASCADE")
    code: str = Field(primary_key=True, max_length=20)
    # The assessment's, copied (rewritten with it): the aggregates sum one framework and year by index.
    framework_id: int
    school_year: str = Field(max_length=9)
    self_points: Decimal = Field(sa_type=Decimal2)
    verified_points: Decimal = Field(sa_type=Decimal2)
    max_points: Decimal = Field(sa_type=Decimal2)
    completion_percent: Decimal = Field(sa_type=Decimal2)


class ContentAreaScore(SQLModel, table=True):
    __tablename__ = "content_area_score"

    assessment_id: int = Field(primary_key=True, foreign_key="self_assessment.id", ondelete="CASCADE")
    code: str = Field(primary_key=True, max_length=20)
    # The assessment's, copied (rewritten with it): the aggregates sum one framework and year by index.
    framework_id: int
    school_year: str = Field(max_length=9)
    verified_points: Decimal = Field(sa_type=Decimal2)
    max_points: Decimal = Field(sa_type=Decimal2)
    completion_percent: Decimal = Field(sa_type=Decimal2)


_score: Any = AssessmentScore.__table__  # type: ignore[attr-defined]
# The ranking's own order (best completion first, then by assessment) with the status it filters on: an
# unfiltered page, however deep, is read from this index alone (scoring/service.ranking).
Index(
    "ix_assessment_score_rank_order",
    _score.c.framework_id,
    _score.c.school_year,
    _score.c.completion_percent.desc(),
    _score.c.assessment_id,
    postgresql_include=["status"],
)

# The aggregates' sums per criterion and per content area over one framework and year (scoring/service).
for _part in (CriterionScore.__table__, ContentAreaScore.__table__):  # type: ignore[attr-defined]
    Index(
        f"ix_{_part.name}_framework_year",
        _part.c.framework_id,
        _part.c.school_year,
        _part.c.code,
        postgresql_include=["assessment_id", "completion_percent"],
    )
