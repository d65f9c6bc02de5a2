"""The scoring engine: pure functions from a framework and entry values to a scorecard (DESIGN.md §5).

No database, no web framework: plain frozen dataclasses in, plain frozen dataclasses out, so the same
input gives the same output wherever it runs (SQLite or PostgreSQL behind it, any thread).

Arithmetic is :class:`~decimal.Decimal` throughout, in a private context (28 digits, half-up), so the
caller's decimal context never changes a result. Every points and percent value is rounded to
2 decimals, half-up; sums of rounded values are exact.

Rules (``IndicatorSpec.rule``), for a value ``v`` with ``max`` points and a ``target``:

- ``boolean`` kind, whatever the rule: ``max × v`` for ``v`` in {0, 1} (clamped into ``[0, max]``).
- ``proportional``: ``max × min(v / target, 1)``, never below 0 (computed as ``max × v / target`` so
  that only one rounding happens before the 2-decimal half-up rounding).
- ``threshold``: ``max`` when ``v ≥ target`` (direction ``higher``) or ``v ≤ target`` (``lower``),
  else 0.
- ``bands``: the points of the highest band whose ``min_value ≤ v``; 0 below the first band.

A missing value (``None``) scores 0 and leaves the indicator unanswered.

The hot path compiles a framework once (validated, per-indicator closures with their constants) and
keeps it in a small identity-keyed cache, so scoring tens of thousands of subjects against the same
``FrameworkSpec`` object costs no repeated set-up. Results are immutable, so :func:`score_many`
computes each distinct (indicator, self value, verified value) once per call and shares the result
object between subjects (only when the values are equal in representation too, so every subject's
values come back exactly as given).
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from operator import itemgetter
from typing import Final, Literal, NamedTuple, TypeVar

__all__ = [
    "DEFAULT_CLASSIFICATION",
    "Band",
    "ClassificationBand",
    "ClassificationCode",
    "CriterionScore",
    "CriterionSpec",
    "EntryValues",
    "FrameworkSpec",
    "IndicatorKind",
    "IndicatorRule",
    "IndicatorScore",
    "IndicatorSpec",
    "Scorecard",
    "classify",
    "competition_rank",
    "criteria_from_indicators",
    "indicator_points",
    "percent",
    "round_points",
    "score",
    "score_many",
    "validate_framework",
]

IndicatorKind = Literal["boolean", "percent", "count", "level", "computed"]
IndicatorRule = Literal["proportional", "threshold", "bands"]
Direction = Literal["higher", "lower"]

K = TypeVar("K")

# Module-level constants: no Decimal is constructed from a literal in the hot path.
_CTX: Final = Context(prec=28, rounding=ROUND_HALF_UP)
_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
_CENT: Final = Decimal("0.01")
_HUNDRED: Final = Decimal(100)
_ZERO_POINTS: Final = _ZERO.quantize(_CENT)  # Decimal("0.00")
_FULL_PERCENT: Final = _HUNDRED.quantize(_CENT)  # Decimal("100.00")
_KINDS: Final = frozenset({"boolean", "percent", "count", "level", "computed"})
_RULES: Final = frozenset({"proportional", "threshold", "bands"})
_DIRECTIONS: Final = frozenset({"higher", "lower"})


# --------------------------------------------------------------------------------------------------
# Input data
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Band:
    """A band of the ``bands`` rule: a value of at least ``min_value`` earns ``points``."""

    min_value: Decimal
    points: Decimal


@dataclass(frozen=True, slots=True)
class ClassificationBand:
    """A completion of at least ``min_percent`` is classified ``code`` / ``label``."""

    min_percent: Decimal
    code: str
    label: str


class ClassificationCode(StrEnum):
    """The codes of the default classification. A framework may define bands of its own, so a
    scorecard's code is any string; these are the ones scoring gives when it does not."""

    excellent = "excellent"
    good = "good"
    completed = "completed"
    not_completed = "not_completed"


