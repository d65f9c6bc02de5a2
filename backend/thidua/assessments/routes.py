from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from fastapi.responses import FileResponse
from sqlmodel import Session

from thidua.assessments import evidence as evidence_service
from thidua.assessments import service
from thidua.assessments.models import SelfAssessment
from thidua.assessments.schemas import (
    AssessmentCreate,
    AssessmentPage,
    AssessmentRead,
    EntriesUpdate,
    EvidenceOut,
    LinkEvidenceIn,
    ReturnInput,
    ReviewUpdate,
    SchoolYear,
    Status,
)
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.errors import Forbidden, NotFound
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

router = APIRouter(prefix="/self-assessments", tags=["self-assessments"])
read = allow(Permission.assessments_read)
fill = allow(Permission.assessments_fill)
reviewer = allow(Permission.assessments_review)


def _answer(session: Session, actor: Actor, response: Response, a: SelfAssessment) -> AssessmentRead:
    set_etag(response, a.version)
    return service.read_assessment(session, actor, a)


def _current(session: Session, actor: Actor, request: Request, assessment_id: int) -> SelfAssessment:
    a = service.get_assessment(session, actor, assessment_id)
    check_if_match(request, a.version)
    return a


@router.get(
    "", response_model=AssessmentPage, name="self_assessments_list", summary="Danh sách bản tự đánh giá"
)
def list_assessments(
    framework_id: QueryId = None,
    school_year: SchoolYear | None = None,
    unit_id: QueryId = None,
    status: Status | None = None,
    subject_kind: Literal["unit", "individual"] | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> AssessmentPage:
    filters = service.AssessmentFilters(framework_id, school_year, unit_id, status, subject_kind)
    return service.list_assessments(session, actor, filters, page)


@router.post(
    "",
    response_model=AssessmentRead,
    status_code=201,
    name="self_assessments_create",
    summary="Bắt đầu tự đánh giá (đơn vị: thủ trưởng; cá nhân: chính cán bộ)",
)
def create_assessment(
    body: AssessmentCreate,
    response: Response,
    actor: Actor = Depends(fill),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    return _answer(session, actor, response, service.create_assessment(session, actor, body))


@router.get(
    "/{assessment_id}",
    response_model=AssessmentRead,
    name="self_assessments_get",
    summary="Xem bản tự đánh giá với các chỉ tiêu, minh chứng và điểm",
)
def get_assessment(
    assessment_id: PathId,
    response: Response,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    return _answer(session, actor, response, service.get_assessment(session, actor, assessment_id))


@router.put(
    "/{assessment_id}/entries",
    response_model=AssessmentRead,
    name="self_assessments_update_entries",
    summary="Nhập giá trị tự đánh giá cho các chỉ tiêu",
    openapi_extra=IF_MATCH_DOC,
)
def update_entries(
    assessment_id: PathId,
    body: EntriesUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(fill),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    a = _current(session, actor, request, assessment_id)
    return _answer(session, actor, response, service.update_entries(session, actor, a, body))


@router.post(
    "/{assessment_id}/submit",
    response_model=AssessmentRead,
    name="self_assessments_submit",
    summary="Nộp bản tự đánh giá (sau khi nộp không sửa được)",
    openapi_extra=IF_MATCH_DOC,
)
def submit(
    assessment_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(fill),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    a = _current(session, actor, request, assessment_id)
    return _answer(session, actor, response, service.submit(session, actor, a))


@router.post(
    "/{assessment_id}/review",
    response_model=AssessmentRead,
    name="self_assessments_review",
    summary="Ghi giá trị xác nhận và nhận xét cho các chỉ tiêu",
    openapi_extra=IF_MATCH_DOC,
)
def review(
    assessment_id: PathId,
    body: ReviewUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(reviewer),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    a = _current(session, actor, request, assessment_id)
    return _answer(session, actor, response, service.review(session, actor, a, body))


@router.post(
    "/{assessment_id}/return",
    response_model=AssessmentRead,
    name="self_assessments_return",
    summary="Trả lại để bổ sung, với lý do theo từng chỉ tiêu",
    openapi_extra=IF_MATCH_DOC,
)
def return_assessment(
    assessment_id: PathId,
    body: ReturnInput,
    request: Request,
    response: Response,
    actor: Actor = Depends(reviewer),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    a = _current(session, actor, request, assessment_id)
    return _answer(session, actor, response, service.return_assessment(session, actor, a, body))


@router.post(
    "/{assessment_id}/verify",
    response_model=AssessmentRead,
    name="self_assessments_verify",
    summary="Xác nhận kết quả; bảng điểm được chốt (không đổi theo phiên bản sau)",
    openapi_extra=IF_MATCH_DOC,
)
def verify(
    assessment_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(reviewer),
    session: Session = Depends(get_session),
) -> AssessmentRead:
    a = _current(session, actor, request, assessment_id)
    return _answer(session, actor, response, service.verify(session, actor, a))


# ---------------------------------------------------------------- evidence


def _editable_own(session: Session, actor: Actor, assessment_id: int) -> SelfAssessment:
    a = service.get_assessment(session, actor, assessment_id)
    if "edit" not in service.allowed_actions(session, actor, a):
        evidence_service.ensure_editable(a)
        raise Forbidden("Chỉ đối tượng được đánh giá mới thay đổi minh chứng.")
    return a


@router.post(
    "/{assessment_id}/evidence/files",
    response_model=EvidenceOut,
    status_code=201,
    name="self_assessments_add_evidence_file",
    summary="Tải lên tệp minh chứng (PDF, ảnh, DOCX, XLSX, PPTX; tối đa 10 MB)",
)
def add_evidence_file(
    assessment_id: PathId,
    request: Request,
    indicator_code: Annotated[str, Form(min_length=1, max_length=20)],
    file: Annotated[UploadFile, File(description="Tệp minh chứng")],
    actor: Actor = Depends(fill),
    session: Session = Depends(get_session),
) -> EvidenceOut:
    a = _editable_own(session, actor, assessment_id)
    evidence = evidence_service.add_file(
        session, actor, a, indicator_code, file, request.app.state.settings.var_dir
    )
    return service.evidence_out(evidence, indicator_code.strip())


@router.post(
    "/{assessment_id}/evidence/links",
    response_model=EvidenceOut,
    status_code=201,
    name="self_assessments_add_evidence_link",
    summary="Thêm đường dẫn minh chứng",
)
def add_evidence_link(
    assessment_id: PathId,
    body: LinkEvidenceIn,
    actor: Actor = Depends(fill),
    session: Session = Depends(get_session),
) -> EvidenceOut:
    a = _editable_own(session, actor, assessment_id)
    evidence = evidence_service.add_link(session, actor, a, body)
    return service.evidence_out(evidence, body.indicator_code)


@router.get(
    "/{assessment_id}/evidence/{evidence_id}/file",
    response_class=FileResponse,
    name="self_assessments_download_evidence",
    summary="Tải tệp minh chứng",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp minh chứng"}},
)
def download_evidence(
    assessment_id: PathId,
    evidence_id: PathId,
    request: Request,
    actor: Actor = Depends(read),
    session: Session = Depends(get_session),
) -> FileResponse:
    a = service.get_assessment(session, actor, assessment_id)
    evidence = evidence_service.get_evidence(session, a, evidence_id)
    if evidence.kind != "file" or not evidence.sha256:
        raise NotFound("Minh chứng này là đường dẫn, không có tệp.")
    path = evidence_service.storage_path(request.app.state.settings.var_dir, evidence.sha256)
    if not path.exists():
        raise NotFound("Tệp minh chứng không còn trên máy chủ.")
    name = evidence.filename or "minh-chung"
    return FileResponse(
        path,
        media_type=evidence.content_type or "application/octet-stream",
        headers={
            "Content-Disposition": evidence_service.content_disposition(name, Path(name).suffix),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.delete(
    "/{assessment_id}/evidence/{evidence_id}",
    status_code=204,
    response_class=Response,
    name="self_assessments_remove_evidence",
    summary="Xóa minh chứng (khi chưa nộp)",
)
def remove_evidence(
    assessment_id: PathId,
    evidence_id: PathId,
    actor: Actor = Depends(fill),
    session: Session = Depends(get_session),
) -> Response:
    a = _editable_own(session, actor, assessment_id)
    evidence_service.remove(session, actor, evidence_service.get_evidence(session, a, evidence_id))
    return Response(status_code=204)
