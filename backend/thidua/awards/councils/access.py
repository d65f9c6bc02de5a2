"""Who sees the council's meetings and what they may do with one. The council is the commune's: every
caller with the read permission sees all its meetings, so nothing here is scoped by unit."""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.awards.models import CouncilMeeting
from thidua.core.errors import NotFound


def readable(actor: Actor) -> SelectOfScalar[CouncilMeeting]:
    return select(CouncilMeeting)


def get_readable(session: Session, actor: Actor, meeting_id: int) -> CouncilMeeting:
    m = session.exec(readable(actor).where(CouncilMeeting.id == meeting_id)).first()
    if m is None:
        raise NotFound(f"Không tìm thấy phiên họp Hội đồng có id {meeting_id}.")
    return m


def allowed_actions(actor: Actor, m: CouncilMeeting) -> list[str]:
    # The council's secretary (who records its votes) keeps the record of its meetings.
    return ["update", "minutes"] if actor.can(Permission.nominations_review) else ["minutes"]
