"""The one module that reads the database for scoring: framework specs, entry values (typed and
computed), live and frozen scorecards. Everything else in scoring/ is pure."""

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, time
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import literal, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from thidua.assessments.models import AssessmentEntry, ScorecardSnapshot, SelfAssessment
from thidua.core.models import today
from thidua.core.sql import one_of
from thidua.frameworks.models import Criterion, Framework, Indicator
from thidua.scoring import engine
from thidua.scoring.models import AssessmentScore
from thidua.scoring.sources import LINKERS, SOURCES, Compute, LinkedIndicator, Subject
from thidua.scoring.subject import one_pass

_specs: dict[tuple[int, int], engine.FrameworkSpec] = {}


class Assessed(Protocol):
    """What scoring reads of an assessment: a `SelfAssessment`, or an `AssessmentRef` of one."""

    @property
    def id(self) -> int | None: ...
    @property
    def unit_id(self) -> int: ...
    @property
    def staff_id(self) -> int | None: ...
    @property
    def school_year(self) -> str: ...


@dataclass(frozen=True, slots=True)
class AssessmentRef:
    """An assessment's columns that scoring and its stored rows need, read as a plain row: a
    province re-score loads 126,000 of them, and ORM objects took a tenth of its time."""

    id: int
    framework_id: int
    school_year: str
    unit_id: int
    staff_id: int | None
    subject_kind: str
    status: str

    @classmethod
    def of(cls, a: SelfAssessment) -> "AssessmentRef":
        assert a.id is not None
        return cls(a.id, a.framework_id, a.school_year, a.unit_id, a.staff_id, a.subject_kind, a.status)


REF_COLUMNS = tuple(col(getattr(SelfAssessment, f.name)) for f in fields(AssessmentRef))


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
        # Every indicator counts towards data completeness: a computed one without a value (no source,
        # no data yet) is missing like an unanswered typed one (issue 15: 100 % with null TC1.2).
        required=True,
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


def _computations(indicators: list[Indicator]) -> list[tuple[str, Compute | None]]:
    found = []
    for ind in indicators:
        if ind.kind == "computed":
            source = SOURCES.get(ind.source or "")
            found.append((ind.code, source.compute if source else None))
    return found


def computed_values(
    session: Session, assessment: SelfAssessment, indicators: list[Indicator]
) -> dict[str, Decimal | None]:
    subject = Subject(unit_id=assessment.unit_id, staff_id=assessment.staff_id)
    with one_pass(session):
        return {
            code: compute(session, [subject], assessment.school_year)[subject] if compute else None
            for code, compute in _computations(indicators)
        }


def linked_indicators(indicators: list[Indicator]) -> list[LinkedIndicator]:
    return [
        LinkedIndicator(i.code, i.kind, i.moet_4725)
        for i in indicators
        if i.moet_4725 and i.kind != "computed"
    ]


def _set_self_value(values: dict[str, engine.EntryValues], code: str, value: Decimal | None) -> None:
    """The indicator's self value set (computed or linked), keeping the reviewer's verified value."""
    verified = values[code].verified_value if code in values else None
    values[code] = engine.EntryValues(value, verified)


def _link(
    session: Session,
    values_of: dict[int, dict[str, engine.EntryValues]],
    assessments: Sequence[Assessed],
    indicators: list[Indicator],
) -> None:
    """Overlay the linked values (scoring/sources.py: linked indicators) on typed values, in place."""
    linked = linked_indicators(indicators)
    if not linked or not LINKERS:
        return
    by_year: dict[str, list[Assessed]] = {}
    for a in assessments:
        if a.id in values_of and a.staff_id is None:
            by_year.setdefault(a.school_year, []).append(a)
    for year, rows in by_year.items():
        subjects = {a.id: Subject(unit_id=a.unit_id, staff_id=None) for a in rows}
        for linker in LINKERS:
            found = linker(session, list(set(subjects.values())), year, linked)
            for assessment_id, subject in subjects.items():
                values = values_of[assessment_id or 0]
                for code, value in found.get(subject, {}).items():
                    _set_self_value(values, code, value)


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
    if assessment.id is not None:
        _link(session, {assessment.id: values}, [assessment], indicators)
    return values


