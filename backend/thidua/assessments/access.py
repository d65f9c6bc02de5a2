"""Who sees which self-assessments and what they may do with one: the only place assessment
queries are scoped.

Unit-bound callers see their units' assessments, except a staff member (without a managing or
commune role), who sees only their own individual one; commune roles see all. Another unit's
assessment answers 404, exactly like a missing one.

Review (review, return, verify): the commune officer any submitted assessment; a unit manager the
individual self-assessments of their own unit's staff, never their own (seed V.4.4, "tự kiểm tra").
Verification is allowed inside the school year's evaluation window; outside it only the commune
leader closes early ("chốt sớm") with a reason.
"""

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.assessments.evidence import ensure_editable
from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import Actor, scoped
from thidua.auth.roles import COMMUNE_REVIEW_ROLES, COMMUNE_WIDE_ROLES, Permission, Role
from thidua.core.errors import Forbidden
from thidua.core.lookup import first_or_404
from thidua.units import access as unit_access
from thidua.units.models import StaffMember

EDITABLE = ("draft", "returned")
LABEL = "bản tự đánh giá"


def own_staff_ids(session: Session, actor: Actor) -> list[int]:
    """The staff records linked to the caller's account: the subjects of their own assessments."""
    return [s for s in session.exec(select(StaffMember.id).where(StaffMember.user_id == actor.id)).all() if s]


def _only_own(actor: Actor) -> bool:
    """A staff member (without a managing or commune role) sees only their own individual assessment."""
    return Role.staff in actor.roles and not (actor.roles & (COMMUNE_WIDE_ROLES | {Role.unit_manager}))


def readable(session: Session, actor: Actor) -> SelectOfScalar[SelfAssessment]:
    query = scoped(select(SelfAssessment), SelfAssessment.unit_id, actor)
    if _only_own(actor):
        query = query.where(col(SelfAssessment.staff_id).in_(own_staff_ids(session, actor)))
    return query


def get_readable(session: Session, actor: Actor, assessment_id: int) -> SelfAssessment:
    query = readable(session, actor).where(SelfAssessment.id == assessment_id)
    return first_or_404(session, query, f"Không tìm thấy {LABEL} có id {assessment_id}.")


def is_subject(session: Session, actor: Actor, a: SelfAssessment) -> bool:
    """Who fills it: the unit's manager for a unit assessment, the staff member for their own."""
    if a.staff_id is None:
        return Role.unit_manager in actor.roles and unit_access.in_reach(actor, a.unit_id)
    return a.staff_id in own_staff_ids(session, actor)


def is_reviewer(session: Session, actor: Actor, a: SelfAssessment) -> bool:
    """The commune officer reviews every assessment; a unit manager the individual ones of the staff
    in their reach, except their own."""
    if not actor.can(Permission.assessments_review):
        return False
    if actor.roles & COMMUNE_REVIEW_ROLES:
        return True
    return (
        Role.unit_manager in actor.roles
        and a.staff_id is not None
        and unit_access.in_reach(actor, a.unit_id)
        and a.staff_id not in own_staff_ids(session, actor)
    )


def allowed_actions(session: Session, actor: Actor, a: SelfAssessment, window_open: bool) -> list[str]:
    actions: list[str] = []
    if a.status in EDITABLE and is_subject(session, actor, a):
        actions += ["edit", "submit"]
    if a.status == "submitted" and is_reviewer(session, actor, a):
        actions += ["review", "return"] + (["verify"] if window_open else [])
    if a.status == "submitted" and not window_open and actor.can(Permission.assessments_close_early):
        actions.append("verify_early")
    return actions


def require_reviewer(session: Session, actor: Actor, a: SelfAssessment) -> None:
    """403 for a unit manager on a unit assessment or on their own (the commune reviews those)."""
    if not is_reviewer(session, actor, a):
        raise Forbidden(
            "Thủ trưởng đơn vị chỉ xem xét bản tự đánh giá cá nhân của cán bộ đơn vị mình; "
            "bản tự đánh giá của đơn vị và của thủ trưởng do cấp xã xem xét."
        )


def require_evidence_change(session: Session, actor: Actor, a: SelfAssessment) -> None:
    """409 once the assessment was submitted, 403 for anyone but its subject."""
    if not (a.status in EDITABLE and is_subject(session, actor, a)):
        ensure_editable(a)
        raise Forbidden("Chỉ đối tượng được đánh giá mới thay đổi minh chứng.")
