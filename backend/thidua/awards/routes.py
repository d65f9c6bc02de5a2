import unicodedata
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlmodel import Session

from thidua.assessments.schemas import SchoolYear
from thidua.auth.policy import Actor, allow
from thidua.auth.roles import Permission
from thidua.awards import decisions, service
from thidua.awards import nominations as nominations_service
from thidua.awards.models import AwardDecision, AwardLevel, AwardType, Nomination, RoundKind, SubjectKind
from thidua.awards.schemas import (
    AchievementCreate,
    AchievementPage,
    AchievementRead,
    ApproveInput,
    AwardRoundCreate,
    AwardRoundPage,
    AwardRoundRead,
    AwardRoundUpdate,
    AwardTypeDocument,
    AwardTypePage,
    AwardTypeRead,
    CouncilMeetingCreate,
    CouncilMeetingPage,
    CouncilMeetingRead,
    CouncilMeetingUpdate,
    DecisionCreate,
    DecisionPage,
    DecisionRead,
    DecisionUpdate,
    EligibilityPreview,
    EligibilityResult,
    NominationCreate,
    NominationPage,
    NominationRead,
    NominationUpdate,
    ProvinceAnswer,
    RejectInput,
    ReviewInput,
)
from thidua.core.concurrency import IF_MATCH_DOC, check_if_match, set_etag
from thidua.core.ids import PathId, QueryId
from thidua.core.pagination import PageParams, page_params
from thidua.db import get_session

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(content: bytes, media_type: str, filename: str) -> Response:
    """An attachment; the name also in plain ASCII, since headers cannot carry "Đ" as is (RFC 6266)."""
    plain = unicodedata.normalize("NFKD", filename.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if c.isascii() and (c.isalnum() or c in "-_.")) or "tai-lieu"
    return Response(
        content=content,
        media_type=media_type,
        headers={
            "Content-Disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
        },
    )


# --- Award types --------------------------------------------------------------------------------

award_types = APIRouter(prefix="/award-types", tags=["awards"])
types_read = allow(Permission.award_types_read)
types_write = allow(Permission.award_types_write)


def _type(session: Session, actor: Actor, response: Response, t: AwardType) -> AwardTypeRead:
    set_etag(response, t.version)
    return service.read_award_type(session, actor, t)


@award_types.get(
    "", response_model=AwardTypePage, name="award_types_list", summary="Các hình thức khen thưởng"
)
def list_award_types(
    status: str | None = Query(None, pattern="^(draft|active|retired)$"),
    code: str | None = Query(None, max_length=40),
    level: AwardLevel | None = None,
    subject_kind: SubjectKind | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(types_read),
    session: Session = Depends(get_session),
) -> AwardTypePage:
    filters = service.AwardTypeFilters(
        status, code, level.value if level else None, subject_kind.value if subject_kind else None
    )
    return service.list_award_types(session, actor, filters, page)


@award_types.post(
    "",
    response_model=AwardTypeRead,
    status_code=201,
    name="award_types_create",
    summary="Tạo hình thức khen thưởng mới (bản nháp) với các điều kiện",
)
def create_award_type(
    body: AwardTypeDocument,
    response: Response,
    actor: Actor = Depends(types_write),
    session: Session = Depends(get_session),
) -> AwardTypeRead:
    return _type(session, actor, response, service.create_award_type(session, actor, body))


@award_types.get(
    "/{award_type_id}",
    response_model=AwardTypeRead,
    name="award_types_get",
    summary="Xem hình thức khen thưởng",
)
def get_award_type(
    award_type_id: PathId,
    response: Response,
    actor: Actor = Depends(types_read),
    session: Session = Depends(get_session),
) -> AwardTypeRead:
    return _type(session, actor, response, service.get_award_type(session, award_type_id))


@award_types.put(
    "/{award_type_id}",
    response_model=AwardTypeRead,
    name="award_types_replace",
    summary="Sửa hình thức khen thưởng chưa được đề nghị nào sử dụng",
    openapi_extra=IF_MATCH_DOC,
)
def replace_award_type(
    award_type_id: PathId,
    body: AwardTypeDocument,
    request: Request,
    response: Response,
    actor: Actor = Depends(types_write),
    session: Session = Depends(get_session),
) -> AwardTypeRead:
    t = service.get_award_type(session, award_type_id)
    check_if_match(request, t.version)
    return _type(session, actor, response, service.replace_award_type(session, actor, t, body))


