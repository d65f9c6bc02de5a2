from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from thidua.api.deps import (
    AssessmentsReviewActor,
    ETag,
    ETagSetter,
    IfMatch,
    NominationsApproveActor,
    NominationsReadActor,
    NominationsReviewActor,
    NominationsWriteActor,
    Page,
    SessionDep,
)
from thidua.auth.policy import Actor
from thidua.awards.models import AwardLevel, Nomination
from thidua.awards.nominations import access, service
from thidua.awards.nominations.schemas import (
    ApproveInput,
    EligibilityPreview,
    EligibilityResult,
    NominationCreate,
    NominationPage,
    NominationRead,
    NominationUpdate,
    RejectInput,
    ReopenAssessmentInput,
)
from thidua.awards.schemas import ReviewInput
from thidua.core.ids import PathId, QueryId

router = APIRouter(prefix="/nominations", tags=["awards"])


def _answer(
    session: Session, actor: Actor, etag: ETagSetter, n: Nomination, live: bool = False
) -> NominationRead:
    return etag(n.version, service.read_nomination(session, actor, n, live))


@router.get("", name="nominations_list", summary="Đề nghị khen thưởng (lọc, hàng chờ duyệt)")
def list_nominations(
    actor: NominationsReadActor,
    session: SessionDep,
    page: Page,
    round_id: QueryId = None,
    status: Annotated[
        str | None, Query(pattern="^(draft|submitted|reviewed|approved|rejected|proposed|decided)$")
    ] = None,
    level: AwardLevel | None = None,
    unit_id: QueryId = None,
    award_type_code: Annotated[str | None, Query(max_length=40)] = None,
    awaiting_me: Annotated[bool, Query(description="Chỉ những đề nghị đang chờ tôi xử lý")] = False,
    q: Annotated[str | None, Query(max_length=100)] = None,
) -> NominationPage:
    filters = service.NominationFilters(
        round_id, status, level.value if level else None, unit_id, award_type_code, awaiting_me, q
    )
    return service.list_nominations(session, actor, filters, page)


@router.post(
    "/eligibility",
    name="nominations_check_eligibility",
    summary="Kiểm tra điều kiện trước khi đề nghị (không lưu gì)",
)
def check_eligibility(
    body: EligibilityPreview, actor: NominationsWriteActor, session: SessionDep
) -> EligibilityResult:
    return service.preview(session, actor, body)


@router.post("", status_code=201, name="nominations_create", summary="Lập đề nghị khen thưởng")
def create_nomination(
    body: NominationCreate, actor: NominationsWriteActor, session: SessionDep, etag: ETag
) -> NominationRead:
    return _answer(session, actor, etag, service.create_nomination(session, actor, body))


@router.get(
    "/{nomination_id}", name="nominations_get", summary="Xem đề nghị với kết quả kiểm tra điều kiện mới nhất"
)
def get_nomination(
    nomination_id: PathId, actor: NominationsReadActor, session: SessionDep, etag: ETag
) -> NominationRead:
    return _answer(session, actor, etag, access.get_readable(session, actor, nomination_id), live=True)


@router.patch("/{nomination_id}", name="nominations_update", summary="Sửa đề nghị (dự thảo)")
def update_nomination(
    nomination_id: PathId,
    body: NominationUpdate,
    actor: NominationsWriteActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.update_nomination(session, actor, n, body))


@router.delete(
    "/{nomination_id}",
    status_code=204,
    response_class=Response,
    name="nominations_delete",
    summary="Xóa đề nghị (dự thảo)",
)
def delete_nomination(
    nomination_id: PathId, actor: NominationsWriteActor, session: SessionDep, if_match: IfMatch
) -> Response:
    service.delete_nomination(session, actor, if_match(access.get_readable(session, actor, nomination_id)))
    return Response(status_code=204)


@router.post("/{nomination_id}/submit", name="nominations_submit", summary="Gửi đề nghị")
def submit_nomination(
    nomination_id: PathId, actor: NominationsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.submit(session, actor, n))


@router.post(
    "/{nomination_id}/withdraw", name="nominations_withdraw", summary="Rút đề nghị đã gửi về dự thảo"
)
def withdraw_nomination(
    nomination_id: PathId, actor: NominationsWriteActor, session: SessionDep, if_match: IfMatch, etag: ETag
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.withdraw(session, actor, n))


@router.post(
    "/{nomination_id}/review",
    name="nominations_review",
    summary="Ghi kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng",
)
def review_nomination(
    nomination_id: PathId,
    body: ReviewInput,
    actor: NominationsReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.review(session, actor, n, body))


@router.post(
    "/{nomination_id}/approve",
    name="nominations_approve",
    summary="Phê duyệt đề nghị (vượt điều kiện chưa đạt phải nêu lý do)",
)
def approve_nomination(
    nomination_id: PathId,
    body: ApproveInput,
    actor: NominationsApproveActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.approve(session, actor, n, body))


@router.post(
    "/{nomination_id}/reject", name="nominations_reject", summary="Không phê duyệt đề nghị (nêu lý do)"
)
def reject_nomination(
    nomination_id: PathId,
    body: RejectInput,
    actor: NominationsApproveActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.reject(session, actor, n, body))


@router.post(
    "/{nomination_id}/reopen-assessment",
    name="nominations_reopen_assessment",
    summary="Cấp xã mở lại bản tự đánh giá cá nhân đơn vị đã xác nhận của người được đề nghị (nêu lý do)",
)
def reopen_assessment(
    nomination_id: PathId,
    body: ReopenAssessmentInput,
    actor: AssessmentsReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> NominationRead:
    n = if_match(access.get_readable(session, actor, nomination_id))
    return _answer(session, actor, etag, service.reopen_assessment(session, actor, n, body))
