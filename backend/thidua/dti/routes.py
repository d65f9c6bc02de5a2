from fastapi import APIRouter
from sqlmodel import Session

from thidua.api.deps import DtiReadActor, DtiWriteActor, ETag, ETagSetter, IfMatch, Page, SessionDep
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.dti import service
from thidua.dti.models import DtiAssessment
from thidua.dti.schemas import (
    DtiAssessmentCreate,
    DtiAssessmentPage,
    DtiAssessmentRead,
    DtiAssessmentUpdate,
    DtiIndexRead,
    LinkedRead,
)

router = APIRouter(prefix="/dti", tags=["dti"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, a: DtiAssessment) -> DtiAssessmentRead:
    return etag(a.version, service.read(session, actor, a))


@router.get(
    "/index", name="dti_index", summary="Bộ chỉ số chuyển đổi số QĐ 4725/QĐ-BGDĐT: nhóm, tiêu chí, mức"
)
def get_index(actor: DtiReadActor) -> DtiIndexRead:
    return service.index_read()


@router.get("/assessments", name="dti_list", summary="Kết quả tự đánh giá QĐ 4725 của các trường")
def list_assessments(
    actor: DtiReadActor,
    session: SessionDep,
    page: Page,
    unit_id: QueryId = None,
    school_year: SchoolYear | None = None,
) -> DtiAssessmentPage:
    return service.list_assessments(session, actor, unit_id, school_year, page)


@router.post(
    "/assessments", status_code=201, name="dti_create", summary="Nhập kết quả tự đánh giá QĐ 4725 của trường"
)
def create_assessment(
    body: DtiAssessmentCreate, actor: DtiWriteActor, session: SessionDep, etag: ETag
) -> DtiAssessmentRead:
    return _answer(session, actor, etag, service.create(session, actor, body))


@router.get("/assessments/{assessment_id}", name="dti_get", summary="Xem một bản tự đánh giá QĐ 4725")
def get_assessment(
    assessment_id: PathId, actor: DtiReadActor, session: SessionDep, etag: ETag
) -> DtiAssessmentRead:
    return _answer(session, actor, etag, service.get_assessment(session, actor, assessment_id))


@router.put(
    "/assessments/{assessment_id}",
    name="dti_update",
    summary="Sửa kết quả tự đánh giá QĐ 4725 (thay toàn bộ các tiêu chí)",
)
def update_assessment(
    assessment_id: PathId,
    body: DtiAssessmentUpdate,
    actor: DtiWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> DtiAssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.update(session, actor, a, body))


@router.get(
    "/linked/{assessment_id}",
    name="dti_linked",
    summary="Các chỉ tiêu của Phong trào lấy giá trị từ Bộ chỉ số 4725 (theo một bản tự đánh giá)",
)
def linked(assessment_id: PathId, actor: DtiReadActor, session: SessionDep) -> LinkedRead:
    return service.linked(session, actor, assessment_id)
