from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    ETag,
    ETagSetter,
    IfMatch,
    MaterialsReadActor,
    MaterialsWriteActor,
    Page,
    SessionDep,
)
from thidua.api.files import stored_file
from thidua.auth.policy import Actor
from thidua.core.ids import PathId, QueryId
from thidua.materials import service
from thidua.materials.models import LearningMaterial
from thidua.materials.schemas import (
    MaterialCreate,
    MaterialPage,
    MaterialRead,
    MaterialUpdate,
    RecognisedMaterialPage,
)

router = APIRouter(prefix="/materials", tags=["materials"])

Search = Annotated[str | None, Query(max_length=100, description="Tìm trong tên, tác giả, môn học")]


def _answer(session: Session, actor: Actor, etag: ETagSetter, m: LearningMaterial) -> MaterialRead:
    return etag(m.version, service.read(session, actor, m))


@router.get("", name="materials_list", summary="Kho học liệu số dùng chung của các trường")
def list_materials(
    actor: MaterialsReadActor,
    session: SessionDep,
    page: Page,
    q: Search = None,
    subject: Annotated[str | None, Query(max_length=100)] = None,
    grade: Annotated[str | None, Query(max_length=50)] = None,
    unit_id: QueryId = None,
) -> MaterialPage:
    return service.list_materials(session, actor, service.Filters(q, subject, grade, unit_id), page)


@router.get(
    "/recognised",
    name="materials_recognised",
    summary="Học liệu số đã được công nhận (sáng kiến loại học liệu số của các trường)",
)
def list_recognised(
    actor: MaterialsReadActor, session: SessionDep, page: Page, q: Search = None
) -> RecognisedMaterialPage:
    return service.list_recognised(session, actor, q, page)


@router.post("", status_code=201, name="materials_create", summary="Chia sẻ một học liệu số")
def create_material(
    body: MaterialCreate, actor: MaterialsWriteActor, session: SessionDep, etag: ETag
) -> MaterialRead:
    return _answer(session, actor, etag, service.create(session, actor, body))


@router.get("/{material_id}", name="materials_get", summary="Xem một học liệu")
def get_material(
    material_id: PathId, actor: MaterialsReadActor, session: SessionDep, etag: ETag
) -> MaterialRead:
    return _answer(session, actor, etag, service.get(session, actor, material_id))


@router.patch("/{material_id}", name="materials_update", summary="Sửa thông tin học liệu")
def update_material(
    material_id: PathId,
    body: MaterialUpdate,
    actor: MaterialsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> MaterialRead:
    m = if_match(service.get(session, actor, material_id))
    return _answer(session, actor, etag, service.update(session, actor, m, body))


@router.delete(
    "/{material_id}",
    status_code=204,
    response_class=Response,
    name="materials_delete",
    summary="Gỡ học liệu khỏi kho",
)
def delete_material(
    material_id: PathId, request: Request, actor: MaterialsWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    m = if_match(service.get(session, actor, material_id))
    service.delete(session, actor, m, request.app.state.storage)
    return Response(status_code=204)


@router.post(
    "/{material_id}/file",
    name="materials_attach_file",
    summary="Tải tệp học liệu lên (PDF, DOCX, XLSX, PPTX, PNG, JPEG; tối đa 20 MB)",
)
def attach_file(
    material_id: PathId,
    request: Request,
    file: Annotated[UploadFile, File(description="Tệp học liệu (xét loại theo nội dung tệp)")],
    actor: MaterialsWriteActor,
    session: SessionDep,
    etag: ETag,
) -> MaterialRead:
    m = service.get(session, actor, material_id)
    return _answer(
        session, actor, etag, service.attach_file(session, actor, m, file, request.app.state.storage)
    )


@router.get(
    "/{material_id}/file",
    response_class=StreamingResponse,
    name="materials_download",
    summary="Tải học liệu về",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp học liệu"}},
)
def download(
    material_id: PathId, request: Request, actor: MaterialsReadActor, session: SessionDep
) -> StreamingResponse:
    m = service.get(session, actor, material_id)
    return stored_file(
        request.app.state.storage,
        service.file_key(m),
        filename=m.file_name or f"hoc-lieu-{m.id}",
        media_type=m.file_content_type or "application/octet-stream",
        size=m.file_size_bytes or 0,
        missing="Tệp học liệu không còn trên máy chủ.",
        plain_stem="hoc-lieu",
    )
