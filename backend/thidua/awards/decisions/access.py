"""Who sees which award decisions and what they may do with one: the only place decision queries are
scoped. A unit manager sees its own unit's decisions; commune and province decisions are the commune's
(a school sees its awards through its nominations). Another unit's decision answers 404."""

from sqlmodel import Session, col, or_, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, scoped
from thidua.auth.roles import Role
from thidua.awards.models import AwardDecision, AwardLevel, AwardRound
from thidua.core.errors import Conflict, Forbidden, NotFound


def readable(actor: Actor) -> SelectOfScalar[AwardDecision]:
    query = select(AwardDecision)
    if actor.visible_unit_ids is None:
        return query
    if actor.commune_wide:  # behind a wall: the commune's units' decisions and its rounds' own
        rounds = select(AwardRound.id).where(AwardRound.commune_id == actor.commune_id)
        of_commune = col(AwardDecision.unit_id).is_(None) & col(AwardDecision.round_id).in_(rounds)
        return query.where(or_(col(AwardDecision.unit_id).in_(actor.visible_unit_ids), of_commune))
    # Unit managers see their own unit's decisions; commune decisions are the commune's (a school sees
    # its awards through its nominations).
    return scoped(query, AwardDecision.unit_id, actor)


def get_readable(session: Session, actor: Actor, decision_id: int) -> AwardDecision:
    d = session.exec(readable(actor).where(AwardDecision.id == decision_id)).first()
    if d is None:
        raise NotFound(f"Không tìm thấy quyết định có id {decision_id}.")
    return d


def _unit_head_of(actor: Actor, unit_id: int | None) -> bool:
    return Role.unit_manager in actor.roles and not actor.commune_wide and actor.sees_unit(unit_id)


def may_issue(actor: Actor, d: AwardDecision) -> bool:
    if d.level == AwardLevel.unit:
        return _unit_head_of(actor, d.unit_id)
    return Role.commune_leader in actor.roles


def may_prepare(actor: Actor, level: str, unit_id: int | None) -> bool:
    if level == AwardLevel.unit:
        return _unit_head_of(actor, unit_id)
    return bool(actor.roles & {Role.admin, Role.commune_officer, Role.commune_leader})


def allowed_actions(actor: Actor, d: AwardDecision) -> list[str]:
    actions = ["document"]
    if d.kind == "proposal":
        actions += ["list", "dossier"]
    if d.status == "draft" and may_prepare(actor, d.level, d.unit_id):
        actions += ["update", "delete"]
    if d.status == "draft" and may_issue(actor, d):
        actions.append("issue")
    if d.kind == "proposal" and d.status == "issued" and may_prepare(actor, d.level, d.unit_id):
        actions.append("record_answer")
    return actions


def require(actor: Actor, d: AwardDecision, action: str) -> None:
    """409 when the decision is issued already, 403 when the caller may not do this."""
    if action in allowed_actions(actor, d):
        return
    if d.status != "draft" and action in ("update", "delete", "issue"):
        raise Conflict("Quyết định đã ban hành; không sửa, xóa hay ban hành lại được.")
    raise Forbidden("Bạn không có thẩm quyền thực hiện thao tác này với quyết định.")
