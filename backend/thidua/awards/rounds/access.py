"""Who sees award rounds and what they may do with one. Rounds are the commune's: every caller with the
read permission sees all of them, so nothing here is scoped by unit."""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped
from thidua.auth.roles import Permission
from thidua.awards.models import AwardRound
from thidua.core.lookup import first_or_404


def readable(actor: Actor) -> SelectOfScalar[AwardRound]:
    return commune_scoped(select(AwardRound), AwardRound.commune_id, actor)


def get_readable(session: Session, actor: Actor, round_id: int) -> AwardRound:
    return first_or_404(
        session,
        readable(actor).where(AwardRound.id == round_id),
        f"Không tìm thấy đợt khen thưởng có id {round_id}.",
    )


def allowed_actions(actor: Actor, r: AwardRound) -> list[str]:
    return ["update"] if actor.can(Permission.award_rounds_write) else []


def get_readable_or_none(session: Session, actor: Actor, r: AwardRound) -> AwardRound | None:
    """A round a body names: None when another commune's (the caller names the field)."""
    return r if actor.sees_commune(r.commune_id) else None