@award_types.post(
    "/{award_type_id}/new-version",
    response_model=AwardTypeRead,
    status_code=201,
    name="award_types_new_version",
    summary="Tạo phiên bản mới (nháp) từ phiên bản này",
)
def new_award_type_version(
    award_type_id: PathId,
    response: Response,
    actor: Actor = Depends(types_write),
    session: Session = Depends(get_session),
) -> AwardTypeRead:
    t = service.get_award_type(session, award_type_id)
    return _type(session, actor, response, service.new_award_type_version(session, actor, t))


@award_types.post(
    "/{award_type_id}/activate",
    response_model=AwardTypeRead,
    name="award_types_activate",
    summary="Áp dụng phiên bản nháp (phiên bản đang áp dụng chuyển sang ngừng)",
    openapi_extra=IF_MATCH_DOC,
)
def activate_award_type(
    award_type_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(types_write),
    session: Session = Depends(get_session),
) -> AwardTypeRead:
    t = service.get_award_type(session, award_type_id)
    check_if_match(request, t.version)
    return _type(session, actor, response, service.activate_award_type(session, actor, t))


# --- Rounds -------------------------------------------------------------------------------------

award_rounds = APIRouter(prefix="/award-rounds", tags=["awards"])
rounds_read = allow(Permission.award_rounds_read)
rounds_write = allow(Permission.award_rounds_write)


@award_rounds.get("", response_model=AwardRoundPage, name="award_rounds_list", summary="Các đợt khen thưởng")
def list_rounds(
    kind: RoundKind | None = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(rounds_read),
    session: Session = Depends(get_session),
) -> AwardRoundPage:
    return service.list_rounds(session, actor, kind.value if kind else None, page)


@award_rounds.post(
    "",
    response_model=AwardRoundRead,
    status_code=201,
    name="award_rounds_create",
    summary="Mở đợt khen thưởng (năm học, sơ kết, tổng kết)",
)
def create_round(
    body: AwardRoundCreate,
    response: Response,
    actor: Actor = Depends(rounds_write),
    session: Session = Depends(get_session),
) -> AwardRoundRead:
    r = service.create_round(session, actor, body)
    set_etag(response, r.version)
    return service.read_round(session, actor, r)


@award_rounds.get(
    "/{round_id}", response_model=AwardRoundRead, name="award_rounds_get", summary="Xem đợt khen thưởng"
)
def get_round(
    round_id: PathId,
    response: Response,
    actor: Actor = Depends(rounds_read),
    session: Session = Depends(get_session),
) -> AwardRoundRead:
    r = service.get_round(session, round_id)
    set_etag(response, r.version)
    return service.read_round(session, actor, r)


@award_rounds.patch(
    "/{round_id}",
    response_model=AwardRoundRead,
    name="award_rounds_update",
    summary="Sửa thời hạn hoặc các hình thức của đợt",
    openapi_extra=IF_MATCH_DOC,
)
def update_round(
    round_id: PathId,
    body: AwardRoundUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(rounds_write),
    session: Session = Depends(get_session),
) -> AwardRoundRead:
    r = service.get_round(session, round_id)
    check_if_match(request, r.version)
    r = service.update_round(session, actor, r, body)
    set_etag(response, r.version)
    return service.read_round(session, actor, r)


# --- Council meetings ---------------------------------------------------------------------------

council_meetings = APIRouter(prefix="/council-meetings", tags=["awards"])
council = allow(Permission.nominations_review)
council_read = allow(Permission.council_read)


@council_meetings.get(
    "", response_model=CouncilMeetingPage, name="council_meetings_list", summary="Các phiên họp Hội đồng TĐKT"
)
def list_meetings(
    round_id: QueryId = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(council_read),
    session: Session = Depends(get_session),
) -> CouncilMeetingPage:
    return service.list_meetings(session, actor, round_id, page)


@council_meetings.post(
    "",
    response_model=CouncilMeetingRead,
    status_code=201,
    name="council_meetings_create",
    summary="Ghi phiên họp Hội đồng Thi đua - Khen thưởng",
)
def create_meeting(
    body: CouncilMeetingCreate,
    response: Response,
    actor: Actor = Depends(council),
    session: Session = Depends(get_session),
) -> CouncilMeetingRead:
    m = service.create_meeting(session, actor, body)
    set_etag(response, m.version)
    return service.read_meeting(session, actor, m)


