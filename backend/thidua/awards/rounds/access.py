"""Who sees award rounds and what they may do with one. Rounds are the commune's: every caller with the
read permission sees all of them, so nothing here is scoped by unit."""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor
from thidua.auth.roles import Permission
from thidua.awards.models import AwardRound
from thidua.core.errors import NotFound


def readable(actor: Actor) -> SelectOfScalar[AwardRound]:
    return select(AwardRound)


def get_readable(session: Session, actor: Actor, round_id: int) -> AwardRound:
    r = session.exec(readable(actor).where(AwardRound.id == round_id)).first()
    if r is None:
        raise NotFound(f"Không tìm thấy đợt khen thưởng có id {round_id}.")
    return r


def allowed_actions(actor: Actor, r: AwardRound) -> list[str]:
    return ["update"] if actor.can(Permission.award_rounds_write) else []
