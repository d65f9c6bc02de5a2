"""Meetings of the Hội đồng thi đua - khen thưởng xã reviewing a round's nominations."""

from sqlmodel import Session, col, func, select

from thidua.audit import service as audit
from thidua.auth.policy import Actor
from thidua.awards.councils import access
from thidua.awards.councils.schemas import (
    CouncilMeetingCreate,
    CouncilMeetingPage,
    CouncilMeetingRead,
    CouncilMeetingUpdate,
)
from thidua.awards.models import AwardRound, CouncilMeeting, Nomination
from thidua.awards.rounds.service import get_round
from thidua.core.errors import Invalid
from thidua.core.pagination import PageParams, page_of, paginate
from thidua.core.records import from_row


def read_meeting(session: Session, actor: Actor, m: CouncilMeeting) -> CouncilMeetingRead:
    assert m.id is not None
    r = session.get(AwardRound, m.round_id)
    reviewed = int(session.exec(select(func.count()).where(Nomination.meeting_id == m.id)).one())
    return from_row(
        CouncilMeetingRead,
        m,
        round_name=r.name if r else "",
        reviewed_count=reviewed,
        allowed_actions=access.allowed_actions(actor, m),
    )


def list_meetings(
    session: Session, actor: Actor, round_id: int | None, page: PageParams
) -> CouncilMeetingPage:
    query = access.readable(actor)
    if round_id is not None:
        query = query.where(CouncilMeeting.round_id == round_id)
    rows, total = paginate(
        session, query, page, col(CouncilMeeting.held_on).desc(), col(CouncilMeeting.id).desc()
    )
    return page_of(CouncilMeetingPage, [read_meeting(session, actor, m) for m in rows], total, page)


def _check_attendance(present: list[str], total: int) -> None:
    if len(present) > total:
        raise Invalid("body.members_present", f"Số thành viên có mặt vượt quá tổng số {total}.", "too_many")


def create_meeting(session: Session, actor: Actor, data: CouncilMeetingCreate) -> CouncilMeeting:
    get_round(session, data.round_id, "body.round_id", actor)
    _check_attendance(data.members_present, data.members_total)
    m = CouncilMeeting(**data.model_dump())
    return audit.add_new(session, actor, m)


def update_meeting(
    session: Session, actor: Actor, m: CouncilMeeting, data: CouncilMeetingUpdate
) -> CouncilMeeting:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    _check_attendance(
        changes.get("members_present", m.members_present), changes.get("members_total", m.members_total)
    )
    audit.save_changes(session, actor, m, changes, "update")
    return m
