from typing import Literal

from fastapi import APIRouter
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    InspectionsManageActor,
    InspectionsReadActor,
    InspectionsRecordActor,
    Page,
    SessionDep,
)
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import PathId
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


def _answer(session: Session, actor: Actor, etag: ETagSetter, inspection: Inspection) -> InspectionRead:
    return etag(inspection.version, service.read_inspection(session, actor, inspection))


@router.get(
    "",
    name="inspections_list",
    summary="Danh sách đợt kiểm tra, giám sát (thành viên đoàn chỉ thấy đợt của mình)",
)
def list_inspections(
    actor: InspectionsReadActor,
    session: SessionDep,
    page: Page,
    school_year: SchoolYear | None = None,
    status: Literal["open", "closed"] | None = None,
    kind: Literal["periodic", "ad_hoc"] | None = None,
) -> InspectionPage:
    return service.list_inspections(
        session, actor, service.InspectionFilters(school_year, status, kind), page
    )


@router.post(
    "",
    status_code=201,
    name="inspections_create",
    summary="Lập đợt kiểm tra định kỳ hoặc đột xuất: đoàn kiểm tra và các đơn vị được kiểm tra",
)
def create_inspection(
    body: InspectionCreate, actor: InspectionsManageActor, session: SessionDep, etag: ETag
) -> InspectionRead:
    return _answer(session, actor, etag, service.create_inspection(session, actor, body))


@router.get("/{inspection_id}", name="inspections_get", summary="Xem đợt kiểm tra")
def get_inspection(
    inspection_id: PathId, actor: InspectionsReadActor, session: SessionDep, etag: ETag
) -> InspectionRead:
    return _answer(session, actor, etag, service.get_inspection(session, actor, inspection_id))


@router.patch(
    "/{inspection_id}", name="inspections_update", summary="Sửa đợt kiểm tra, ghi kết luận, kết thúc đợt"
)
def update_inspection(
    inspection_id: PathId,
    body: InspectionUpdate,
    actor: InspectionsManageActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionRead:
    inspection = if_match(service.get_inspection(session, actor, inspection_id))
    return _answer(session, actor, etag, service.update_inspection(session, actor, inspection, body))


@router.post(
    "/{inspection_id}/values",
    name="inspections_record_values",
    summary="Ghi giá trị xác minh tại đơn vị (trở thành giá trị xác nhận của chỉ tiêu)",
)
def record_values(
    inspection_id: PathId,
    body: InspectionValuesIn,
    actor: InspectionsRecordActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InspectionRead:
    inspection = if_match(service.get_inspection(session, actor, inspection_id))
    return _answer(session, actor, etag, service.record_values(session, actor, inspection, body))
