"""Who sees the communications plan, its log, the story proposals and the info corners, and what they
may do with them: the only place these queries are scoped.

The plan and its log belong to the commune (`communications:read` reads them all). A story proposal
belongs to its school: a school's manager sees their own school's proposals, drafts included; the
commune's reviewers see every proposal once it was submitted (a draft stays with its school, except for
its own author). Another school's proposal answers 404, exactly like a missing one. Info corners are
public knowledge: every signed-in user reads them; a school edits its own.
"""

from sqlalchemy import or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, commune_scoped, commune_units_only, of_commune, scoped
from thidua.auth.roles import Permission
from thidua.communications.models import CommsOutput, CommsPlan, InfoCorner, StoryProposal
from thidua.core.errors import NotFound


def readable_plans(actor: Actor) -> SelectOfScalar[CommsPlan]:
    """The commune's plans (its own commune's, behind a province deployment's wall)."""
    return commune_scoped(select(CommsPlan), CommsPlan.commune_id, actor)


def get_plan(session: Session, actor: Actor, plan_id: int) -> CommsPlan:
    plan = session.exec(readable_plans(actor).where(CommsPlan.id == plan_id)).first()
    if plan is None:
        raise NotFound(f"Không tìm thấy kế hoạch truyền thông có id {plan_id}.")
    return plan


def plan_actions(actor: Actor) -> list[str]:
    return ["update", "log_output"] if actor.can(Permission.comms_write) else []


def readable_outputs(actor: Actor) -> SelectOfScalar[CommsOutput]:
    if actor.commune_id is None:
        return select(CommsOutput)
    plans = readable_plans(actor).with_only_columns(col(CommsPlan.id))
    return select(CommsOutput).where(col(CommsOutput.plan_id).in_(plans))


def get_output(session: Session, actor: Actor, output_id: int) -> CommsOutput:
    output = session.exec(readable_outputs(actor).where(CommsOutput.id == output_id)).first()
    if output is None:
        raise NotFound(f"Không tìm thấy sản phẩm truyền thông có id {output_id}.")
    return output


def output_actions(actor: Actor) -> list[str]:
    return ["update", "delete", "attach_file"] if actor.can(Permission.comms_write) else []


# ---------------------------------------------------------------- story proposals


def readable_proposals(actor: Actor) -> SelectOfScalar[StoryProposal]:
    if not actor.commune_wide:
        return scoped(select(StoryProposal), StoryProposal.unit_id, actor)
    return scoped(select(StoryProposal), StoryProposal.unit_id, actor).where(
        or_(col(StoryProposal.status) != "draft", col(StoryProposal.author_id) == actor.id)
    )


def get_proposal(session: Session, actor: Actor, proposal_id: int) -> StoryProposal:
    found = session.exec(readable_proposals(actor).where(StoryProposal.id == proposal_id)).first()
    if found is None:
        raise NotFound(f"Không tìm thấy bài đề xuất có id {proposal_id}.")
    return found


def proposal_actions(actor: Actor, proposal: StoryProposal) -> list[str]:
    actions: list[str] = []
    own_school = actor.can(Permission.stories_propose) and actor.sees_unit(proposal.unit_id)
    if own_school and proposal.status in ("draft", "returned"):
        actions += ["update", "submit"]
    reviewer = actor.can(Permission.stories_write) and actor.id != proposal.author_id
    if reviewer and proposal.status == "submitted":
        actions += ["return", "publish"]
    return actions


# ---------------------------------------------------------------- info corners


def readable_corners(actor: Actor) -> SelectOfScalar[InfoCorner]:
    """Every school's info corner of the caller's commune (every commune's without a wall)."""
    return commune_units_only(select(InfoCorner), InfoCorner.unit_id, actor)


def corner_actions(actor: Actor, unit_id: int) -> list[str]:
    may = actor.can(Permission.info_corners_write) and actor.sees_unit(unit_id)
    return ["update", "delete"] if may else []


def plan_named(session: Session, actor: Actor, plan_id: int) -> CommsPlan | None:
    """The communications plan a body names, or None when missing or another commune's."""
    return of_commune(actor, session.get(CommsPlan, plan_id))
