"""Bulk import and export over HTTP: the request body is the file, streamed to a temporary file."""

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from thidua.api.deps import ExportsRunActor, ImportsRunActor, Page, SessionDep
from thidua.assessments.schemas import SchoolYear
from thidua.core.ids import PathId, QueryId
from thidua.imports import downloads, idempotency, jobs, service, upload
from thidua.imports.headings import Lang
from thidua.imports.kinds import KINDS
from thidua.imports.kinds.base import ExportFilters
from thidua.imports.parsing import XLSX_MEDIA_TYPE
from thidua.imports.schemas import (
    FileFormat,
    ImportJobPage,
    ImportJobRead,
    ImportKindName,
    ImportSummary,
    JobStatus,
    KindInfo,
    Strategy,
    TemplateFormat,
)

# Column headings of templates and CSV/XLSX exports: Vietnamese by default, machine names with "en".
FileLang = Annotated[
    Lang,
    Query(
        description="Tiêu đề cột: vi (tiếng Việt, mặc định) hoặc en (tên cột của máy); JSON luôn dùng tên cột"
    ),
]

router = APIRouter(prefix="/imports", tags=["integrations"])
exports = APIRouter(prefix="/exports", tags=["integrations"])

_CSV_EXAMPLE = (
    "unit_code;indicator_code;school_year;value\nTHCS-A;TC2.1;2025-2026;80\nTHCS-A;TC2.4;2025-2026;100\n"
)
IMPORT_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            "Tệp cần nhập, gửi nguyên nội dung (không dùng multipart). CSV: UTF-8 (có hoặc không BOM), phân "
            "cách bằng dấu phẩy hoặc chấm phẩy, dòng đầu là tiêu đề. XLSX: trang tính đầu tiên, dòng đầu là "
            'tiêu đề. JSON: một mảng các đối tượng (đọc dần từng dòng), hoặc {"rows": [...]} (tối đa 50 MB). '
            "Các cột của từng loại: GET /api/v1/imports/kinds; tệp mẫu: "
            "GET /api/v1/imports/templates/{kind}.csv"
        ),
        "content": {
            "text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE},
            XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}},
            "application/json": {
                "schema": {"type": "array", "items": {"type": "object", "additionalProperties": True}},
                "example": [
                    {
                        "unit_code": "THCS-A",
                        "indicator_code": "TC2.1",
                        "school_year": "2025-2026",
                        "value": 80,
                    }
                ],
            },
        },
    }
}


@router.get("/kinds", name="imports_kinds", summary="Các loại dữ liệu nhập, xuất được và cột của chúng")
def list_kinds(actor: ImportsRunActor) -> list[KindInfo]:
    return service.kinds_info()


@router.get(
    "/templates/{kind}.{fmt}",
    name="imports_template",
    summary="Tải tệp mẫu để nhập (tiêu đề và một dòng ví dụ)",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}}, "description": "Tệp mẫu CSV hoặc XLSX"}
    },
)
def template(
    kind: ImportKindName, fmt: TemplateFormat, actor: ImportsRunActor, lang: FileLang = "vi"
) -> Response:
    return downloads.template(KINDS[kind], fmt, lang)


@router.get("", name="imports_list", summary="Các lượt nhập dữ liệu (của mình; quản trị viên xem tất cả)")
def list_imports(
    actor: ImportsRunActor,
    session: SessionDep,
    page: Page,
    kind: ImportKindName | None = None,
    status: JobStatus | None = None,
) -> ImportJobPage:
    return service.list_jobs(session, actor, kind, status, page, jobs.live_progress)


@router.get("/{job_id}", name="imports_get", summary="Trạng thái, tiến độ và kết quả một lượt nhập")
def get_import(job_id: PathId, actor: ImportsRunActor, session: SessionDep) -> ImportJobRead:
    job = service.get_job(session, actor, job_id)
    return service.read_job(job, jobs.live_progress(job.id))


@router.post(
    "/{kind}",
    response_model=ImportSummary,
    name="imports_run",
    summary="Nhập dữ liệu hàng loạt từ tệp CSV, XLSX hoặc JSON",
    description=(
        "Trả về 200 với bản tổng hợp (số dòng tạo mới, cập nhật, không đổi, bị từ chối, và lỗi từng dòng "
        "có số dòng, cột, giá trị, lý do tiếng Việt và tiếng Anh), kể cả khi có dòng bị từ chối. Tệp lớn hơn "
        "ngưỡng chạy nền: 202 với Location trỏ tới lượt nhập. 422 chỉ khi cả tệp không đọc được (định dạng, "
        "mã hóa, thiếu cột bắt buộc). Gửi kèm Idempotency-Key để gửi lại an toàn."
    ),
    responses={
        200: {
            "headers": {
                idempotency.REPLAYED: {
                    "description": "true khi đây là câu trả lời được phát lại",
                    "schema": {"type": "string"},
                }
            }
        },
        202: {
            "model": ImportJobRead,
            "description": "Tệp lớn: đang nhập nền; theo dõi tại địa chỉ trong Location",
            "headers": {"Location": {"description": "Địa chỉ lượt nhập", "schema": {"type": "string"}}},
        },
    },
    openapi_extra=IMPORT_DOC,
)
async def run_import(
    kind: ImportKindName,
    request: Request,
    actor: ImportsRunActor,
    session: SessionDep,
    fmt: FileFormat | None = Query(None, alias="format", description="Định dạng; mặc định theo Content-Type"),
    dry_run: bool = Query(False, description="Chạy thử: kiểm tra và báo cáo, không lưu gì"),
    strategy: Strategy = Query(
        Strategy.create_and_update,
        description="create: chỉ tạo mới (dòng đã có và khác sẽ bị từ chối); update: chỉ cập nhật "
        "(dòng chưa có "
        "bị từ chối); create_and_update: cả hai. Dòng giống hệt dữ liệu đã có luôn được tính là không đổi.",
    ),
    atomic: bool = Query(True, description="true: có dòng lỗi thì không lưu gì; false: lưu các dòng hợp lệ"),
    idempotency_key: str | None = Header(
        None,
        alias=idempotency.HEADER,
        min_length=1,
        max_length=200,
        description="Khóa do máy khách tạo; gửi lại cùng khóa và cùng tệp nhận lại câu trả lời đầu tiên",
    ),
) -> Response:
    kind_spec = service.check_import(actor, kind)
    received = await upload.receive(request, request.app.state.settings)
    submission = upload.Submission(request, session, actor, received, idempotency_key)
    choices = upload.Choices(fmt, dry_run, strategy, atomic)
    try:
        return await run_in_threadpool(upload.handle, submission, kind_spec, choices)
    finally:
        if not received.kept:
            received.path.unlink(missing_ok=True)


@exports.get(
    "/{kind}.{fmt}",
    name="exports_download",
    summary="Xuất dữ liệu ra CSV, XLSX hoặc JSON (cùng các cột như khi nhập)",
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}, "application/json": {}},
            "description": "Tệp xuất; nhập lại đúng tệp này thì mọi dòng là không đổi",
        }
    },
)
def export(
    kind: ImportKindName,
    fmt: FileFormat,
    request: Request,
    actor: ExportsRunActor,
    unit_id: QueryId = None,
    school_year: SchoolYear | None = None,
    lang: FileLang = "vi",
) -> Response:
    spec = service.check_export(actor, kind)
    var_dir = Path(request.app.state.settings.var_dir)
    filters = ExportFilters(unit_id=unit_id, school_year=school_year)
    return downloads.export(request.app.state.engine, var_dir, actor, spec, fmt, filters, lang)
