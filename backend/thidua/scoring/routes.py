from typing import Annotated

from fastapi import APIRouter, Query, Response

from thidua.api.deps import Page, ScorecardsReadActor, SessionDep, SignedInActor
from thidua.core.concurrency import content_etag
from thidua.core.ids import MAX_ID, PathId
from thidua.scoring import service
from thidua.scoring.schemas import (
    Aggregates,
    DefaultClassificationBand,
    RankingPage,
    ScorecardDetail,
    ScorecardHistory,
    YearOverYear,
)
from thidua.units.models import SchoolLevel

router = APIRouter(prefix="/scorecards", tags=["scorecards"])
FrameworkId = Annotated[int, Query(ge=1, le=MAX_ID, description="Phiên bản bảng điểm")]
Year = Annotated[str, Query(pattern=r"^20\d\d-20\d\d$", description="Năm học, ví dụ 2025-2026")]


@router.get(
    "", name="scorecards_ranking", summary="Bảng xếp hạng theo bảng điểm và năm học (hạng 1, 2, 2, 4)"
)
def ranking(
    framework_id: FrameworkId,
    school_year: Year,
    # Keyword-only: the filters keep their place before the paging parameters in OpenAPI.
    *,
    unit_kind: Annotated[SchoolLevel | None, Query(description="Lọc theo cấp học")] = None,
    classification: Annotated[str | None, Query(max_length=30, description="Lọc theo mã xếp loại")] = None,
    page: Page,
    actor: ScorecardsReadActor,
    session: SessionDep,
) -> RankingPage:
    kind = unit_kind.value if unit_kind else None
    return service.ranking(session, actor, framework_id, school_year, kind, classification, page)


@router.get(
    "/aggregates",
    name="scorecards_aggregates",
    summary="Tổng hợp: mức hoàn thành theo tiêu chí (bản đồ nhiệt), nội dung thi đua, phân bố xếp loại",
)
def aggregates(
    framework_id: FrameworkId, school_year: Year, actor: ScorecardsReadActor, session: SessionDep, page: Page
) -> Aggregates:
    """Figures over every subject the caller sees; the heatmap's rows are the page asked, in ranking order."""
    return service.aggregates(session, actor, framework_id, school_year, page)


@router.get(
    "/year-over-year",
    name="scorecards_year_over_year",
    summary="So sánh kết quả qua các năm học của một bảng điểm",
)
def year_over_year(
    framework_code: Annotated[str, Query(min_length=1, max_length=40)],
    actor: ScorecardsReadActor,
    session: SessionDep,
) -> YearOverYear:
    return service.year_over_year(session, actor, framework_code)


@router.get(
    "/classification",
    name="scorecards_classification",
    summary="Các bậc xếp loại mặc định: mã, tên và tỷ lệ hoàn thành tối thiểu, cao nhất trước",
)
def classification(actor: SignedInActor) -> list[DefaultClassificationBand]:
    # Not secret and needed wherever a classification is chosen (award rules, filters): any caller.
    return service.default_classification()


@router.get(
    "/{assessment_id}/history",
    name="scorecards_history",
    summary="Kết quả của đối tượng qua các năm học, bên cạnh bình quân của xã",
)
def get_history(assessment_id: PathId, actor: ScorecardsReadActor, session: SessionDep) -> ScorecardHistory:
    return service.history(session, actor, assessment_id)


@router.get(
    "/{assessment_id}",
    name="scorecards_get",
    summary="Bảng điểm của một đối tượng: điểm theo tiêu chí, chỉ tiêu và chỗ bị mất điểm",
)
def get_scorecard(
    assessment_id: PathId, actor: ScorecardsReadActor, session: SessionDep, response: Response
) -> ScorecardDetail:
    detail = service.detail(session, actor, assessment_id)
    # Derived from many rows, so its ETag is the hash of what it says (If-None-Match then answers 304).
    response.headers["ETag"] = content_etag(detail.model_dump_json().encode())
    return detail