@council_meetings.get(
    "/{meeting_id}", response_model=CouncilMeetingRead, name="council_meetings_get", summary="Xem phiên họp"
)
def get_meeting(
    meeting_id: PathId,
    response: Response,
    actor: Actor = Depends(council_read),
    session: Session = Depends(get_session),
) -> CouncilMeetingRead:
    m = service.get_meeting(session, meeting_id)
    set_etag(response, m.version)
    return service.read_meeting(session, actor, m)


@council_meetings.patch(
    "/{meeting_id}",
    response_model=CouncilMeetingRead,
    name="council_meetings_update",
    summary="Sửa thông tin phiên họp",
    openapi_extra=IF_MATCH_DOC,
)
def update_meeting(
    meeting_id: PathId,
    body: CouncilMeetingUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(council),
    session: Session = Depends(get_session),
) -> CouncilMeetingRead:
    m = service.get_meeting(session, meeting_id)
    check_if_match(request, m.version)
    m = service.update_meeting(session, actor, m, body)
    set_etag(response, m.version)
    return service.read_meeting(session, actor, m)


@council_meetings.get(
    "/{meeting_id}/minutes.docx",
    name="council_meetings_minutes",
    summary="Biên bản họp Hội đồng (DOCX)",
    responses={200: {"content": {DOCX: {}}, "description": "Tệp Word"}},
    response_class=Response,
)
def meeting_minutes(
    meeting_id: PathId,
    actor: Actor = Depends(council_read),
    session: Session = Depends(get_session),
) -> Response:
    m = service.get_meeting(session, meeting_id)
    return _file(decisions.minutes(session, m), DOCX, f"bien-ban-hoi-dong-{meeting_id}.docx")


# --- Nominations --------------------------------------------------------------------------------

nominations = APIRouter(prefix="/nominations", tags=["awards"])
nominations_read = allow(Permission.nominations_read)
nominations_write = allow(Permission.nominations_write)
nominations_review = allow(Permission.nominations_review)
nominations_approve = allow(Permission.nominations_approve)


def _nomination(
    session: Session, actor: Actor, response: Response, n: Nomination, live: bool = False
) -> NominationRead:
    set_etag(response, n.version)
    return nominations_service.read_nomination(session, actor, n, live)


def _current(session: Session, actor: Actor, request: Request, nomination_id: int) -> Nomination:
    n = nominations_service.get_nomination(session, actor, nomination_id)
    check_if_match(request, n.version)
    return n


@nominations.get(
    "",
    response_model=NominationPage,
    name="nominations_list",
    summary="Đề nghị khen thưởng (lọc, hàng chờ duyệt)",
)
def list_nominations(
    round_id: QueryId = None,
    status: str | None = Query(
        None, pattern="^(draft|submitted|reviewed|approved|rejected|proposed|decided)$"
    ),
    level: AwardLevel | None = None,
    unit_id: QueryId = None,
    award_type_code: str | None = Query(None, max_length=40),
    awaiting_me: bool = Query(False, description="Chỉ những đề nghị đang chờ tôi xử lý"),
    q: str | None = Query(None, max_length=100),
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(nominations_read),
    session: Session = Depends(get_session),
) -> NominationPage:
    filters = nominations_service.NominationFilters(
        round_id, status, level.value if level else None, unit_id, award_type_code, awaiting_me, q
    )
    return nominations_service.list_nominations(session, actor, filters, page)


@nominations.post(
    "/eligibility",
    response_model=EligibilityResult,
    name="nominations_check_eligibility",
    summary="Kiểm tra điều kiện trước khi đề nghị (không lưu gì)",
)
def check_eligibility(
    body: EligibilityPreview,
    actor: Actor = Depends(nominations_write),
    session: Session = Depends(get_session),
) -> EligibilityResult:
    return nominations_service.preview(session, actor, body)


@nominations.post(
    "",
    response_model=NominationRead,
    status_code=201,
    name="nominations_create",
    summary="Lập đề nghị khen thưởng",
)
def create_nomination(
    body: NominationCreate,
    response: Response,
    actor: Actor = Depends(nominations_write),
    session: Session = Depends(get_session),
) -> NominationRead:
    return _nomination(session, actor, response, nominations_service.create_nomination(session, actor, body))


