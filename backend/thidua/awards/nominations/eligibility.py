"""A nomination's eligibility: the subject's history and the round's quota, gathered from the database,
run through the pure engine of awards/types/eligibility.py. Every step of a nomination re-runs it."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from thidua.auth.policy import descendant_unit_ids
from thidua.awards.models import Achievement, AwardRound, AwardType, Nomination
from thidua.awards.nominations.history import classes, load_history
from thidua.awards.nominations.schemas import EligibilityResult, RuleOutcome
from thidua.awards.rounds.service import get_round
from thidua.awards.subjects import school_of
from thidua.awards.types import eligibility as engine
from thidua.awards.types.rules import QuotaRule
from thidua.awards.types.service import type_rules
from thidua.core.models import utcnow
from thidua.units.models import StaffMember, Unit

APPROVED_STATUSES = ("approved", "proposed", "decided")


@dataclass(frozen=True)
class Candidate:
    """Who is nominated for what, in which round: enough to evaluate, stored or not."""

    round: AwardRound
    award_type: AwardType
    unit_id: int
    staff_id: int | None
    nomination_id: int | None = None


def _active_staff_count(session: Session, unit_ids: frozenset[int] | None) -> int:
    query = select(func.count()).select_from(StaffMember).where(col(StaffMember.is_active).is_(True))
    if unit_ids is not None:
        query = query.where(col(StaffMember.unit_id).in_(unit_ids))
    return int(session.exec(query).one())


def _others(session: Session, c: Candidate, statuses: tuple[str, ...]) -> list[Nomination]:
    query = select(Nomination).where(
        Nomination.round_id == c.round.id,
        Nomination.award_type_code == c.award_type.code,
        col(Nomination.status).in_(statuses),
    )
    if c.nomination_id is not None:
        query = query.where(Nomination.id != c.nomination_id)
    return list(session.exec(query).all())


def _quota(session: Session, c: Candidate, rule: QuotaRule, passes_others: bool) -> engine.Quota:
    """The base and the slots already used for the award type's quota rule. "Eligible subjects" are
    the nominations of the round (past draft, not rejected) whose other rules all pass."""
    school = school_of(session, c.unit_id)
    tree = descendant_unit_ids(session, school)
    same_unit = rule.of in ("unit_staff", "unit_award_holders")
    approved = [n for n in _others(session, c, APPROVED_STATUSES) if not same_unit or n.unit_id in tree]
    if rule.of == "eligible":
        active = _others(session, c, ("submitted", "reviewed", *APPROVED_STATUSES))
        base = sum(1 for n in active if _others_pass(n.eligibility)) + (1 if passes_others else 0)
    elif rule.of == "unit_staff":
        base = _active_staff_count(session, tree)
    elif rule.of == "commune_staff":
        base = _active_staff_count(session, None)
    elif rule.of == "commune_units":
        base = int(
            session.exec(
                select(func.count())
                .select_from(Unit)
                .where(Unit.kind == "school", col(Unit.is_active).is_(True))
            ).one()
        )
    else:  # unit_award_holders
        base = int(
            session.exec(
                select(func.count()).where(
                    Achievement.award_type_code == rule.award_type_code,
                    Achievement.school_year == c.round.school_years[-1],
                    col(Achievement.unit_id).in_(tree),
                    col(Achievement.staff_id).is_not(None),
                )
            ).one()
        )
    return engine.Quota(bases={rule.of: base}, used={rule.of: len(approved)})


def _others_pass(saved: dict[str, Any]) -> bool:
    return all(o["passed"] for o in saved.get("outcomes", []) if o.get("kind") != "quota")


def evaluate(session: Session, c: Candidate) -> engine.Eligibility:
    rules = engine.rules_for_round(type_rules(c.award_type), c.round.kind)
    own_achievement = None
    if c.nomination_id is not None:
        own_achievement = session.exec(
            select(Achievement.id).where(Achievement.nomination_id == c.nomination_id)
        ).first()
    history = load_history(session, c.unit_id, c.staff_id, own_achievement)
    rnd = engine.Round(
        school_years=tuple(c.round.school_years),
        award_type_code=c.award_type.code,
        merit_based=c.award_type.merit_based,
        classes=classes(session, c.award_type.subject_kind),
    )
    base = engine.evaluate(engine.without_quota(rules), rnd, history)
    quota = engine.Quota()
    for rule in rules:
        if isinstance(rule, QuotaRule):
            quota = _quota(session, c, rule, base.eligible)
    return engine.evaluate(rules, rnd, history, quota)


def stored(result: engine.Eligibility) -> dict[str, Any]:
    """The result as the nomination keeps it (JSON), with when it was evaluated."""
    return {
        "eligible": result.eligible,
        "outcomes": [
            {"index": o.index, "kind": o.kind, "passed": o.passed, "reason": o.reason}
            for o in result.outcomes
        ],
        "evaluated_at": utcnow().isoformat(),
    }


def result_of(saved: dict[str, Any]) -> EligibilityResult:
    return EligibilityResult(
        eligible=bool(saved.get("eligible")),
        outcomes=[RuleOutcome(**o) for o in saved.get("outcomes", [])],
        evaluated_at=saved.get("evaluated_at"),
    )


def candidate_of(session: Session, n: Nomination) -> Candidate:
    t = session.get(AwardType, n.award_type_id)
    assert t is not None
    return Candidate(get_round(session, n.round_id), t, n.unit_id, n.staff_id, n.id)


def reevaluated(session: Session, n: Nomination) -> dict[str, Any]:
    """The nomination's fields that follow a fresh evaluation."""
    result = evaluate(session, candidate_of(session, n))
    return {"eligibility": stored(result), "eligible": result.eligible}
