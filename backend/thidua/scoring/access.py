"""Whose scorecards the caller may read: those of the self-assessments the caller may read.

The assessments domain decides that (its readable query and its 404 for another unit's assessment);
it is wired in here at start-up by thidua/registrations.py, so scoring reads the rule without
importing the domain above it, and the rule stays written once.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from thidua.assessments.models import SelfAssessment
from thidua.auth.policy import Actor
from thidua.frameworks.models import Framework

# The assessments the actor may read, as a select to narrow further.
Readable = Callable[[Session, Actor], SelectOfScalar[SelfAssessment]]
# One of them by id; another unit's answers 404 exactly like a missing one.
GetReadable = Callable[[Session, Actor, int], SelfAssessment]


@dataclass
class _Rules:
    readable: Readable | None = None
    get_readable: GetReadable | None = None


_rules = _Rules()


def provide(readable: Readable, get_readable: GetReadable) -> None:
    _rules.readable, _rules.get_readable = readable, get_readable


def _missing() -> RuntimeError:
    return RuntimeError(
        "scoring has no access rules for assessments: import thidua.registrations at start-up"
    )


def readable(session: Session, actor: Actor) -> SelectOfScalar[SelfAssessment]:
    if _rules.readable is None:
        raise _missing()
    return _rules.readable(session, actor)


def get_readable(session: Session, actor: Actor, assessment_id: int) -> SelfAssessment:
    if _rules.get_readable is None:
        raise _missing()
    return _rules.get_readable(session, actor, assessment_id)


def framework_readable(actor: Actor, framework: Framework) -> bool:
    """A framework is one commune's: another commune's reads like a missing one."""
    return actor.sees_commune(framework.commune_id)


def reads_whole_framework(actor: Actor, framework: Framework) -> bool:
    """A commune-wide caller reads every assessment on its own commune's framework."""
    return actor.commune_wide and actor.commune_id is not None and framework.commune_id == actor.commune_id
