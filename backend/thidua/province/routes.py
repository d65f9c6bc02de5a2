from typing import Annotated

from fastapi import APIRouter, Query

from thidua.api.deps import Page, ProvinceReadActor, SessionDep
from thidua.province import service
from thidua.province.schemas import (
    CommuneSummary,
    Heatmap,
    ProvinceProposal,
    ProvinceRankingPage,
    ReportInbox,
)

router = APIRouter(prefix="/province", tags=["province"])
Year = Annotated[str, Query(pattern=r"^20\d\d-20\d\d$", description="Năm học, ví dụ 2025-2026")]
Code = Annotated[str, Query(min_length=1, max_length=40, description="Mã bảng điểm, ví dụ BDC-CSGD")]


@router.get("/communes", name="province_communes", summary="Các xã của tỉnh và số cơ sở giáo dục")
def communes(actor: ProvinceReadActor, session: SessionDep) -> list[CommuneSummary]:
    return service.communes(session, actor)


@router.get(
    "/reports",
    name="province_report_inbox",
    summary="Báo cáo tổng hợp các xã đã gửi Sở: đã nhận và còn thiếu theo kỳ báo cáo",
)
def report_inbox(school_year: Year, actor: ProvinceReadActor, session: SessionDep) -> ReportInbox:
    return service.inbox(session, actor, school_year)


@router.get(
    "/heatmap",
    name="province_heatmap",
    summary="Bản đồ nhiệt xã × tiêu chí: tỷ lệ hoàn thành trung bình của các trường",
)
def heatmap(
    school_year: Year, framework_code: Code, actor: ProvinceReadActor, session: SessionDep
) -> Heatmap:
    return service.heatmap(session, actor, school_year, framework_code)


@router.get(
    "/ranking",
    name="province_ranking",
    summary="Xếp hạng các trường của toàn tỉnh trên cùng một phiên bản bảng điểm (hạng 1, 2, 2, 4)",
)
def ranking(
    school_year: Year,
    framework_code: Code,
    version_number: Annotated[int, Query(ge=1, le=1000, description="Phiên bản bảng điểm")],
    actor: ProvinceReadActor,
    session: SessionDep,
    page: Page,
) -> ProvinceRankingPage:
    return service.ranking(session, actor, framework_code, version_number, school_year, page)


@router.get(
    "/proposals",
    name="province_proposals",
    summary="Tờ trình đề nghị khen thưởng cấp tỉnh các xã đã gửi",
)
def proposals(
    actor: ProvinceReadActor,
    session: SessionDep,
    school_year: Annotated[str | None, Query(pattern=r"^20\d\d-20\d\d$")] = None,
) -> list[ProvinceProposal]:
    return service.proposals(session, actor, school_year)
