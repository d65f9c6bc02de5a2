"""Who sees award types and what they may do with one. Award types are the commune's catalogue: every
caller with the read permission sees all of them, so nothing here is scoped by unit."""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped
from thidua.auth.roles import Permission
from thidua.awards.models import AwardType
from thidua.core.lookup import first_or_404


def readable(actor: Actor) -> SelectOfScalar[AwardType]:
    return commune_scoped(select(AwardType), AwardType.commune_id, actor)


def get_readable(session: Session, actor: Actor, award_type_id: int) -> AwardType:
    return first_or_404(
        session,
        readable(actor).where(AwardType.id == award_type_id),
        f"Không tìm thấy hình thức khen thưởng có id {award_type_id}.",
    )


def allowed_actions(actor: Actor, t: AwardType, nomination_count: int) -> list[str]:
    """A version that nominations use is immutable: it can only be copied into a new version."""
    actions: list[str] = []
    if actor.can(Permission.award_types_write):
        if t.status != "retired" and not nomination_count:
            actions.append("update")
        actions.append("new_version")
        if t.status == "draft":
            actions.append("activate")
    return actions
