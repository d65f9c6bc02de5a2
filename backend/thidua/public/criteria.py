"""The public criteria page (seed IV.5: "xây dựng và công bố rộng rãi các tiêu chí khen thưởng cụ thể,
minh bạch"): the award types in force with their criteria written from their rules by the same
function the award screens use (awards/types/texts.py), so the published text cannot disagree with
what the eligibility engine checks; the scorecard frameworks with their indicators and points; and the
rounds' timetable."""

from decimal import Decimal

from sqlmodel import Session, col, select

from thidua.awards.cash import base_salary_on, cash_amount
from thidua.awards.models import (
    AWARD_LEVEL_LABELS_VI,
    GRANTING_AUTHORITY_LABELS_VI,
    ROUND_KIND_LABELS_VI,
    AwardLevel,
    AwardRound,
    GrantingAuthority,
    RoundKind,
)
from thidua.awards.types.service import rule_names, type_rules
from thidua.awards.types.texts import rule_text
from thidua.core.models import today
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.public import access
from thidua.public.schemas import (
    PublicAwardType,
    PublicClassBand,
    PublicCriteria,
    PublicCriterion,
    PublicFramework,
    PublicIndicator,
    PublicTimetableRound,
)

SUBJECT_LABELS = {"collective": "tập thể", "individual": "cá nhân"}
LEVEL_ORDER = {AwardLevel.unit.value: 0, AwardLevel.commune.value: 1, AwardLevel.province.value: 2}


def _framework(session: Session, f: Framework) -> PublicFramework:
    criteria = session.exec(
        select(Criterion)
        .where(Criterion.framework_id == f.id)
        .order_by(col(Criterion.position), col(Criterion.id))
    ).all()
    indicators = session.exec(
        select(Indicator)
        .where(Indicator.framework_id == f.id)
        .order_by(col(Indicator.position), col(Indicator.id))
    ).all()
    by_criterion: dict[int, list[PublicIndicator]] = {}
    for i in indicators:
        by_criterion.setdefault(i.criterion_id, []).append(
            PublicIndicator(
                code=i.code,
                name=i.name,
                max_points=i.max_points,
                mandatory=i.is_gate,
                evidence_required=i.evidence_required,
            )
        )
    public_criteria = [
        PublicCriterion(
            code=c.code,
            name=c.name,
            max_points=sum((i.max_points for i in by_criterion.get(c.id or 0, [])), Decimal(0)),
            indicators=by_criterion.get(c.id or 0, []),
        )
        for c in criteria
    ]
    return PublicFramework(
        code=f.code,
        name=f.name,
        subject_kind=f.subject_kind,
        version_number=f.version_number,
        max_points=sum((c.max_points for c in public_criteria), Decimal(0)),
        classification=[
            PublicClassBand(
                label=str(band.get("label", "")), min_percent=Decimal(str(band.get("min_percent", 0)))
            )
            for band in f.classification
        ],
        criteria=public_criteria,
    )


def criteria(session: Session, commune_id: int | None = None) -> PublicCriteria:
    types = sorted(
        session.exec(access.active_award_types(commune_id)).all(),
        key=lambda t: (LEVEL_ORDER.get(t.level, 9), t.subject_kind, t.code),
    )
    frameworks = list(
        session.exec(access.active_frameworks(commune_id).order_by(col(Framework.subject_kind).desc()))
    )
    names = rule_names(session)
    base = base_salary_on(session, today())
    award_types = [
        PublicAwardType(
            code=t.code,
            name=t.name,
            level_label=AWARD_LEVEL_LABELS_VI[AwardLevel(t.level)],
            granting_authority_label=GRANTING_AUTHORITY_LABELS_VI[GrantingAuthority(t.granting_authority)],
            subject_kind=t.subject_kind,
            round_kind_labels=[ROUND_KIND_LABELS_VI[RoundKind(k)] for k in t.round_kinds],
            criteria=[rule_text(r, names) for r in type_rules(t)],
            description=t.description,
            cash_coefficient=t.cash_coefficient,
            cash_amount=cash_amount(t.cash_coefficient, base.amount) if base else None,
        )
        for t in types
    ]
    rounds = session.exec(
        access.timetable_rounds(commune_id).order_by(col(AwardRound.opens_on).desc(), col(AwardRound.id))
    ).all()
    offered = {t.code: f"{t.name} ({SUBJECT_LABELS.get(t.subject_kind, '')})" for t in types}
    timetable = [
        PublicTimetableRound(
            id=r.id or 0,
            name=r.name,
            kind=r.kind,
            kind_label=ROUND_KIND_LABELS_VI[RoundKind(r.kind)],
            opens_on=r.opens_on,
            closes_on=r.closes_on,
            award_names=[offered.get(code, code) for code in r.award_type_codes],
        )
        for r in rounds
    ]
    return PublicCriteria(
        award_types=award_types,
        frameworks=[_framework(session, f) for f in frameworks],
        rounds=timetable,
        base_salary=base.amount if base else None,
    )
