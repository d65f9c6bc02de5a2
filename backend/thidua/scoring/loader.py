"""The one module that reads the database for scoring: framework specs, entry values (typed and
computed), live and frozen scorecards. Everything else in scoring/ is pure."""

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from thidua.assessments.models import AssessmentEntry, ScorecardSnapshot, SelfAssessment
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.scoring import engine
from thidua.scoring.sources import SOURCES, Subject

_specs: dict[tuple[int, int], engine.FrameworkSpec] = {}


def indicator_spec(ind: Indicator, criterion_code: str) -> engine.IndicatorSpec:
    return engine.IndicatorSpec(
        code=ind.code,
        criterion_code=criterion_code,
        kind=ind.kind,  # type: ignore[arg-type]
        rule=ind.rule,  # type: ignore[arg-type]
        max_points=ind.max_points,
        target=ind.target,
        direction=ind.direction,  # type: ignore[arg-type]
        bands=tuple(engine.Band(Decimal(b["min_value"]), Decimal(b["points"])) for b in ind.bands),
        is_gate=ind.is_gate,
        # Computed values come from the system: the subject cannot fill them in, so they do not count
        # against data completeness.
        required=ind.kind != "computed",
        content_area=ind.content_area_code,
    )


def framework_spec(session: Session, framework: Framework) -> engine.FrameworkSpec:
    """Cached per framework version (a framework in use never changes; a draft bumps its version)."""
    assert framework.id is not None
    key = (framework.id, framework.version)
    if key not in _specs:
        criteria = session.exec(
            select(Criterion).where(Criterion.framework_id == framework.id).order_by(col(Criterion.position))
        ).all()
        codes = {c.id: c.code for c in criteria}
        indicators = session.exec(
            select(Indicator).where(Indicator.framework_id == framework.id).order_by(col(Indicator.position))
        ).all()
        specs = tuple(indicator_spec(i, codes[i.criterion_id]) for i in indicators)
        _specs[key] = engine.FrameworkSpec(
            criteria=engine.criteria_from_indicators(specs, {c.code: c.name for c in criteria}),
            indicators=specs,
            classification=tuple(
                engine.ClassificationBand(Decimal(b["min_percent"]), b["code"], b["label"])
                for b in framework.classification
            ),
        )
    return _specs[key]


def computed_values(
    session: Session, assessment: SelfAssessment, indicators: list[Indicator]
) -> dict[str, Decimal | None]:
    subject = Subject(unit_id=assessment.unit_id, staff_id=assessment.staff_id)
    values: dict[str, Decimal | None] = {}
    for ind in indicators:
        if ind.kind == "computed":
            source = SOURCES.get(ind.source or "")
            compute = source.compute if source else None
            values[ind.code] = compute(session, subject, assessment.school_year) if compute else None
    return values


def entry_values(
    session: Session, assessment: SelfAssessment, indicators: list[Indicator]
) -> dict[str, engine.EntryValues]:
    by_id = {i.id: i for i in indicators}
    entries = session.exec(
        select(AssessmentEntry).where(AssessmentEntry.assessment_id == assessment.id)
    ).all()
    computed = computed_values(session, assessment, indicators)
    values: dict[str, engine.EntryValues] = {}
    for entry in entries:
        ind = by_id.get(entry.indicator_id)
        if ind is None:
            continue
        self_value = computed.get(ind.code) if ind.kind == "computed" else entry.self_value
        values[ind.code] = engine.EntryValues(self_value, entry.verified_value)
    return values


def scorecard_dict(card: engine.Scorecard) -> dict[str, Any]:
    """The JSON form of a scorecard (decimals as strings): what the API shows and snapshots keep."""

    def plain(value: Any) -> Any:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    return plain(asdict(card))


def live_scorecard(session: Session, assessment: SelfAssessment) -> dict[str, Any]:
    framework = session.get(Framework, assessment.framework_id)
    assert framework is not None and framework.id is not None
    indicators = list(session.exec(select(Indicator).where(Indicator.framework_id == framework.id)).all())
    spec = framework_spec(session, framework)
    return scorecard_dict(engine.score(spec, entry_values(session, assessment, indicators)))


def scorecards(
    session: Session, framework: Framework, assessments: list[SelfAssessment]
) -> dict[int, tuple[dict[str, Any], bool]]:
    """(scorecard, frozen) for many assessments of one framework, with a handful of queries."""
    ids = [a.id for a in assessments if a.id is not None]
    if not ids:
        return {}
    frozen = {
        s.assessment_id: s.scorecard
        for s in session.exec(select(ScorecardSnapshot).where(col(ScorecardSnapshot.assessment_id).in_(ids)))
    }
    indicators = list(session.exec(select(Indicator).where(Indicator.framework_id == framework.id)).all())
    codes = {i.id: i.code for i in indicators}
    computed_kinds = {i.code for i in indicators if i.kind == "computed"}
    typed: dict[int, dict[str, engine.EntryValues]] = {}
    live_ids = [i for i in ids if i not in frozen]
    for entry in session.exec(
        select(AssessmentEntry).where(col(AssessmentEntry.assessment_id).in_(live_ids))
    ):
        code = codes.get(entry.indicator_id)
        if code is not None:
            typed.setdefault(entry.assessment_id, {})[code] = engine.EntryValues(
                entry.self_value, entry.verified_value
            )
    spec = framework_spec(session, framework)
    result: dict[int, tuple[dict[str, Any], bool]] = {}
    for a in assessments:
        assert a.id is not None
        if a.id in frozen:
            result[a.id] = (frozen[a.id], True)
            continue
        values = typed.get(a.id, {})
        if computed_kinds:
            for code, value in computed_values(session, a, indicators).items():
                verified = values[code].verified_value if code in values else None
                values[code] = engine.EntryValues(value, verified)
        result[a.id] = (scorecard_dict(engine.score(spec, values)), False)
    return result


def scorecard(session: Session, assessment: SelfAssessment) -> tuple[dict[str, Any], bool]:
    """(scorecard, frozen): the snapshot taken at verification, else computed now."""
    snapshot = session.exec(
        select(ScorecardSnapshot).where(ScorecardSnapshot.assessment_id == assessment.id)
    ).first()
    if snapshot is not None:
        return snapshot.scorecard, True
    return live_scorecard(session, assessment), False


def freeze(session: Session, assessment: SelfAssessment) -> ScorecardSnapshot:
    assert assessment.id is not None
    card = live_scorecard(session, assessment)
    snapshot = ScorecardSnapshot(
        assessment_id=assessment.id,
        framework_id=assessment.framework_id,
        school_year=assessment.school_year,
        verified_total=Decimal(card["verified_total"]),
        completion_percent=Decimal(card["completion_percent"]),
        classification_code=card["classification_code"],
        scorecard=card,
    )
    session.add(snapshot)
    return snapshot
