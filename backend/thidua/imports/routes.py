"""Bulk import and export over HTTP: the request body is the file, streamed to a temporary file."""

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.config import Settings
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session
from thidua.imports import files, idempotency, jobs, parsing, service
from thidua.imports.kinds.base import ExportFilters, ImportKind
from thidua.imports.parsing import MEDIA_TYPES, XLSX_MEDIA_TYPE, FileProblem, PayloadTooLarge
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

router = APIRouter(prefix="/imports", tags=["integrations"])
exports = APIRouter(prefix="/exports", tags=["integrations"])
runner = allow(Permission.imports_run)
exporter = allow(Permission.exports_run)

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


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


# ---------------------------------------------------------------- receiving the file


@dataclass
class Upload:
    path: Path
    size: int
    digest: str
    lines: int
    head: bytes
    kept: bool = False  # a queued job owns the file now


async def _receive(request: Request, settings: Settings) -> Upload:
    """Stream the body to a temporary file under var/imports, hashing it for Idempotency-Key."""
    limit = settings.import_max_bytes
    too_large = PayloadTooLarge(
        f"Tệp vượt quá giới hạn {limit // (1024 * 1024)} MB; hãy chia thành nhiều tệp nhỏ hơn."
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    folder = Path(settings.var_dir) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    hasher = idempotency.request_hasher("POST", request.url.path, list(request.query_params.multi_items()))
    fd, name = tempfile.mkstemp(prefix="upload-", suffix=".part", dir=folder)
    path = Path(name)
    size = lines = 0
    head = b""
    try:
        with os.fdopen(fd, "wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_large
                hasher.update(chunk)
                lines += chunk.count(b"\n")
                if len(head) < 16:
                    head += chunk[: 16 - len(head)]
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Upload(path, size, hasher.hexdigest(), lines, head)


def _handle(
    request: Request,
    session: Session,
    actor: Actor,
    kind: ImportKind,
    explicit: FileFormat | None,
    dry_run: bool,
    strategy: Strategy,
    atomic: bool,
    upload: Upload,
    key: str | None,
) -> Response:
    app = request.app
    settings: Settings = app.state.settings
    engine: Engine = app.state.engine
    if actor.user in session:
        session.expunge(actor.user)  # keep the caller loaded while this session commits
    record_id: int | None = None
    if key:
        outcome = idempotency.begin(session, actor, key, "POST", request.url.path, upload.digest)
        if isinstance(outcome, idempotency.Replay):
            headers = {**outcome.headers, idempotency.REPLAYED: "true"}
            return JSONResponse(outcome.body, status_code=outcome.status_code, headers=headers)
        record_id = outcome
    try:
        if upload.size == 0:
            raise FileProblem("Tệp rỗng: cần dòng tiêu đề và ít nhất một dòng dữ liệu.", type_="empty_file")
        fmt = parsing.detect_format(explicit, request.headers.get("content-type"), upload.head)
        options = service.ImportOptions(kind.name, fmt, dry_run, strategy, atomic)
        table = parsing.open_table(upload.path, fmt, kind.columns, settings.import_json_max_bytes)
        try:
            hint = table.total_hint or (max(upload.lines - 1, 0) if fmt == FileFormat.csv else None)
            if upload.size > settings.import_async_threshold_bytes:
                table.close()
                return _queue(request, session, actor, options, upload, hint, key, record_id)
            job = service.new_job(
                session,
                actor,
                options,
                size=upload.size,
                status="running",
                file_path=None,
                total_hint=hint,
                idempotency_key=key,
            )
            assert job.id is not None
            job_id = job.id

            def finalize(conn: Any, summary: ImportSummary) -> None:
                service.finish_job(conn, job_id, summary)
                if record_id is not None:
                    idempotency.store(conn, record_id, 200, summary.model_dump(mode="json"))

            try:
                summary = service.run_import(engine, actor, options, table, job_id=job_id, finalize=finalize)
            except Exception as exc:
                jobs.fail(
                    engine, job_id, getattr(exc, "detail", None) or "Lỗi hệ thống; không có gì được lưu."
                )
                raise
            return JSONResponse(summary.model_dump(mode="json"), status_code=200)
        finally:
            table.close()
    except BaseException:
        if record_id is not None:
            idempotency.abandon(session, record_id)
        raise


def _queue(
    request: Request,
    session: Session,
    actor: Actor,
    options: service.ImportOptions,
    upload: Upload,
    hint: int | None,
    key: str | None,
    record_id: int | None,
) -> Response:
    job = service.new_job(
        session,
        actor,
        options,
        size=upload.size,
        status="queued",
        file_path=str(upload.path),
        total_hint=hint,
        idempotency_key=key,
    )
    assert job.id is not None
    upload.kept = True
    body = service.read_job(job).model_dump(mode="json")
    headers = {"Location": service.job_url(job.id)}
    if record_id is not None:
        with request.app.state.engine.begin() as conn:
            idempotency.store(conn, record_id, 202, body, headers)
    jobs.submit(request.app, job.id)
    return JSONResponse(body, status_code=202, headers=headers)


# ---------------------------------------------------------------- routes


@router.get(
    "/kinds",
    response_model=list[KindInfo],
    name="imports_kinds",
    summary="Các loại dữ liệu nhập, xuất được và cột của chúng",
)
def list_kinds(actor: Actor = Depends(runner)) -> list[KindInfo]:
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
def template(kind: ImportKindName, fmt: TemplateFormat, actor: Actor = Depends(runner)) -> Response:
    from thidua.imports.kinds import KINDS

    spec = KINDS[kind]
    if fmt == TemplateFormat.csv:
        return Response(
            files.template_csv(spec),
            media_type="text/csv; charset=utf-8",
            headers=_attachment(f"mau-{kind.value}.csv"),
        )
    columns, rows = files.template_rows(spec)
    buffer = io.BytesIO()
    files.write_xlsx(buffer, columns, rows, help_columns=list(spec.columns))
    return Response(
        buffer.getvalue(), media_type=XLSX_MEDIA_TYPE, headers=_attachment(f"mau-{kind.value}.xlsx")
    )


@router.get(
    "",
    response_model=ImportJobPage,
    name="imports_list",
    summary="Các lượt nhập dữ liệu (của mình; quản trị viên xem tất cả)",
)
def list_imports(
    kind: ImportKindName | None = None,
    status: JobStatus | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(runner),
    session: Session = Depends(get_session),
) -> ImportJobPage:
    return service.list_jobs(session, actor, kind, status, page, jobs.live_progress)


@router.get(
    "/{job_id}",
    response_model=ImportJobRead,
    name="imports_get",
    summary="Trạng thái, tiến độ và kết quả một lượt nhập",
)
def get_import(
    job_id: PathId,
    actor: Actor = Depends(runner),
    session: Session = Depends(get_session),
) -> ImportJobRead:
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
    actor: Actor = Depends(runner),
    session: Session = Depends(get_session),
) -> Response:
    kind_spec = service.check_import(actor, kind)
    upload = await _receive(request, request.app.state.settings)
    try:
        return await run_in_threadpool(
            _handle,
            request,
            session,
            actor,
            kind_spec,
            fmt,
            dry_run,
            strategy,
            atomic,
            upload,
            idempotency_key,
        )
    finally:
        if not upload.kept:
            upload.path.unlink(missing_ok=True)


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
    unit_id: QueryId = None,
    school_year: SchoolYear | None = None,
    actor: Actor = Depends(exporter),
) -> Response:
    spec = service.check_export(actor, kind)
    engine: Engine = request.app.state.engine
    filters = ExportFilters(unit_id=unit_id, school_year=school_year)
    columns = [c.name for c in spec.export_columns]
    filename = f"{kind.value}.{fmt.value}"
    if fmt == FileFormat.xlsx:
        folder = Path(request.app.state.settings.var_dir) / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="export-", suffix=".xlsx", dir=folder)
        os.close(fd)
        path = Path(name)
        try:
            with engine.connect() as conn:
                files.write_xlsx(path, columns, spec.export_rows(conn, actor, filters))
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return FileResponse(
            path,
            media_type=XLSX_MEDIA_TYPE,
            headers=_attachment(filename),
            background=BackgroundTask(path.unlink, missing_ok=True),
        )
    writer = files.iter_csv if fmt == FileFormat.csv else files.iter_json

    def stream() -> Any:
        with engine.connect() as conn:
            yield from writer(columns, spec.export_rows(conn, actor, filters))

    media = MEDIA_TYPES[fmt] + "; charset=utf-8"
    return StreamingResponse(stream(), media_type=media, headers=_attachment(filename))
