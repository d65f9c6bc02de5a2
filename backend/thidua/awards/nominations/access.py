"""Who sees which nominations and what they may do with one: the only place nomination queries are
scoped. A unit-scoped caller sees the nominations of its units; another unit's answers 404, exactly
like a missing one. Unit-level certificates skip the council: the unit head approves them for their
own staff."""

from typing import Any

from sqlalchemy import and_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import COMMUNE_REVIEW_ROLES, Permission, Role
from thidua.awards.models import AwardLevel, Nomination
from thidua.awards.nominations.schemas import EligibilityResult
from thidua.awards.texts import NOMINATION_STATUS_LABELS_VI
from thidua.core.errors import Conflict, Forbidden


def readable(actor: Actor) -> SelectOfScalar[Nomination]:
    return scoped(select(Nomination), Nomination.unit_id, actor)


def get_readable(session: Session, actor: Actor, nomination_id: int) -> Nomination:
    return get_visible(session, Nomination, nomination_id, actor, "đề nghị khen thưởng")


def sees(actor: Actor, n: Nomination) -> bool:
    return actor.sees_unit(n.unit_id)


def may_nominate_in(actor: Actor, unit_id: int) -> bool:
    """Whether the unit a nomination is for lies in the caller's scope."""
    return actor.sees_unit(unit_id)


def may_nominate_level(actor: Actor, level: str) -> bool:
    """A school proposes its collective and its people at every level (seed III.2: for the province
    chairman's Bằng khen too); the commune's council reviews and the commune proposes to the province."""
    if actor.roles & {Role.admin, Role.commune_officer}:
        return True
    return Role.unit_manager in actor.roles and level in (
        AwardLevel.unit,
        AwardLevel.commune,
        AwardLevel.province,
    )


def may_nominate_out_of_time(actor: Actor) -> bool:
    """The commune's staff may still enter nominations once a round has closed."""
    return bool(actor.roles & {Role.admin, Role.commune_officer})


def _is_unit_head_of(actor: Actor, n: Nomination) -> bool:
    return Role.unit_manager in actor.roles and not actor.commune_wide and actor.sees_unit(n.unit_id)


def allowed_actions(actor: Actor, n: Nomination) -> list[str]:
    actions: list[str] = []
    writer = actor.can(Permission.nominations_write) and actor.sees_unit(n.unit_id)
    writer = writer and may_nominate_level(actor, n.level)
    unit_level = n.level == AwardLevel.unit
    if n.status == "draft" and writer:
        actions += ["update", "delete", "submit"]
    if n.status == "submitted" and writer:
        actions.append("withdraw")
    if n.status == "submitted" and not unit_level and actor.can(Permission.nominations_review):
        actions.append("review")
    if n.status == "submitted" and unit_level and _is_unit_head_of(actor, n):
        actions += ["approve", "reject"]
    if n.status == "reviewed" and not unit_level and Role.commune_leader in actor.roles:
        actions += ["approve", "reject"]
    if n.status == "submitted" and n.level == AwardLevel.commune and may_reopen_assessments(actor):
        actions.append("reopen_assessment")
    return actions


def may_reopen_assessments(actor: Actor) -> bool:
    """The commune's reviewers re-open a nominee's school-verified self-assessment (V.4.4)."""
    return bool(actor.roles & COMMUNE_REVIEW_ROLES) and actor.can(Permission.assessments_review)


def require(actor: Actor, n: Nomination, action: str) -> None:
    """409 when the nomination's state is in the way, 403 when the caller may not do this."""
    if action not in allowed_actions(actor, n):
        status = NOMINATION_STATUS_LABELS_VI.get(n.status, n.status)
        if n.status in ("approved", "rejected", "proposed", "decided") or action in (
            "update",
            "delete",
            "submit",
        ):
            raise Conflict(f"Đề nghị đang ở trạng thái '{status}': không thể thực hiện '{action}'.")
        raise Forbidden(f"Bạn không có quyền '{action}' với đề nghị ở trạng thái '{status}'.")


def awaiting(actor: Actor) -> list[Any]:
    """The approval queue: conditions on the nominations this caller can act on next (none: nothing)."""
    waiting: list[Any] = []
    status, level = col(Nomination.status), col(Nomination.level)
    if Role.commune_leader in actor.roles:
        waiting.append(and_(status == "reviewed", level != AwardLevel.unit.value))
    if actor.can(Permission.nominations_review):
        waiting.append(and_(status == "submitted", level != AwardLevel.unit.value))
    if Role.unit_manager in actor.roles:
        waiting.append(and_(status == "submitted", level == AwardLevel.unit.value))
    return waiting


# Rules that read staff ratings and flags: their outcomes (and reasons, which name a rating or count
# open flags) are personal data, shown only to those who may read ratings and flags.
PERSONAL_RULE_KINDS = frozenset({"no_open_flag", "staff_rating", "members", "any_of"})


def for_reader(actor: Actor, result: EligibilityResult) -> EligibilityResult:
    if actor.can(Permission.conduct_read):
        return result
    kept = [o for o in result.outcomes if o.kind not in PERSONAL_RULE_KINDS]
    return result.model_copy(update={"outcomes": kept})