_INDICATOR_FIELDS = tuple(f.name for f in fields(engine.IndicatorScore))
_CRITERION_FIELDS = tuple(f.name for f in fields(engine.CriterionScore))
_CARD_FIELDS = tuple(f.name for f in fields(engine.Scorecard) if f.name not in ("indicators", "criteria"))


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def scorecard_dict(card: engine.Scorecard, memo: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The JSON form of a scorecard (decimals as strings): what the API shows and snapshots keep.
    Written out by hand because dataclasses.asdict deep-copies and dominated a province recompute;
    `memo` reuses the conversion of indicator results the engine shares between subjects."""
    memo = {} if memo is None else memo

    def part(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
        key = id(obj)
        if key not in memo:
            memo[key] = {n: _plain(getattr(obj, n)) for n in names}
        return memo[key]

    result = {name: _plain(getattr(card, name)) for name in _CARD_FIELDS}
    result["indicators"] = [part(i, _INDICATOR_FIELDS) for i in card.indicators]
    result["criteria"] = [part(c, _CRITERION_FIELDS) for c in card.criteria]
    return result


def live_scorecard(session: Session, assessment: SelfAssessment) -> dict[str, Any]:
    framework = session.get(Framework, assessment.framework_id)
    assert framework is not None and framework.id is not None
    indicators = list(session.exec(select(Indicator).where(Indicator.framework_id == framework.id)).all())
    spec = framework_spec(session, framework)
    return scorecard_dict(engine.score(spec, entry_values(session, assessment, indicators)))


@dataclass(frozen=True)
class Inputs:
    """What the engine scores many assessments of one framework from: the snapshots of verified ones
    (scored already) and every other one's values by indicator code."""

    frozen: dict[int, dict[str, Any]]
    live: dict[int, dict[str, engine.EntryValues]]


def inputs(
    session: Session,
    framework: Framework,
    assessments: Sequence[Assessed],
    known: dict[int, dict[str, Decimal | None]] | None = None,
) -> Inputs:
    """The inputs of many assessments of one framework, with a handful of queries. `known`:
    assessment id -> computed indicator values known to be current (scoring/rescore.py says when),
    taken instead of running the sources for those assessments."""
    known = known or {}
    ids = [a.id for a in assessments if a.id is not None]
    if not ids:
        return Inputs({}, {})
    frozen = {
        s.assessment_id: s.scorecard
        for s in session.exec(select(ScorecardSnapshot).where(one_of(ScorecardSnapshot.assessment_id, ids)))
    }
    indicators = list(session.exec(select(Indicator).where(Indicator.framework_id == framework.id)).all())
    codes = {i.id: i.code for i in indicators}
    typed: dict[int, dict[str, engine.EntryValues]] = {}
    live_ids = [i for i in ids if i not in frozen]
    # Plain rows, not ORM objects: a province has half a million entries.
    entry_rows = session.execute(
        sa_select(
            col(AssessmentEntry.assessment_id),
            col(AssessmentEntry.indicator_id),
            col(AssessmentEntry.self_value),
            col(AssessmentEntry.verified_value),
        ).where(one_of(AssessmentEntry.assessment_id, live_ids))
    )
    for assessment_id, indicator_id, self_value, verified_value in entry_rows:
        code = codes.get(indicator_id)
        if code is not None:
            typed.setdefault(assessment_id, {})[code] = engine.EntryValues(self_value, verified_value)
    live: dict[int, dict[str, engine.EntryValues]] = {
        a.id: typed.get(a.id, {}) for a in assessments if a.id is not None and a.id not in frozen
    }
    # Computed values: one call per source and school year for all subjects, not one per subject.
    by_year: dict[str, list[Assessed]] = {}
    for a in assessments:
        if a.id in live and a.id not in known:
            by_year.setdefault(a.school_year, []).append(a)
    with one_pass(session):
        for code, compute in _computations(indicators):
            for assessment_id, current in known.items():
                if assessment_id in live:
                    _set_self_value(live[assessment_id], code, current.get(code))
            for year, rows in by_year.items():
                subjects = {a.id: Subject(unit_id=a.unit_id, staff_id=a.staff_id) for a in rows}
                computed = compute(session, list(set(subjects.values())), year) if compute else {}
                for assessment_id, subject in subjects.items():
                    _set_self_value(live[assessment_id or 0], code, computed.get(subject))
    _link(session, live, assessments, indicators)
    return Inputs(frozen, live)


def cards(
    spec: engine.FrameworkSpec, live: dict[int, dict[str, engine.EntryValues]]
) -> dict[int, dict[str, Any]]:
    """The live scorecards of `inputs`, as JSON dicts."""
    memo: dict[int, dict[str, Any]] = {}  # read-only: shared between subjects
    return {i: scorecard_dict(card, memo) for i, card in engine.score_many(spec, live).items()}


def scorecard(
    session: Session, assessment: SelfAssessment, stored: bool = False
) -> tuple[dict[str, Any], bool]:
    """(scorecard, frozen): the snapshot taken at verification, else computed now. With `stored` (the
    caller's transaction has nothing waiting to be re-scored), the stored card when it was computed
    today and no framework-wide re-score is on its way: the same figures without running every
    computed indicator's queries again."""
    snapshots, scores = ScorecardSnapshot.__table__.c, AssessmentScore.__table__.c  # type: ignore[attr-defined]
    query = sa_select(snapshots.scorecard, literal(True).label("frozen")).where(
        snapshots.assessment_id == assessment.id
    )
    if stored:  # one round trip for both: the snapshot first, else today's stored card
        todays = sa_select(scores.scorecard, literal(False)).where(
            scores.assessment_id == assessment.id,
            scores.stale.is_(False),
            scores.computed_at >= datetime.combine(today(), time.min, UTC),
        )
        both = union_all(query, todays).subquery()
        query = sa_select(both).order_by(both.c.frozen.desc())
    row = session.execute(query.limit(1)).first()
    if row is not None:
        return dict(row.scorecard), bool(row.frozen)
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
