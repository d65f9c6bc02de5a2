from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    InitiativesReadActor,
    InitiativesRecogniseActor,
    InitiativesWriteActor,
    Page,
    SessionDep,
)
from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor
from thidua.core.ids import MAX_ID, PathId, UnitTreeId
from thidua.initiatives import service
from thidua.initiatives.models import Initiative, InitiativeKind, RecognitionLevel
from thidua.initiatives.schemas import (
    InitiativeCreate,
    InitiativePage,
    InitiativeRead,
    InitiativeUpdate,
    RecognitionIn,
)

router = APIRouter(prefix="/initiatives", tags=["initiatives"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, initiative: Initiative) -> InitiativeRead:
    return etag(initiative.version, service.read_initiative(session, actor, initiative))


@router.get(
    "",
    name="initiatives_list",
    summary="Danh sách sáng kiến, giải pháp, học liệu số (năm học mới nhất trước)",
)
def list_initiatives(
    actor: InitiativesReadActor,
    session: SessionDep,
    page: Page,
    unit_id: UnitTreeId = None,
    school_year: SchoolYear | None = None,
    kind: InitiativeKind | None = None,
    staff_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Có cán bộ này là tác giả hoặc đồng tác giả")
    ] = None,
    recognised: bool | None = Query(None, description="true: đã được công nhận; false: chưa"),
    recognition_level: RecognitionLevel | None = None,
    q: str | None = Query(None, max_length=100, description="Tìm theo tên sáng kiến"),
) -> InitiativePage:
    filters = service.InitiativeFilters(
        unit_id=unit_id,
        school_year=school_year,
        kind=kind.value if kind else None,
        staff_id=staff_id,
        recognised=recognised,
        recognition_level=recognition_level.value if recognition_level else None,
        q=q,
    )
    return service.list_initiatives(session, actor, filters, page)


@router.post(
    "", status_code=201, name="initiatives_create", summary="Đăng ký một sáng kiến với danh sách tác giả"
)
def create_initiative(
    body: InitiativeCreate, actor: InitiativesWriteActor, session: SessionDep, etag: ETag
) -> InitiativeRead:
    return _answer(session, actor, etag, service.create_initiative(session, actor, body))


@router.get("/{initiative_id}", name="initiatives_get", summary="Xem một sáng kiến")
def get_initiative(
    initiative_id: PathId, actor: InitiativesReadActor, session: SessionDep, etag: ETag
) -> InitiativeRead:
    return _answer(session, actor, etag, service.get_initiative(session, actor, initiative_id))


@router.patch("/{initiative_id}", name="initiatives_update", summary="Sửa sáng kiến chưa được công nhận")
def update_initiative(
    initiative_id: PathId,
    body: InitiativeUpdate,
    actor: InitiativesWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InitiativeRead:
    initiative = if_match(service.get_initiative(session, actor, initiative_id))
    return _answer(session, actor, etag, service.update_initiative(session, actor, initiative, body))


@router.delete(
    "/{initiative_id}",
    status_code=204,
    response_class=Response,
    name="initiatives_delete",
    summary="Xóa sáng kiến chưa được công nhận",
)
def delete_initiative(
    initiative_id: PathId, actor: InitiativesWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    initiative = if_match(service.get_initiative(session, actor, initiative_id))
    service.delete_initiative(session, actor, initiative)
    return Response(status_code=204)


@router.post(
    "/{initiative_id}/recognition",
    name="initiatives_recognise",
    summary="Ghi nhận quyết định công nhận sáng kiến (cấp cơ sở, cấp xã, cấp tỉnh)",
)
def recognise_initiative(
    initiative_id: PathId,
    body: RecognitionIn,
    actor: InitiativesRecogniseActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InitiativeRead:
    initiative = if_match(service.get_initiative(session, actor, initiative_id))
    return _answer(session, actor, etag, service.recognise(session, actor, initiative, body))


@router.delete(
    "/{initiative_id}/recognition",
    name="initiatives_withdraw_recognition",
    summary="Thu hồi công nhận sáng kiến (ghi nhầm hoặc bị hủy)",
)
def withdraw_recognition(
    initiative_id: PathId,
    actor: InitiativesRecogniseActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> InitiativeRead:
    initiative = if_match(service.get_initiative(session, actor, initiative_id))
    return _answer(session, actor, etag, service.withdraw_recognition(session, actor, initiative))
