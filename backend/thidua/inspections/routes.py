from typing import Literal

from fastapi import APIRouter, Depends, Request, Response
from sqlmodel import Session

from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.inspections import service
from thidua.inspections.models import Inspection
from thidua.inspections.schemas import (
    InspectionCreate,
    InspectionPage,
    InspectionRead,
    InspectionUpdate,
    InspectionValuesIn,
)

router = APIRouter(prefix="/inspections", tags=["inspections"])
read = allow(Permission.inspections_read)


def _answer(session: Session, actor: Actor, response: Response, inspection: Inspection) -> InspectionRead:
    set_etag(response, inspection.version)
    return service.read_inspection(session, actor, inspection)


@router.get(
    "",
    response_model=InspectionPage,
    name="inspections_list",
    summary="Danh sách đợt kiểm tra, giám sát (thành viên đoàn chỉ thấy đợt của mình)",
)
def list_inspections(
    school_year: SchoolYear | None = None,
    status: Literal["open", "closed"] | None = None,
    kind: Literal["periodic", "ad_hoc"] | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> InspectionPage:
    return service.list_inspections(
        session, actor, service.InspectionFilters(school_year, status, kind), page
    )


@router.post(
    "",
    response_model=InspectionRead,
    status_code=201,
    name="inspections_create",
    summary="Lập đợt kiểm tra định kỳ hoặc đột xuất: đoàn kiểm tra và các đơn vị được kiểm tra",
)
def create_inspection(
    body: InspectionCreate,
    response: Response,
    actor: Actor = Depends(allow(Permission.inspections_manage)),
    session: Session = Depends(get_session),
) -> InspectionRead:
    return _answer(session, actor, response, service.create_inspection(session, actor, body))


@router.get(
    "/{inspection_id}", response_model=InspectionRead, name="inspections_get", summary="Xem đợt kiểm tra"
)
def get_inspection(
    inspection_id: PathId,
    response: Response,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> InspectionRead:
    return _answer(session, actor, response, service.get_inspection(session, actor, inspection_id))


@router.patch(
    "/{inspection_id}",
    response_model=InspectionRead,
    name="inspections_update",
    summary="Sửa đợt kiểm tra, ghi kết luận, kết thúc đợt",
    openapi_extra=IF_MATCH_DOC,
)
def update_inspection(
    inspection_id: PathId,
    body: InspectionUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.inspections_manage)),
    session: Session = Depends(get_session),
) -> InspectionRead:
    inspection = service.get_inspection(session, actor, inspection_id)
    check_if_match(request, inspection.version)
    return _answer(session, actor, response, service.update_inspection(session, actor, inspection, body))


@router.post(
    "/{inspection_id}/values",
    response_model=InspectionRead,
    name="inspections_record_values",
    summary="Ghi giá trị xác minh tại đơn vị (trở thành giá trị xác nhận của chỉ tiêu)",
    openapi_extra=IF_MATCH_DOC,
)
def record_values(
    inspection_id: PathId,
    body: InspectionValuesIn,
    request: Request,
    response: Response,
    actor: Actor = Depends(allow(Permission.inspections_record)),
    session: Session = Depends(get_session),
) -> InspectionRead:
    inspection = service.get_inspection(session, actor, inspection_id)
    check_if_match(request, inspection.version)
    return _answer(session, actor, response, service.record_values(session, actor, inspection, body))
