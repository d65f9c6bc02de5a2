from fastapi import APIRouter, Response
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    ResearchSupportReadActor,
    ResearchSupportWriteActor,
    SessionDep,
)
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.research import service
from thidua.research.models import ResearchSupport
from thidua.research.schemas import SupportCreate, SupportPage, SupportRead, SupportTotalsList, SupportUpdate

router = APIRouter(prefix="/research-supports", tags=["research-supports"])
by_initiative = APIRouter(prefix="/initiatives", tags=["research-supports"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, support: ResearchSupport) -> SupportRead:
    return etag(support.version, service.read_support(session, actor, support))


@by_initiative.post(
    "/{initiative_id}/research-supports",
    status_code=201,
    name="research_supports_create",
    summary="Ghi nhận hỗ trợ (thời gian, kinh phí, chuyên môn) của đơn vị cho sáng kiến, đề tài nghiên cứu",
)
def create_support(
    initiative_id: PathId,
    body: SupportCreate,
    actor: ResearchSupportWriteActor,
    session: SessionDep,
    etag: ETag,
) -> SupportRead:
    return _answer(session, actor, etag, service.create_support(session, actor, initiative_id, body))


@router.get("", name="research_supports_list", summary="Danh sách hỗ trợ nghiên cứu của các đơn vị")
def list_supports(
    actor: ResearchSupportReadActor,
    session: SessionDep,
    page: Page,
    unit_id: QueryId = None,
    initiative_id: QueryId = None,
    school_year: SchoolYear | None = None,
) -> SupportPage:
    return service.list_supports(
        session, actor, service.SupportFilters(unit_id, initiative_id, school_year), page
    )


@router.get(
    "/totals",
    name="research_supports_totals",
    summary="Tổng hỗ trợ nghiên cứu theo cơ sở giáo dục (số lượt, giờ, kinh phí)",
)
def totals(
    actor: ResearchSupportReadActor,
    session: SessionDep,
    unit_id: QueryId = None,
    school_year: SchoolYear | None = None,
) -> SupportTotalsList:
    return service.totals(session, actor, unit_id, school_year)


@router.get("/{support_id}", name="research_supports_get", summary="Xem khoản hỗ trợ nghiên cứu")
def get_support(
    support_id: PathId, actor: ResearchSupportReadActor, session: SessionDep, etag: ETag
) -> SupportRead:
    return _answer(session, actor, etag, service.get_support(session, actor, support_id))


@router.patch("/{support_id}", name="research_supports_update", summary="Sửa khoản hỗ trợ nghiên cứu")
def update_support(
    support_id: PathId,
    body: SupportUpdate,
    actor: ResearchSupportWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> SupportRead:
    support = if_match(service.get_support(session, actor, support_id))
    return _answer(session, actor, etag, service.update_support(session, actor, support, body))


@router.delete(
    "/{support_id}", status_code=204, name="research_supports_delete", summary="Xóa khoản hỗ trợ nghiên cứu"
)
def delete_support(
    support_id: PathId, actor: ResearchSupportWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    service.delete_support(session, actor, if_match(service.get_support(session, actor, support_id)))
    return Response(status_code=204)