@nominations.get(
    "/{nomination_id}",
    response_model=NominationRead,
    name="nominations_get",
    summary="Xem đề nghị với kết quả kiểm tra điều kiện mới nhất",
)
def get_nomination(
    nomination_id: PathId,
    response: Response,
    actor: Actor = Depends(nominations_read),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = nominations_service.get_nomination(session, actor, nomination_id)
    return _nomination(session, actor, response, n, live=True)


@nominations.patch(
    "/{nomination_id}",
    response_model=NominationRead,
    name="nominations_update",
    summary="Sửa đề nghị (dự thảo)",
    openapi_extra=IF_MATCH_DOC,
)
def update_nomination(
    nomination_id: PathId,
    body: NominationUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(nominations_write),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = _current(session, actor, request, nomination_id)
    return _nomination(
        session, actor, response, nominations_service.update_nomination(session, actor, n, body)
    )


@nominations.delete(
    "/{nomination_id}",
    status_code=204,
    response_class=Response,
    name="nominations_delete",
    summary="Xóa đề nghị (dự thảo)",
    openapi_extra=IF_MATCH_DOC,
)
def delete_nomination(
    nomination_id: PathId,
    request: Request,
    actor: Actor = Depends(nominations_write),
    session: Session = Depends(get_session),
) -> Response:
    nominations_service.delete_nomination(session, actor, _current(session, actor, request, nomination_id))
    return Response(status_code=204)


@nominations.post(
    "/{nomination_id}/submit",
    response_model=NominationRead,
    name="nominations_submit",
    summary="Gửi đề nghị",
    openapi_extra=IF_MATCH_DOC,
)
def submit_nomination(
    nomination_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(nominations_write),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = _current(session, actor, request, nomination_id)
    return _nomination(session, actor, response, nominations_service.submit(session, actor, n))


@nominations.post(
    "/{nomination_id}/withdraw",
    response_model=NominationRead,
    name="nominations_withdraw",
    summary="Rút đề nghị đã gửi về dự thảo",
    openapi_extra=IF_MATCH_DOC,
)
def withdraw_nomination(
    nomination_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(nominations_write),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = _current(session, actor, request, nomination_id)
    return _nomination(session, actor, response, nominations_service.withdraw(session, actor, n))


@nominations.post(
    "/{nomination_id}/review",
    response_model=NominationRead,
    name="nominations_review",
    summary="Ghi kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng",
    openapi_extra=IF_MATCH_DOC,
)
def review_nomination(
    nomination_id: PathId,
    body: ReviewInput,
    request: Request,
    response: Response,
    actor: Actor = Depends(nominations_review),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = _current(session, actor, request, nomination_id)
    return _nomination(session, actor, response, nominations_service.review(session, actor, n, body))


@nominations.post(
    "/{nomination_id}/approve",
    response_model=NominationRead,
    name="nominations_approve",
    summary="Phê duyệt đề nghị (vượt điều kiện chưa đạt phải nêu lý do)",
    openapi_extra=IF_MATCH_DOC,
)
def approve_nomination(
    nomination_id: PathId,
    body: ApproveInput,
    request: Request,
    response: Response,
    actor: Actor = Depends(nominations_approve),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = _current(session, actor, request, nomination_id)
    return _nomination(session, actor, response, nominations_service.approve(session, actor, n, body))


@nominations.post(
    "/{nomination_id}/reject",
    response_model=NominationRead,
    name="nominations_reject",
    summary="Không phê duyệt đề nghị (nêu lý do)",
    openapi_extra=IF_MATCH_DOC,
)
def reject_nomination(
    nomination_id: PathId,
    body: RejectInput,
    request: Request,
    response: Response,
    actor: Actor = Depends(nominations_approve),
    session: Session = Depends(get_session),
) -> NominationRead:
    n = _current(session, actor, request, nomination_id)
    return _nomination(session, actor, response, nominations_service.reject(session, actor, n, body))


# --- Decisions ----------------------------------------------------------------------------------

award_decisions = APIRouter(prefix="/award-decisions", tags=["awards"])
decisions_read = allow(Permission.decisions_read)
decisions_write = allow(Permission.decisions_write)


def _decision(session: Session, actor: Actor, response: Response, d: AwardDecision) -> DecisionRead:
    set_etag(response, d.version)
    return decisions.read_decision(session, actor, d)


@award_decisions.get(
    "", response_model=DecisionPage, name="award_decisions_list", summary="Quyết định khen thưởng"
)
def list_decisions(
    round_id: QueryId = None,
    status: str | None = Query(None, pattern="^(draft|issued|answered)$"),
    kind: str | None = Query(None, pattern="^(decision|proposal)$"),
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(decisions_read),
    session: Session = Depends(get_session),
) -> DecisionPage:
    return decisions.list_decisions(session, actor, decisions.DecisionFilters(round_id, status, kind), page)


@award_decisions.post(
    "",
    response_model=DecisionRead,
    status_code=201,
    name="award_decisions_create",
    summary="Lập dự thảo quyết định (hoặc tờ trình cấp tỉnh) từ các đề nghị đã phê duyệt",
)
def create_decision(
    body: DecisionCreate,
    response: Response,
    actor: Actor = Depends(decisions_write),
    session: Session = Depends(get_session),
) -> DecisionRead:
    return _decision(session, actor, response, decisions.create_decision(session, actor, body))


@award_decisions.get(
    "/{decision_id}", response_model=DecisionRead, name="award_decisions_get", summary="Xem quyết định"
)
def get_decision(
    decision_id: PathId,
    response: Response,
    actor: Actor = Depends(decisions_read),
    session: Session = Depends(get_session),
) -> DecisionRead:
    return _decision(session, actor, response, decisions.get_decision(session, actor, decision_id))


@award_decisions.patch(
    "/{decision_id}",
    response_model=DecisionRead,
    name="award_decisions_update",
    summary="Sửa dự thảo quyết định",
    openapi_extra=IF_MATCH_DOC,
)
def update_decision(
    decision_id: PathId,
    body: DecisionUpdate,
    request: Request,
    response: Response,
    actor: Actor = Depends(decisions_write),
    session: Session = Depends(get_session),
) -> DecisionRead:
    d = decisions.get_decision(session, actor, decision_id)
    check_if_match(request, d.version)
    return _decision(session, actor, response, decisions.update_decision(session, actor, d, body))


@award_decisions.delete(
    "/{decision_id}",
    status_code=204,
    response_class=Response,
    name="award_decisions_delete",
    summary="Xóa dự thảo quyết định",
    openapi_extra=IF_MATCH_DOC,
)
def delete_decision(
    decision_id: PathId,
    request: Request,
    actor: Actor = Depends(decisions_write),
    session: Session = Depends(get_session),
) -> Response:
    d = decisions.get_decision(session, actor, decision_id)
    check_if_match(request, d.version)
    decisions.delete_decision(session, actor, d)
    return Response(status_code=204)


@award_decisions.post(
    "/{decision_id}/issue",
    response_model=DecisionRead,
    name="award_decisions_issue",
    summary="Ban hành quyết định: cấp giấy khen và ghi thành tích",
    openapi_extra=IF_MATCH_DOC,
)
def issue_decision(
    decision_id: PathId,
    request: Request,
    response: Response,
    actor: Actor = Depends(decisions_write),
    session: Session = Depends(get_session),
) -> DecisionRead:
    d = decisions.get_decision(session, actor, decision_id)
    check_if_match(request, d.version)
    return _decision(session, actor, response, decisions.issue(session, actor, d))


@award_decisions.post(
    "/{decision_id}/province-answer",
    response_model=DecisionRead,
    name="award_decisions_province_answer",
    summary="Ghi kết quả của UBND tỉnh cho tờ trình đề nghị",
    openapi_extra=IF_MATCH_DOC,
)
def province_answer(
    decision_id: PathId,
    body: ProvinceAnswer,
    request: Request,
    response: Response,
    actor: Actor = Depends(decisions_write),
    session: Session = Depends(get_session),
) -> DecisionRead:
    d = decisions.get_decision(session, actor, decision_id)
    check_if_match(request, d.version)
    return _decision(session, actor, response, decisions.record_province_answer(session, actor, d, body))


@award_decisions.get(
    "/{decision_id}/document.docx",
    name="award_decisions_document",
    summary="Quyết định (hoặc tờ trình) DOCX theo Nghị định 30/2020, kèm danh sách",
    responses={200: {"content": {DOCX: {}}, "description": "Tệp Word"}},
    response_class=Response,
)
def decision_document(
    decision_id: PathId,
    actor: Actor = Depends(decisions_read),
    session: Session = Depends(get_session),
) -> Response:
    content, filename = decisions.decision_document(
        session, decisions.get_decision(session, actor, decision_id)
    )
    return _file(content, DOCX, filename)


@award_decisions.get(
    "/{decision_id}/list.xlsx",
    name="award_decisions_list_xlsx",
    summary="Danh sách khen thưởng / đề nghị (XLSX)",
    responses={200: {"content": {XLSX: {}}, "description": "Tệp Excel"}},
    response_class=Response,
)
def decision_list(
    decision_id: PathId,
    actor: Actor = Depends(decisions_read),
    session: Session = Depends(get_session),
) -> Response:
    d = decisions.get_decision(session, actor, decision_id)
    return _file(decisions.decision_list_xlsx(session, d), XLSX, f"danh-sach-{decision_id}.xlsx")


# --- Achievements -------------------------------------------------------------------------------

achievements = APIRouter(prefix="/achievements", tags=["awards"])
achievements_read = allow(Permission.achievements_read)
achievements_write = allow(Permission.achievements_write)


@achievements.get(
    "", response_model=AchievementPage, name="achievements_list", summary="Lịch sử thành tích, khen thưởng"
)
def list_achievements(
    unit_id: QueryId = None,
    staff_id: QueryId = None,
    school_year: SchoolYear | None = None,
    award_type_code: str | None = Query(None, max_length=40),
    round_id: QueryId = None,
    page: PageParams = Depends(page_params),
    actor: Actor = Depends(achievements_read),
    session: Session = Depends(get_session),
) -> AchievementPage:
    filters = service.AchievementFilters(unit_id, staff_id, school_year, award_type_code, round_id)
    return service.list_achievements(session, actor, filters, page)


@achievements.post(
    "",
    response_model=AchievementRead,
    status_code=201,
    name="achievements_create",
    summary="Nhập thành tích đã có từ trước (hồ sơ cũ)",
)
def create_achievement(
    body: AchievementCreate,
    response: Response,
    actor: Actor = Depends(achievements_write),
    session: Session = Depends(get_session),
) -> AchievementRead:
    a = service.create_achievement(session, actor, body)
    set_etag(response, a.version)
    return service.read_achievement(session, actor, a)


@achievements.get(
    "/{achievement_id}", response_model=AchievementRead, name="achievements_get", summary="Xem một thành tích"
)
def get_achievement(
    achievement_id: PathId,
    response: Response,
    actor: Actor = Depends(achievements_read),
    session: Session = Depends(get_session),
) -> AchievementRead:
    a = service.get_achievement(session, actor, achievement_id)
    set_etag(response, a.version)
    return service.read_achievement(session, actor, a)


@achievements.delete(
    "/{achievement_id}",
    status_code=204,
    response_class=Response,
    name="achievements_delete",
    summary="Xóa thành tích nhập nhầm (không áp dụng cho thành tích do quyết định tạo ra)",
    openapi_extra=IF_MATCH_DOC,
)
def delete_achievement(
    achievement_id: PathId,
    request: Request,
    actor: Actor = Depends(achievements_write),
    session: Session = Depends(get_session),
) -> Response:
    a = service.get_achievement(session, actor, achievement_id)
    check_if_match(request, a.version)
    service.delete_achievement(session, actor, a)
    return Response(status_code=204)


@achievements.get(
    "/{achievement_id}/certificate.pdf",
    name="achievements_certificate",
    summary="Giấy khen / Bằng khen (PDF) có mã xác thực",
    responses={200: {"content": {"application/pdf": {}}, "description": "Tệp PDF"}},
    response_class=Response,
)
def certificate(
    achievement_id: PathId,
    request: Request,
    actor: Actor = Depends(achievements_read),
    session: Session = Depends(get_session),
) -> Response:
    a = service.get_achievement(session, actor, achievement_id)
    content = decisions.certificate(session, request.app.state.settings, a)
    return _file(content, "application/pdf", f"giay-khen-{a.verification_code}.pdf")
