from fastapi import APIRouter, Response
from sqlmodel import Session

from thidua.api.deps import (
    CouncilReadActor,
    ETag,
    ETagSetter,
    IfMatch,
    NominationsReviewActor,
    Page,
    SessionDep,
)
from thidua.api.files import DOCX, DOCX_RESPONSE, attachment
from thidua.auth.policy import Actor
from thidua.awards.councils import access, service
from thidua.awards.councils.minutes import minutes
from thidua.awards.councils.schemas import (
    CouncilMeetingCreate,
    CouncilMeetingPage,
    CouncilMeetingRead,
    CouncilMeetingUpdate,
)
from thidua.awards.models import CouncilMeeting
from thidua.core.ids import PathId, QueryId

# Recording the council's meetings is the work of its secretary, who records its votes (nominations:review).
router = APIRouter(prefix="/council-meetings", tags=["awards"])


def _answer(session: Session, actor: Actor, etag: ETagSetter, m: CouncilMeeting) -> CouncilMeetingRead:
    return etag(m.version, service.read_meeting(session, actor, m))


@router.get("", name="council_meetings_list", summary="Các phiên họp Hội đồng TĐKT")
def list_meetings(
    actor: CouncilReadActor, session: SessionDep, page: Page, round_id: QueryId = None
) -> CouncilMeetingPage:
    return service.list_meetings(session, actor, round_id, page)


@router.post(
    "",
    status_code=201,
    name="council_meetings_create",
    summary="Ghi phiên họp Hội đồng Thi đua - Khen thưởng",
)
def create_meeting(
    body: CouncilMeetingCreate, actor: NominationsReviewActor, session: SessionDep, etag: ETag
) -> CouncilMeetingRead:
    return _answer(session, actor, etag, service.create_meeting(session, actor, body))


@router.get("/{meeting_id}", name="council_meetings_get", summary="Xem phiên họp")
def get_meeting(
    meeting_id: PathId, actor: CouncilReadActor, session: SessionDep, etag: ETag
) -> CouncilMeetingRead:
    return _answer(session, actor, etag, access.get_readable(session, actor, meeting_id))


@router.patch("/{meeting_id}", name="council_meetings_update", summary="Sửa thông tin phiên họp")
def update_meeting(
    meeting_id: PathId,
    body: CouncilMeetingUpdate,
    actor: NominationsReviewActor,
    session: SessionDep,
    if_match: IfMatch,
    etag: ETag,
) -> CouncilMeetingRead:
    m = if_match(access.get_readable(session, actor, meeting_id))
    return _answer(session, actor, etag, service.update_meeting(session, actor, m, body))


@router.get(
    "/{meeting_id}/minutes.docx",
    name="council_meetings_minutes",
    summary="Biên bản họp Hội đồng (DOCX)",
    responses=DOCX_RESPONSE,
    response_class=Response,
)
def meeting_minutes(meeting_id: PathId, actor: CouncilReadActor, session: SessionDep) -> Response:
    m = access.get_readable(session, actor, meeting_id)
    return attachment(minutes(session, m), DOCX, f"bien-ban-hoi-dong-{meeting_id}.docx")
