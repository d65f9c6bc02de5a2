"""Who sees which QĐ 4725 self-assessments and may change one: the only place their queries are scoped.

A 4725 self-assessment belongs to one school: a caller sees those of the units they see and edits them
with `dti:write`. Another school's answers 404, exactly like a missing one.
"""

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from thidua.auth.policy import Actor, get_visible, scoped
from thidua.auth.roles import Permission
from thidua.dti.models import DtiAssessment


def readable(actor: Actor) -> SelectOfScalar[DtiAssessment]:
    return scoped(select(DtiAssessment), DtiAssessment.unit_id, actor)


def get_readable(session: Session, actor: Actor, assessment_id: int) -> DtiAssessment:
    return get_visible(session, DtiAssessment, assessment_id, actor, "bản tự đánh giá theo QĐ 4725")


def may_write(actor: Actor, unit_id: int) -> bool:
    return actor.can(Permission.dti_write) and actor.sees_unit(unit_id)


def allowed_actions(actor: Actor, assessment: DtiAssessment) -> list[str]:
    return ["update"] if may_write(actor, assessment.unit_id) else []
