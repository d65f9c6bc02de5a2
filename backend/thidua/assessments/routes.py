from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from thidua.api.deps import (
    AssessmentsCloseEarlyActor,
    AssessmentsFillActor,
    AssessmentsReadActor,
    AssessmentsReviewActor,
    ETag,
    ETagSetter,
    IfMatch,
    Page,
    SessionDep,
)
from thidua.api.files import stored_file
from thidua.assessments import access, service
from thidua.assessments import evidence as evidence_service
from thidua.assessments.models import SelfAssessment
from thidua.assessments.schemas import (
    AssessmentCreate,
    AssessmentPage,
    AssessmentRead,
    EarlyVerifyInput,
    EntriesUpdate,
    EvidenceOut,
    LinkEvidenceIn,
    ReturnInput,
    ReviewUpdate,
    SchoolYear,
    Status,
)
from thidua.auth.policy import Actor
from thidua.core.errors import NotFound
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/self-assessments", tags=["self-assessments"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, a: SelfAssessment) -> AssessmentRead:
    return etag(a.version, service.read_assessment(session, actor, a))


@router.get("", name="self_assessments_list", summary="Danh sách bản tự đánh giá")
def list_assessments(
    actor: AssessmentsReadActor,
    session: SessionDep,
    page: Page,
    framework_id: QueryId = None,
    school_year: SchoolYear | None = None,
    unit_id: QueryId = None,
    status: Status | None = None,
    subject_kind: Literal["unit", "individual"] | None = None,
) -> AssessmentPage:
    filters = service.AssessmentFilters(framework_id, school_year, unit_id, status, subject_kind)
    return service.list_assessments(session, actor, filters, page)


@router.post(
    "",
    status_code=201,
    name="self_assessments_create",
    summary="Bắt đầu tự đánh giá (đơn vị: thủ trưởng; cá nhân: chính cán bộ)",
)
def create_assessment(
    body: AssessmentCreate, actor: AssessmentsFillActor, session: SessionDep, etag: ETag
) -> AssessmentRead:
    return _answer(session, actor, etag, service.create_assessment(session, actor, body))


@router.get(
    "/{assessment_id}",
    name="self_assessments_get",
    summary="Xem bản tự đánh giá với các chỉ tiêu, minh chứng và điểm",
)
def get_assessment(
    assessment_id: PathId, actor: AssessmentsReadActor, session: SessionDep, etag: ETag
) -> AssessmentRead:
    return _answer(session, actor, etag, service.get_assessment(session, actor, assessment_id))


@router.put(
    "/{assessment_id}/entries",
    name="self_assessments_update_entries",
    summary="Nhập giá trị tự đánh giá cho các chỉ tiêu",
)
def update_entries(
    assessment_id: PathId,
    body: EntriesUpdate,
    actor: AssessmentsFillActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.update_entries(session, actor, a, body))


@router.post(
    "/{assessment_id}/submit",
    name="self_assessments_submit",
    summary="Nộp bản tự đánh giá (sau khi nộp không sửa được)",
)
def submit(
    assessment_id: PathId, actor: AssessmentsFillActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> AssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.submit(session, actor, a))


@router.post(
    "/{assessment_id}/review",
    name="self_assessments_review",
    summary="Ghi giá trị xác nhận và nhận xét cho các chỉ tiêu",
)
def review(
    assessment_id: PathId,
    body: ReviewUpdate,
    actor: AssessmentsReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.review(session, actor, a, body))


@router.post(
    "/{assessment_id}/return",
    name="self_assessments_return",
    summary="Trả lại để bổ sung, với lý do theo từng chỉ tiêu",
)
def return_assessment(
    assessment_id: PathId,
    body: ReturnInput,
    actor: AssessmentsReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.return_assessment(session, actor, a, body))


@router.post(
    "/{assessment_id}/verify",
    name="self_assessments_verify",
    summary="Xác nhận kết quả trong thời gian đánh giá; bảng điểm được chốt (không đổi về sau)",
)
def verify(
    assessment_id: PathId, actor: AssessmentsReviewActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> AssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.verify(session, actor, a))


