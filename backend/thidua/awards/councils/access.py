"""Who sees the council's meetings and what they may do with one. The council is the commune's: every
caller with the read permission sees all its meetings (behind a province deployment's wall, those of
its commune's rounds), so nothing here is scoped by unit."""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.awards.models import AwardRound, CouncilMeeting
from thidua.core.lookup import first_or_404


def readable(actor: Actor) -> SelectOfScalar[CouncilMeeting]:
    if actor.commune_id is None:
        return select(CouncilMeeting)
    rounds = select(AwardRound.id).where(AwardRound.commune_id == actor.commune_id)
    return select(CouncilMeeting).where(col(CouncilMeeting.round_id).in_(rounds))


def get_readable(session: Session, actor: Actor, meeting_id: int) -> CouncilMeeting:
    return first_or_404(
        session,
        readable(actor).where(CouncilMeeting.id == meeting_id),
        f"Không tìm thấy phiên họp Hội đồng có id {meeting_id}.",
    )


def allowed_actions(actor: Actor, m: CouncilMeeting) -> list[str]:
    # The council's secretary (who records its votes) keeps the record of its meetings.
    return ["update", "minutes"] if actor.can(Permission.nominations_review) else ["minutes"]