DEFAULT_CLASSIFICATION: Final[tuple[ClassificationBand, ...]] = (
    ClassificationBand(Decimal(90), ClassificationCode.excellent.value, "Hoàn thành xuất sắc"),
    ClassificationBand(Decimal(70), ClassificationCode.good.value, "Hoàn thành tốt"),
    ClassificationBand(Decimal(50), ClassificationCode.completed.value, "Hoàn thành"),
    ClassificationBand(Decimal(0), ClassificationCode.not_completed.value, "Chưa hoàn thành"),
)


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    code: str
    criterion_code: str
    kind: IndicatorKind
    rule: IndicatorRule
    max_points: Decimal
    target: Decimal | None = None
    direction: Direction = "higher"
    bands: tuple[Band, ...] = ()
    is_gate: bool = False
    required: bool = True
    content_area: str | None = None


@dataclass(frozen=True, slots=True)
class CriterionSpec:
    """A criterion; ``max_points`` must equal the sum of its indicators' maxima
    (:func:`criteria_from_indicators` computes it, :func:`validate_framework` checks it)."""

    code: str
    name: str
    max_points: Decimal


@dataclass(frozen=True, slots=True)
class FrameworkSpec:
    criteria: tuple[CriterionSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    classification: tuple[ClassificationBand, ...] = DEFAULT_CLASSIFICATION


@dataclass(frozen=True, slots=True)
class EntryValues:
    """One indicator's values for a subject: what the subject declared and what a review or an
    inspection verified. The effective value is the verified one where set, else the self value."""

    self_value: Decimal | None
    verified_value: Decimal | None = None

    @property
    def effective_value(self) -> Decimal | None:
        return self.verified_value if self.verified_value is not None else self.self_value


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    code: str
    criterion_code: str
    self_value: Decimal | None
    verified_value: Decimal | None
    effective_value: Decimal | None
    self_points: Decimal
    verified_points: Decimal  # points of the effective value
    max_points: Decimal
    answered: bool  # the effective value is not None
    gate_failed: bool  # a gate whose verified points are below its maximum (missing = failed)


@dataclass(frozen=True, slots=True)
class CriterionScore:
    code: str
    self_points: Decimal
    verified_points: Decimal
    max_points: Decimal
    completion_percent: Decimal  # verified (effective) points / max × 100


@dataclass(frozen=True, slots=True)
class Scorecard:
    indicators: tuple[IndicatorScore, ...]  # in framework order
    criteria: tuple[CriterionScore, ...]  # in framework order
    self_total: Decimal
    verified_total: Decimal
    max_total: Decimal
    self_completion_percent: Decimal
    completion_percent: Decimal  # of the verified (effective) total
    gap: Decimal  # self_total − verified_total; positive = over-reporting
    answered_count: int  # required indicators with an effective value
    required_count: int
    data_completeness_percent: Decimal  # answered_count / required_count × 100 (100 when none)
    classification_code: str
    classification_label: str
    failed_gates: tuple[str, ...]  # indicator codes, in framework order


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def round_points(value: Decimal) -> Decimal:
    """Round to 2 decimals, half-up (``0.625`` → ``0.63``)."""
    return value.quantize(_CENT, ROUND_HALF_UP, _CTX)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole × 100`` rounded to 2 decimals half-up; 0 when ``whole`` is 0."""
    if not whole:
        return _ZERO_POINTS
    return _CTX.divide(_CTX.multiply(part, _HUNDRED), whole).quantize(_CENT, ROUND_HALF_UP, _CTX)


def criteria_from_indicators(
    indicators: Iterable[IndicatorSpec], names: Mapping[str, str] | None = None
) -> tuple[CriterionSpec, ...]:
    """The criteria of ``indicators`` in order of first appearance, each with ``max_points`` = the sum
    of its indicators' maxima and its name from ``names`` (else the code)."""
    maxima: dict[str, Decimal] = {}
    for spec in indicators:
        maxima[spec.criterion_code] = _CTX.add(maxima.get(spec.criterion_code, _ZERO), spec.max_points)
    return tuple(
        CriterionSpec(code=code, name=(names or {}).get(code, code), max_points=total)
        for code, total in maxima.items()
    )


def classify(
    completion_percent: Decimal, classification: Sequence[ClassificationBand] = DEFAULT_CLASSIFICATION
) -> ClassificationBand:
    """The band with the highest ``min_percent`` not above ``completion_percent`` (bands in any
    order); the lowest band when the completion is below every band."""
    if not classification:
        raise ValueError("a classification needs at least one band")
    ordered = sorted(classification, key=lambda band: band.min_percent, reverse=True)
    for band in ordered:
        if band.min_percent <= completion_percent:
            return band
    return ordered[-1]


# --------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------


def _indicator_problems(spec: IndicatorSpec) -> list[str]:
    problems: list[str] = []
    code = spec.code
    if spec.kind not in _KINDS:
        problems.append(f"{code}: unknown kind {spec.kind!r}")
    if spec.rule not in _RULES:
        problems.append(f"{code}: unknown rule {spec.rule!r}")
    if spec.direction not in _DIRECTIONS:
        problems.append(f"{code}: unknown direction {spec.direction!r}")
    if not spec.max_points.is_finite() or spec.max_points < 0:
        problems.append(f"{code}: max_points must be a finite number ≥ 0")
    if spec.kind == "boolean":
        return problems  # max × value whatever the rule, target and direction
    if spec.rule == "proportional":
        if spec.target is None or not spec.target.is_finite() or spec.target <= 0:
            problems.append(f"{code}: the proportional rule needs a target > 0")
        if spec.direction != "higher":
            problems.append(f"{code}: the proportional rule supports direction 'higher' only")
    elif spec.rule == "threshold":
        if spec.target is None or not spec.target.is_finite():
            problems.append(f"{code}: the threshold rule needs a target")
    elif spec.rule == "bands":
        if spec.direction != "higher":
            problems.append(f"{code}: the bands rule supports direction 'higher' only")
        if not spec.bands:
            problems.append(f"{code}: the bands rule needs at least one band")
        mins = [band.min_value for band in spec.bands]
        if len(set(mins)) != len(mins):
            problems.append(f"{code}: two bands share a min_value")
        for band in spec.bands:
            if not band.min_value.is_finite() or not band.points.is_finite():
                problems.append(f"{code}: band values must be finite")
            elif band.points < 0 or band.points > spec.max_points:
                problems.append(f"{code}: band points {band.points} outside 0…{spec.max_points}")
    return problems


def validate_framework(framework: FrameworkSpec) -> None:
    """Raise :class:`ValueError` listing every problem of ``framework``: unknown kinds or rules, a
    proportional rule without a positive target, a threshold without a target, bands that are empty,
    duplicated, out of range or with direction 'lower', duplicate codes, an indicator of an unknown
    criterion, a criterion maximum that is not the sum of its indicators' maxima, a classification
    without a band at 0 % or below."""
    problems: list[str] = []
    criterion_codes = [criterion.code for criterion in framework.criteria]
    if len(set(criterion_codes)) != len(criterion_codes):
        problems.append("duplicate criterion code")
    indicator_codes = [spec.code for spec in framework.indicators]
    if len(set(indicator_codes)) != len(indicator_codes):
        problems.append("duplicate indicator code")
    sums: dict[str, Decimal] = dict.fromkeys(criterion_codes, _ZERO)
    for spec in framework.indicators:
        problems.extend(_indicator_problems(spec))
        if spec.criterion_code not in sums:
            problems.append(f"{spec.code}: unknown criterion {spec.criterion_code!r}")
        elif spec.max_points.is_finite():
            sums[spec.criterion_code] = _CTX.add(sums[spec.criterion_code], spec.max_points)
    for criterion in framework.criteria:
        if criterion.max_points != sums[criterion.code]:
            problems.append(
                f"{criterion.code}: max_points {criterion.max_points} ≠ sum of its indicators "
                f"{sums[criterion.code]}"
            )
    if not framework.classification:
        problems.append("the classification needs at least one band")
    elif min(band.min_percent for band in framework.classification) > 0:
        problems.append("the classification needs a band with min_percent ≤ 0")
    if problems:
        raise ValueError("invalid framework: " + "; ".join(problems))


# --------------------------------------------------------------------------------------------------
# Compilation: per-indicator closures with their constants precomputed
# --------------------------------------------------------------------------------------------------

_PointsFn = Callable[[Decimal], Decimal]


def _points_function(spec: IndicatorSpec) -> _PointsFn:
    """A function value → rounded points for a validated ``spec`` (the value is never None)."""
    mx = spec.max_points
    full = round_points(mx)
    zero = _ZERO_POINTS
    ctx = _CTX
    cent = _CENT
    half_up = ROUND_HALF_UP

    if spec.kind == "boolean":
        one = _ONE
        nil = _ZERO

        def boolean(value: Decimal) -> Decimal:
            if value >= one:
                return full
            if value <= nil:
                return zero
            return ctx.multiply(mx, value).quantize(cent, half_up, ctx)

        return boolean

    if spec.rule == "proportional":
        goal = spec.target
        assert goal is not None  # validated: > 0
        nil = _ZERO

        def proportional(value: Decimal) -> Decimal:
            if value >= goal:
                return full
            if value <= nil:
                return zero
            return ctx.divide(ctx.multiply(mx, value), goal).quantize(cent, half_up, ctx)

        return proportional

    if spec.rule == "threshold":
        limit = spec.target
        assert limit is not None  # validated
        if spec.direction == "lower":

            def threshold_lower(value: Decimal) -> Decimal:
                return full if value <= limit else zero

            return threshold_lower

        def threshold_higher(value: Decimal) -> Decimal:
            return full if value >= limit else zero

        return threshold_higher

    ordered = sorted(spec.bands, key=lambda band: band.min_value)
    mins = [band.min_value for band in ordered]
    points = [zero, *(round_points(band.points) for band in ordered)]

    def bands(value: Decimal) -> Decimal:
        return points[bisect_right(mins, value)]

    return bands


class _CompiledIndicator(NamedTuple):
    code: str
    criterion_code: str
    points_of: _PointsFn
    max_points: Decimal
    is_gate: bool
    required: bool
    unanswered: IndicatorScore  # the score of a missing value, shared by every subject


class _CompiledCriterion(NamedTuple):
    code: str
    max_points: Decimal
    indicators: tuple[_CompiledIndicator, ...]


class _Compiled(NamedTuple):
    criteria: tuple[_CompiledCriterion, ...]
    max_total: Decimal
    required_count: int
    completeness: tuple[Decimal, ...]  # data completeness % by number of answered required indicators
    classification: tuple[tuple[Decimal, str, str], ...]  # descending min_percent


def _compile(framework: FrameworkSpec) -> _Compiled:
    validate_framework(framework)
    by_criterion: dict[str, list[_CompiledIndicator]] = {c.code: [] for c in framework.criteria}
    for spec in framework.indicators:
        unanswered = IndicatorScore(
            code=spec.code,
            criterion_code=spec.criterion_code,
            self_value=None,
            verified_value=None,
            effective_value=None,
            self_points=_ZERO_POINTS,
            verified_points=_ZERO_POINTS,
            max_points=spec.max_points,
            answered=False,
            gate_failed=spec.is_gate and spec.max_points > _ZERO_POINTS,
        )
        by_criterion[spec.criterion_code].append(
            _CompiledIndicator(
                spec.code,
                spec.criterion_code,
                _points_function(spec),
                spec.max_points,
                spec.is_gate,
                spec.required,
                unanswered,
            )
        )
    criteria = tuple(
        _CompiledCriterion(c.code, c.max_points, tuple(by_criterion[c.code])) for c in framework.criteria
    )
    max_total = _ZERO
    for criterion in framework.criteria:
        max_total = _CTX.add(max_total, criterion.max_points)
    required_count = sum(1 for spec in framework.indicators if spec.required)
    completeness = (
        tuple(percent(Decimal(answered), Decimal(required_count)) for answered in range(required_count + 1))
        if required_count
        else (_FULL_PERCENT,)
    )
    ordered = sorted(framework.classification, key=lambda band: band.min_percent, reverse=True)
    return _Compiled(
        criteria=criteria,
        max_total=max_total,
        required_count=required_count,
        completeness=completeness,
        classification=tuple((band.min_percent, band.code, band.label) for band in ordered),
    )


_CACHE_SIZE: Final = 32
_cache: dict[int, tuple[FrameworkSpec, _Compiled]] = {}
_cache_lock = threading.Lock()


def _compiled(framework: FrameworkSpec) -> _Compiled:
    """The compiled form of ``framework``, cached by object identity (the cache holds the framework
    itself, so an id is never reused while its entry lives)."""
    hit = _cache.get(id(framework))
    if hit is not None and hit[0] is framework:
        return hit[1]
    compiled = _compile(framework)
    with _cache_lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.clear()
        _cache[id(framework)] = (framework, compiled)
    return compiled


# --------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------

# Results are immutable, so equal inputs within one call share one result object. The memos live for
# one call of score() or score_many() only, each dict holding at most _MEMO_LIMIT entries.
_MEMO_LIMIT: Final = 4096
_ValuePair = tuple[Decimal | None, Decimal | None]


class _Memo:
    __slots__ = ("criteria", "indicators", "totals")

    def __init__(self, compiled: _Compiled) -> None:
        # Per criterion: (self points, verified points) → CriterionScore. Points always carry exactly
        # 2 decimals, so equal keys are also equal in representation.
        self.criteria: list[dict[tuple[Decimal, Decimal], CriterionScore]] = [{} for _ in compiled.criteria]
        # Per indicator: (self value, verified value) → IndicatorScore; a hit is used only when the
        # values are identical in representation too (Decimal("1.0") == Decimal("1") but prints apart).
        self.indicators: list[list[dict[_ValuePair, IndicatorScore]]] = [
            [{} for _ in criterion.indicators] for criterion in compiled.criteria
        ]
        # Total points → (completion %, classification code, label).
        self.totals: dict[Decimal, tuple[Decimal, str, str]] = {}


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    """Equal and printed alike (Decimal("1.0") and Decimal("1") are equal but not the same)."""
    if a is b:
        return True
    return a is not None and b is not None and not a.compare_total(b)


def _indicator_score(
    indicator: _CompiledIndicator, self_value: Decimal | None, verified_value: Decimal | None
) -> IndicatorScore:
    """The score of an indicator with at least one of its values set."""
    points_of = indicator.points_of
    if verified_value is not None:
        effective = verified_value
        verified_points = points_of(verified_value)
        self_points = points_of(self_value) if self_value is not None else _ZERO_POINTS
    else:
        assert self_value is not None
        effective = self_value
        self_points = verified_points = points_of(self_value)
    return IndicatorScore(
        indicator.code,
        indicator.criterion_code,
        self_value,
        verified_value,
        effective,
        self_points,
        verified_points,
        indicator.max_points,
        True,
        indicator.is_gate and verified_points < indicator.max_points,
    )


def _total(compiled: _Compiled, memo: _Memo, total: Decimal) -> tuple[Decimal, str, str]:
    """Completion % of a framework total and its classification."""
    hit = memo.totals.get(total)
    if hit is not None:
        return hit
    completion = percent(total, compiled.max_total)
    # Validation guarantees a band at or below 0 %, so the loop always finds one.
    _, code, label = compiled.classification[-1]
    for min_percent, band_code, band_label in compiled.classification:
        if min_percent <= completion:
            code, label = band_code, band_label
            break
    result = (completion, code, label)
    if len(memo.totals) < _MEMO_LIMIT:
        memo.totals[total] = result
    return result


def _score(compiled: _Compiled, values: Mapping[str, EntryValues], memo: _Memo) -> Scorecard:
    # One piece on purpose: the hot path of a province recompute (tens of thousands of subjects),
    # where a call per indicator and attribute lookups in the loop cost measurably.
    get = values.get
    add = _CTX.add
    limit = _MEMO_LIMIT
    indicator_scores: list[IndicatorScore] = []
    append = indicator_scores.append
    criterion_scores: list[CriterionScore] = []
    failed_gates: list[str] = []
    answered_count = 0
    self_total = verified_total = _ZERO_POINTS
    for criterion, criterion_memo, indicator_memos in zip(
        compiled.criteria, memo.criteria, memo.indicators, strict=True
    ):
        self_sum = verified_sum = _ZERO_POINTS
        for indicator, indicator_memo in zip(criterion.indicators, indicator_memos, strict=True):
            entry = get(indicator.code)
            if entry is None:
                item = indicator.unanswered
            else:
                self_value = entry.self_value
                verified_value = entry.verified_value
                if self_value is None and verified_value is None:
                    item = indicator.unanswered
                else:
                    key = (self_value, verified_value)
                    hit = indicator_memo.get(key)
                    if (
                        hit is not None
                        and _same(hit.self_value, self_value)
                        and _same(hit.verified_value, verified_value)
                    ):
                        item = hit
                    else:
                        item = _indicator_score(indicator, self_value, verified_value)
                        if hit is None and len(indicator_memo) < limit:
                            indicator_memo[key] = item
                    if indicator.required:
                        answered_count += 1
            if item.gate_failed:
                failed_gates.append(item.code)
            self_sum = add(self_sum, item.self_points)
            verified_sum = add(verified_sum, item.verified_points)
            append(item)
        sums = (self_sum, verified_sum)
        criterion_score = criterion_memo.get(sums)
        if criterion_score is None:
            criterion_score = CriterionScore(
                criterion.code,
                self_sum,
                verified_sum,
                criterion.max_points,
                percent(verified_sum, criterion.max_points),
            )
            if len(criterion_memo) < limit:
                criterion_memo[sums] = criterion_score
        criterion_scores.append(criterion_score)
        self_total = add(self_total, self_sum)
        verified_total = add(verified_total, verified_sum)
    completion, classification_code, classification_label = _total(compiled, memo, verified_total)
    return Scorecard(
        indicators=tuple(indicator_scores),
        criteria=tuple(criterion_scores),
        self_total=self_total,
        verified_total=verified_total,
        max_total=compiled.max_total,
        self_completion_percent=_total(compiled, memo, self_total)[0],
        completion_percent=completion,
        gap=_CTX.subtract(self_total, verified_total),
        answered_count=answered_count,
        required_count=compiled.required_count,
        data_completeness_percent=compiled.completeness[answered_count],
        classification_code=classification_code,
        classification_label=classification_label,
        failed_gates=tuple(failed_gates),
    )


def indicator_points(spec: IndicatorSpec, value: Decimal | None) -> Decimal:
    """The points ``value`` earns on ``spec``, rounded to 2 decimals half-up; 0 for ``None``.
    Raises :class:`ValueError` for an invalid spec."""
    problems = _indicator_problems(spec)
    if problems:
        raise ValueError("invalid indicator: " + "; ".join(problems))
    if value is None:
        return _ZERO_POINTS
    return _points_function(spec)(value)


def score(framework: FrameworkSpec, values: Mapping[str, EntryValues]) -> Scorecard:
    """The scorecard of one subject: ``values`` maps indicator codes to their entry values; an
    indicator missing from it, or with neither value set, is unanswered. Codes the framework does not
    know are ignored. Raises :class:`ValueError` for an invalid framework."""
    compiled = _compiled(framework)
    return _score(compiled, values, _Memo(compiled))


def score_many(
    framework: FrameworkSpec, values_by_subject: Mapping[K, Mapping[str, EntryValues]]
) -> dict[K, Scorecard]:
    """The scorecards of many subjects on one framework, keyed like ``values_by_subject``: the same
    result as :func:`score` for each, faster (equal indicator results are computed once and shared)."""
    compiled = _compiled(framework)
    memo = _Memo(compiled)
    return {subject: _score(compiled, values, memo) for subject, values in values_by_subject.items()}


def competition_rank(items: Sequence[tuple[K, Decimal]]) -> list[tuple[K, int]]:
    """Standard competition ranking ("1224") by descending value: equal values share a rank and the
    next value's rank skips the ties. The output is sorted by descending value; ties keep the input
    order."""
    ordered = sorted(items, key=itemgetter(1), reverse=True)  # sort is stable, also with reverse=True
    ranked: list[tuple[K, int]] = []
    previous: Decimal | None = None
    rank = 0
    for position, (key, value) in enumerate(ordered, start=1):
        if previous is None or value != previous:
            rank = position
            previous = value
        ranked.append((key, rank))
    return ranked
