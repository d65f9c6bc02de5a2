"""Public pages: anyone may read them without signing in, and only read (GET)."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse

from thidua.api.deps import Page, SessionDep
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import PUBLIC
from thidua.awards.models import AwardLevel
from thidua.core.ids import MAX_ID, PathId, QueryId
from thidua.public import criteria, service
from thidua.public.schemas import (
    CertificateCheck,
    HonourBoardPage,
    PublicCommune,
    PublicCriteria,
    PublicInfoCorner,
    PublicResult,
    PublicResultPage,
    PublicRound,
    PublicStory,
    PublicStoryPage,
)
from thidua.stories.routes import IMAGE_RESPONSE, image_response

router = APIRouter(prefix="/public", tags=["public"], dependencies=[Depends(PUBLIC)])

VerificationCode = Annotated[
    str,
    Path(
        pattern=r"^[A-Za-z0-9-]{4,20}$",
        description=(
            "Mã xác minh in ở cuối giấy khen: 4–20 chữ cái, chữ số hoặc dấu gạch ngang, "
            "không phân biệt chữ hoa, chữ thường"
        ),
    ),
]


# A province deployment's public pages are per commune: `commune_id` (a commune's unit id) narrows them.
CommuneId = Annotated[
    int | None, Query(ge=1, le=MAX_ID, description="Trang công khai của một xã (id đơn vị UBND xã)")
]


@router.get("/communes", name="public_communes", summary="Các xã có trang công khai (chọn một xã để xem)")
def communes(session: SessionDep) -> list[PublicCommune]:
    return service.communes(session)


@router.get(
    "/honour-board",
    name="public_honour_board",
    summary="Bảng vinh danh: tập thể, cá nhân được khen thưởng (quyết định mới nhất trước)",
)
def honour_board(
    session: SessionDep,
    page: Page,
    round_id: QueryId = None,
    school_year: SchoolYear | None = None,
    level: AwardLevel | None = None,
    subject_kind: Literal["collective", "individual"] | None = None,
    unit_id: QueryId = None,
    q: Annotated[str | None, Query(max_length=100, description="Tìm theo tên cá nhân hoặc đơn vị")] = None,
    commune_id: CommuneId = None,
) -> HonourBoardPage:
    filters = service.HonourFilters(
        round_id, school_year, level.value if level else None, subject_kind, unit_id, q, commune_id
    )
    return service.honour_board(session, filters, page)


@router.get("/rounds", name="public_rounds", summary="Các đợt khen thưởng có kết quả trên bảng vinh danh")
def rounds(session: SessionDep, commune_id: CommuneId = None) -> list[PublicRound]:
    return service.rounds(session, commune_id)


@router.get(
    "/stories", name="public_stories_list", summary="Gương điển hình tiên tiến đã đăng (mới nhất trước)"
)
def list_stories(session: SessionDep, page: Page, commune_id: CommuneId = None) -> PublicStoryPage:
    return service.list_stories(session, page, commune_id)


@router.get("/stories/{story_id}", name="public_stories_get", summary="Đọc một bài gương điển hình tiên tiến")
def get_story(story_id: PathId, session: SessionDep) -> PublicStory:
    return service.story_detail(session, service.published_story(session, story_id))


@router.get(
    "/stories/{story_id}/images/{image_id}",
    response_class=StreamingResponse,
    name="public_stories_get_image",
    summary="Ảnh của bài gương điển hình tiên tiến",
    responses=IMAGE_RESPONSE,
)
def get_story_image(
    story_id: PathId, image_id: PathId, request: Request, session: SessionDep
) -> StreamingResponse:
    return image_response(request, service.story_image(session, story_id, image_id))


@router.get("/results", name="public_results_list", summary="Kết quả đánh giá đã công khai")
def list_results(session: SessionDep, page: Page, commune_id: CommuneId = None) -> PublicResultPage:
    return service.list_results(session, page, commune_id)


@router.get(
    "/results/{publication_id}",
    name="public_results_get",
    summary="Kết quả đã xác nhận của các cơ sở giáo dục: tỷ lệ hoàn thành, xếp loại, xếp hạng",
)
def get_result(publication_id: PathId, session: SessionDep) -> PublicResult:
    return service.result(session, publication_id)


@router.get(
    "/certificates/{code}", name="public_certificates_verify", summary="Xác minh giấy khen, bằng khen theo mã"
)
def verify_certificate(code: VerificationCode, session: SessionDep) -> CertificateCheck:
    return service.certificate(session, code)


@router.get(
    "/info-corners",
    name="public_info_corners",
    summary="Chuyên mục thông tin về Phong trào trên website các trường",
)
def info_corners(session: SessionDep, commune_id: CommuneId = None) -> list[PublicInfoCorner]:
    return service.info_corners(session, commune_id)


@router.get(
    "/criteria",
    name="public_criteria",
    summary="Tiêu chí khen thưởng công khai: hình thức và điều kiện, bộ tiêu chí chấm điểm, lịch các đợt",
)
def public_criteria(session: SessionDep, commune_id: CommuneId = None) -> PublicCriteria:
    return criteria.criteria(session, commune_id)
