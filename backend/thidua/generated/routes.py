"""Large exports and document batches: asked for with a POST (202 and the file's resource, built by a
job of the queue), followed at `GET /generated-files/{id}`, downloaded (streamed) when done."""

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from thidua.api.deps import DecisionsReadActor, ScorecardsReadActor, SessionDep, SignedInActor
from thidua.api.files import XLSX, ZIP, stored_file
from thidua.core.ids import PathId
from thidua.generated import service
from thidua.generated.models import GeneratedFile
from thidua.generated.schemas import GeneratedFileRead, GeneratedKind, ScorecardsExportCreate

router = APIRouter(prefix="/generated-files", tags=["generated-files"])
scorecard_exports = APIRouter(prefix="/scorecards", tags=["scorecards"])
dossiers = APIRouter(prefix="/award-decisions", tags=["awards"])

ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {
        "model": GeneratedFileRead,
        "description": "Đang tạo tệp nền; theo dõi tiến độ tại địa chỉ trong Location",
        "headers": {"Location": {"description": "Địa chỉ theo dõi tệp", "schema": {"type": "string"}}},
    }
}


def _accepted(row: GeneratedFile, response: Response) -> GeneratedFileRead:
    assert row.id is not None
    response.headers["Location"] = service.url(row.id)
    response.headers["Retry-After"] = "1"
    return service.read(row)


@scorecard_exports.post(
    "/export",
    status_code=202,
    name="scorecards_export",
    summary="Xuất bảng xếp hạng và bản đồ nhiệt ra XLSX (tạo nền: theo dõi tại Location, tải khi xong)",
    responses=ACCEPTED,
)
def export_scorecards(
    body: ScorecardsExportCreate, actor: ScorecardsReadActor, session: SessionDep, response: Response
) -> GeneratedFileRead:
    row = service.request(session, actor, GeneratedKind.scorecards, body.model_dump())
    return _accepted(row, response)


@dossiers.post(
    "/{decision_id}/dossier",
    status_code=202,
    name="award_decisions_dossier",
    summary="Tạo hồ sơ đề nghị cấp tỉnh (ZIP): tờ trình, danh sách, báo cáo thành tích và minh chứng",
    responses=ACCEPTED,
)
def dossier(
    decision_id: PathId, actor: DecisionsReadActor, session: SessionDep, response: Response
) -> GeneratedFileRead:
    row = service.request(session, actor, GeneratedKind.dossier, {"decision_id": decision_id})
    return _accepted(row, response)


@router.get("/{file_id}", name="generated_files_get", summary="Tiến độ tạo tệp và địa chỉ tải khi xong")
def get_file(file_id: PathId, actor: SignedInActor, session: SessionDep) -> GeneratedFileRead:
    return service.read(service.get(session, actor, file_id))


@router.get(
    "/{file_id}/file",
    name="generated_files_download",
    summary="Tải tệp đã tạo (chỉ người đã yêu cầu; 409 khi chưa xong)",
    response_class=StreamingResponse,
    responses={200: {"content": {XLSX: {}, ZIP: {}}, "description": "Tệp đã tạo (XLSX hoặc ZIP, theo loại)"}},
)
def download(
    file_id: PathId, request: Request, actor: SignedInActor, session: SessionDep
) -> StreamingResponse:
    row = service.get(session, actor, file_id)
    return stored_file(
        request.app.state.storage,
        service.stored_key(row),
        filename=row.filename,
        media_type=row.media_type,
        size=row.size_bytes,
        missing="Tệp đã tạo không còn trên máy chủ; hãy tạo lại.",
    )