@router.post(
    "/{assessment_id}/verify-early",
    name="self_assessments_verify_early",
    summary="Chốt sớm: Lãnh đạo UBND xã xác nhận ngoài thời gian đánh giá, ghi lý do",
)
def verify_early(
    assessment_id: PathId,
    body: EarlyVerifyInput,
    actor: AssessmentsCloseEarlyActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> AssessmentRead:
    a = if_match(service.get_assessment(session, actor, assessment_id))
    return _answer(session, actor, etag, service.verify_early(session, actor, a, body))


# ---------------------------------------------------------------- evidence


def _editable_own(session: Session, actor: Actor, assessment_id: int) -> SelfAssessment:
    a = service.get_assessment(session, actor, assessment_id)
    access.require_evidence_change(session, actor, a)
    return a


@router.post(
    "/{assessment_id}/evidence/files",
    status_code=201,
    name="self_assessments_add_evidence_file",
    summary="Tải lên tệp minh chứng (PDF, ảnh, DOCX, XLSX, PPTX; tối đa 10 MB)",
)
def add_evidence_file(
    assessment_id: PathId,
    request: Request,
    indicator_code: Annotated[str, Form(min_length=1, max_length=20)],
    file: Annotated[UploadFile, File(description="Tệp minh chứng")],
    actor: AssessmentsFillActor,
    session: SessionDep,
) -> EvidenceOut:
    a = _editable_own(session, actor, assessment_id)
    evidence = evidence_service.add_file(session, actor, a, indicator_code, file, request.app.state.storage)
    return service.evidence_out(evidence, indicator_code.strip())


@router.post(
    "/{assessment_id}/evidence/links",
    status_code=201,
    name="self_assessments_add_evidence_link",
    summary="Thêm đường dẫn minh chứng",
)
def add_evidence_link(
    assessment_id: PathId, body: LinkEvidenceIn, actor: AssessmentsFillActor, session: SessionDep
) -> EvidenceOut:
    a = _editable_own(session, actor, assessment_id)
    evidence = evidence_service.add_link(session, actor, a, body)
    return service.evidence_out(evidence, body.indicator_code)


@router.get(
    "/{assessment_id}/evidence/{evidence_id}/file",
    response_class=StreamingResponse,
    name="self_assessments_download_evidence",
    summary="Tải tệp minh chứng",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "Tệp minh chứng"}},
)
def download_evidence(
    assessment_id: PathId,
    evidence_id: PathId,
    request: Request,
    actor: AssessmentsReadActor,
    session: SessionDep,
) -> StreamingResponse:
    a = service.get_assessment(session, actor, assessment_id)
    evidence = evidence_service.get_evidence(session, a, evidence_id)
    if evidence.kind != "file" or not evidence.sha256:
        raise NotFound("Minh chứng này là đường dẫn, không có tệp.")
    # The uploader's name travels only as UTF-8; old clients get a neutral one.
    return stored_file(
        request.app.state.storage,
        evidence_service.evidence_key(evidence.sha256),
        filename=evidence.filename or "minh-chung",
        media_type=evidence.content_type or "application/octet-stream",
        size=evidence.size_bytes or 0,  # a file evidence always has its size
        missing="Tệp minh chứng không còn trên máy chủ.",
        plain_stem="minh-chung",
    )


@router.delete(
    "/{assessment_id}/evidence/{evidence_id}",
    status_code=204,
    response_class=Response,
    name="self_assessments_remove_evidence",
    summary="Xóa minh chứng (khi chưa nộp)",
)
def remove_evidence(
    assessment_id: PathId, evidence_id: PathId, actor: AssessmentsFillActor, session: SessionDep
) -> Response:
    a = _editable_own(session, actor, assessment_id)
    evidence_service.remove(session, actor, evidence_service.get_evidence(session, a, evidence_id))
    return Response(status_code=204)
