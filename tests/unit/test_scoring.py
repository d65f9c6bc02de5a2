"""The scoring engine (DESIGN.md §5) against hand-computed expectations and random properties."""

from decimal import ROUND_DOWN, Decimal, localcontext
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fixtures.scoring_catalogue import (
    INDIVIDUAL_INDICATORS,
    INSTITUTION_INDICATORS,
    individual_framework,
    institution_framework,
)
from thidua.scoring.engine import (
    DEFAULT_CLASSIFICATION,
    Band,
    ClassificationBand,
    CriterionSpec,
    EntryValues,
    FrameworkSpec,
    IndicatorKind,
    IndicatorRule,
    IndicatorSpec,
    classify,
    competition_rank,
    criteria_from_indicators,
    indicator_points,
    score,
    score_many,
    validate_framework,
)

D = Decimal
SPECS = {spec.code: spec for spec in INSTITUTION_INDICATORS + INDIVIDUAL_INDICATORS}


def spec(
    kind: IndicatorKind = "count",
    rule: IndicatorRule = "proportional",
    max_points: str = "5",
    target: str | None = "8",
    **extra: object,
) -> IndicatorSpec:
    return IndicatorSpec(
        code="X.1",
        criterion_code="X",
        kind=kind,
        rule=rule,
        max_points=D(max_points),
        target=None if target is None else D(target),
        **extra,  # type: ignore[arg-type]
    )


def points(indicator: IndicatorSpec, value: str | None) -> str:
    """Points as a string, so that the 2-decimal representation is checked too."""
    return str(indicator_points(indicator, None if value is None else D(value)))


# --- Indicator rules -------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["threshold", "proportional", "bands"])
@pytest.mark.parametrize(("value", "expected"), [("0", "0.00"), ("1", "8.00")])
def test_boolean_is_max_times_value_whatever_the_rule(rule: IndicatorRule, value: str, expected: str) -> None:
    assert points(spec("boolean", rule, "8", "1"), value) == expected
    assert points(SPECS["TC1.1"], value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("63", "4.41"), ("0", "0.00"), ("100", "7.00"), ("120", "7.00"), ("99.99", "7.00"), ("-5", "0.00")],
)
def test_percent_proportional(value: str, expected: str) -> None:
    # TC1.2: 7 points, target 100 %; 7 × 63 / 100 = 4.41; 7 × 99.99 / 100 = 6.9993 → 7.00.
    assert points(SPECS["TC1.2"], value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("7", "2.10"), ("20", "6.00"), ("25", "6.00"), ("1", "0.30")]
)
def test_count_proportional(value: str, expected: str) -> None:
    # TC2.3: 6 points, target 20 items; 6 × 7 / 20 = 2.1.
    assert points(SPECS["TC2.3"], value) == expected


@pytest.mark.parametrize(
    ("max_points", "target", "value", "expected"),
    [
        ("5", "8", "1", "0.63"),  # 0.625: half-up → 0.63 (banker's rounding would give 0.62)
        ("1", "8", "1", "0.13"),  # 0.125: half-up → 0.13 (banker's rounding would give 0.12)
        ("7", "8", "1", "0.88"),  # 0.875 → 0.88 either way
        ("10", "3", "1", "3.33"),  # 3.333… rounds down
        ("10", "3", "2", "6.67"),  # 6.666… rounds up
        # 0.21 × 25 / 70 = 0.075 exactly → 0.08; dividing first (25 / 70 = 0.357142…) gives 0.0749… → 0.07
        ("0.21", "70", "25", "0.08"),
    ],
)
def test_proportional_rounds_half_up_to_two_decimals(
    max_points: str, target: str, value: str, expected: str
) -> None:
    assert points(spec("count", "proportional", max_points, target), value) == expected


def test_rounding_does_not_depend_on_the_callers_decimal_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = ROUND_DOWN
        assert points(spec("count", "proportional", "5", "8"), "1") == "0.63"
        assert points(spec("count", "proportional", "10", "3"), "2") == "6.67"


@pytest.mark.parametrize(
    ("value", "expected"), [("2", "5.00"), ("3", "5.00"), ("1.99", "0.00"), ("0", "0.00")]
)
def test_threshold_higher_is_better(value: str, expected: str) -> None:
    assert points(spec("count", "threshold", "5", "2"), value) == expected


@pytest.mark.parametrize(("value", "expected"), [("1", "25.00"), ("3", "25.00"), ("0", "0.00")])
def test_threshold_count_cn11(value: str, expected: str) -> None:
    assert points(SPECS["CN1.1"], value) == expected


@pytest.mark.parametrize(("value", "expected"), [("0", "6.00"), ("1", "0.00"), ("5", "0.00")])
def test_threshold_lower_is_better_tc52(value: str, expected: str) -> None:
    assert points(SPECS["TC5.2"], value) == expected


def test_threshold_lower_is_better_at_and_around_a_nonzero_target() -> None:
    lower = spec("count", "threshold", "4", "2", direction="lower")
    assert [points(lower, v) for v in ("1", "2", "2.01", "3")] == ["4.00", "4.00", "0.00", "0.00"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "0.00"), ("1", "3.00"), ("1.5", "3.00"), ("2", "6.00"), ("3", "6.00"), ("-1", "0.00")],
)
def test_bands_tc22(value: str, expected: str) -> None:
    assert points(SPECS["TC2.2"], value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", "0.00"), ("0.99", "0.00"), ("1", "5.00"), ("2", "12.00"), ("2.5", "12.00"), ("3", "20.00")],
)
def test_bands_cn12_below_at_and_between_edges(value: str, expected: str) -> None:
    assert points(SPECS["CN1.2"], value) == expected


def test_bands_given_out_of_order_are_sorted() -> None:
    shuffled = spec(
        "level", "bands", "20", "3", bands=(Band(D(3), D(20)), Band(D(1), D(5)), Band(D(2), D(12)))
    )
    assert [points(shuffled, v) for v in ("0", "1", "2", "3")] == ["0.00", "5.00", "12.00", "20.00"]


@pytest.mark.parametrize("code", ["TC1.1", "TC1.2", "TC2.2", "TC5.2", "CN1.2"])
def test_missing_value_scores_zero(code: str) -> None:
    assert points(SPECS[code], None) == "0.00"


@pytest.mark.parametrize(
    "bad",
    [
        spec("count", "proportional", "5", None),
        spec("count", "proportional", "5", "0"),
        spec("count", "proportional", "5", "8", direction="lower"),
        spec("count", "threshold", "5", None),
        spec("level", "bands", "5", "2"),
        spec("level", "bands", "5", "2", bands=(Band(D(1), D(6)),)),
        spec("level", "bands", "5", "2", bands=(Band(D(1), D(2)), Band(D(1), D(3)))),
        spec("level", "bands", "5", "2", bands=(Band(D(1), D(2)),), direction="lower"),
        spec("count", "proportional", "-1", "8"),
    ],
)
def test_invalid_indicator_is_refused(bad: IndicatorSpec) -> None:
    with pytest.raises(ValueError, match="invalid indicator"):
        indicator_points(bad, D(1))


# --- Catalogue ------------------------------------------------------------------------------------


def test_catalogue_frameworks_are_valid_and_total_100() -> None:
    institution, individual = institution_framework(), individual_framework()
    validate_framework(institution)
    validate_framework(individual)
    assert [(c.code, c.max_points) for c in institution.criteria] == [
        ("TC1", 25),
        ("TC2", 25),
        ("TC3", 20),
        ("TC4", 15),
        ("TC5", 15),
    ]
    assert [(c.code, c.max_points) for c in individual.criteria] == [("CN1", 45), ("CN2", 25), ("CN3", 30)]
    assert len(institution.indicators) == 17 and len(individual.indicators) == 7
    assert score(institution, {}).max_total == 100 and score(individual, {}).max_total == 100


# --- A whole institution scorecard ----------------------------------------------------------------


def ev(self_value: str | None, verified_value: str | None = None) -> EntryValues:
    return EntryValues(
        None if self_value is None else D(self_value), None if verified_value is None else D(verified_value)
    )


SCHOOL_VALUES = {
    "TC1.1": ev("1", "0"),  # self 8.00, verified 0.00 — gate failed
    "TC1.2": ev("63"),  # 4.41
    "TC1.3": ev("90", "80"),  # self 4.50, verified 4.00
    "TC1.4": ev("1"),  # 5.00          TC1: self 21.91, verified 13.41 / 25 = 53.64 %
    "TC2.1": ev("85"),  # 5.95
    "TC2.2": ev("1"),  # 3.00
    "TC2.3": ev("7"),  # 2.10
    # TC2.4 missing: 0.00, unanswered  TC2: 11.05 / 25 = 44.20 %
    "TC3.1": ev("1"),  # 3.33
    "TC3.2": ev("1"),  # 5.00
    "TC3.3": ev("3"),  # 5.00 (capped)  TC3: 13.33 / 20 = 66.65 %
    "TC4.1": ev("75"),  # 6.00
    "TC4.2": ev(None, "1"),  # verified only: 2.00 verified, 0.00 self, answered
    "TC4.3": ev(None),  # present but empty: 0.00, unanswered   TC4: 8.00 / 15 = 53.33 % (self 6.00)
    "TC5.1": ev("1"),  # 5.00
    "TC5.2": ev("1"),  # 0.00 — gate failed
    "TC5.3": ev("2"),  # 4.00           TC5: 9.00 / 15 = 60.00 %
    "ZZ9.9": ev("1"),  # unknown code: ignored
}


def test_institution_scorecard_by_hand() -> None:
    card = score(institution_framework(), SCHOOL_VALUES)
    criteria = {
        c.code: (str(c.self_points), str(c.verified_points), c.max_points, str(c.completion_percent))
        for c in card.criteria
    }
    assert criteria == {
        "TC1": ("21.91", "13.41", 25, "53.64"),
        "TC2": ("11.05", "11.05", 25, "44.20"),
        "TC3": ("13.33", "13.33", 20, "66.65"),
        "TC4": ("6.00", "8.00", 15, "53.33"),
        "TC5": ("9.00", "9.00", 15, "60.00"),
    }
    assert str(card.verified_total) == "54.79"
    assert str(card.self_total) == "61.29"  # 21.91 + 11.05 + 13.33 + 6.00 + 9.00
    assert card.max_total == 100
    assert str(card.completion_percent) == "54.79"
    assert str(card.self_completion_percent) == "61.29"
    assert str(card.gap) == "6.50"  # 8.00 (TC1.1) + 0.50 (TC1.3) − 2.00 (TC4.2, verified only)
    assert (card.classification_code, card.classification_label) == ("completed", "Hoàn thành")
    assert (card.answered_count, card.required_count) == (15, 17)
    assert str(card.data_completeness_percent) == "88.24"  # 15 / 17 = 88.235…
    assert card.failed_gates == ("TC1.1", "TC5.2")


def test_institution_scorecard_indicator_details() -> None:
    card = score(institution_framework(), SCHOOL_VALUES)
    assert [i.code for i in card.indicators] == [s.code for s in INSTITUTION_INDICATORS]
    by_code = {i.code: i for i in card.indicators}
    tc13 = by_code["TC1.3"]
    assert (tc13.self_value, tc13.verified_value, tc13.effective_value) == (90, 80, 80)
    assert (str(tc13.self_points), str(tc13.verified_points), tc13.max_points) == ("4.50", "4.00", 5)
    assert tc13.answered and not tc13.gate_failed and tc13.criterion_code == "TC1"
    assert by_code["TC1.1"].gate_failed and by_code["TC5.2"].gate_failed
    tc24, tc43, tc42 = by_code["TC2.4"], by_code["TC4.3"], by_code["TC4.2"]
    assert not tc24.answered and tc24.effective_value is None and str(tc24.verified_points) == "0.00"
    assert not tc43.answered
    assert tc42.answered and tc42.effective_value == 1 and str(tc42.self_points) == "0.00"


def test_gates_pass_when_met_and_missing_gate_fails() -> None:
    met = score(institution_framework(), {"TC1.1": ev("1"), "TC5.2": ev("0")})
    assert met.failed_gates == ()
    missing = score(institution_framework(), {"TC1.1": ev("1")})
    assert missing.failed_gates == ("TC5.2",)
    # The gate reads the verified value: a verified 0 incidents clears a self-reported incident.
    cleared = score(institution_framework(), {"TC1.1": ev("1"), "TC5.2": ev("1", "0")})
    assert cleared.failed_gates == ()


def test_full_marks_are_excellent_and_empty_is_not_completed() -> None:
    full = {
        "TC1.1": ev("1"), "TC1.2": ev("100"), "TC1.3": ev("100"), "TC1.4": ev("1"),
        "TC2.1": ev("100"), "TC2.2": ev("2"), "TC2.3": ev("20"), "TC2.4": ev("100"),
        "TC3.1": ev("3"), "TC3.2": ev("1"), "TC3.3": ev("2"),
        "TC4.1": ev("100"), "TC4.2": ev("2"), "TC4.3": ev("1"),
        "TC5.1": ev("1"), "TC5.2": ev("0"), "TC5.3": ev("2"),
    }  # fmt: skip
    card = score(institution_framework(), full)
    assert (str(card.verified_total), str(card.completion_percent)) == ("100.00", "100.00")
    assert card.classification_code == "excellent" and card.failed_gates == () and card.gap == 0
    assert str(card.data_completeness_percent) == "100.00"
    empty = score(institution_framework(), {})
    assert str(empty.verified_total) == "0.00" and str(empty.completion_percent) == "0.00"
    assert empty.classification_code == "not_completed"
    assert empty.answered_count == 0 and str(empty.data_completeness_percent) == "0.00"
    assert empty.failed_gates == ("TC1.1", "TC5.2")


def test_individual_scorecard_by_hand() -> None:
    values = {
        "CN1.1": ev("1"),  # 25.00
        "CN1.2": ev("3", "2"),  # self 20.00, verified 12.00
        "CN2.1": ev("1"),  # 7.50
        "CN2.2": ev("0"),  # 0.00
        "CN3.1": ev("1"),  # 10.00
        "CN3.2": ev("2"),  # 8.00
        "CN3.3": ev("1"),  # 8.00
    }
    card = score(individual_framework(), values)
    assert [(c.code, str(c.verified_points), str(c.completion_percent)) for c in card.criteria] == [
        ("CN1", "37.00", "82.22"),  # 37 / 45 = 82.222…
        ("CN2", "7.50", "30.00"),
        ("CN3", "26.00", "86.67"),  # 26 / 30 = 86.666…
    ]
    assert (str(card.self_total), str(card.verified_total), str(card.gap)) == ("78.50", "70.50", "8.00")
    assert card.classification_code == "good" and card.failed_gates == ()
    assert str(card.data_completeness_percent) == "100.00"


def test_optional_indicators_do_not_count_for_completeness() -> None:
    indicators = (
        IndicatorSpec("A.1", "A", "boolean", "threshold", D(5), D(1)),
        IndicatorSpec("A.2", "A", "boolean", "threshold", D(5), D(1), required=False),
    )
    framework = FrameworkSpec(criteria_from_indicators(indicators), indicators)
    card = score(framework, {"A.1": ev("1")})
    assert (card.answered_count, card.required_count, str(card.data_completeness_percent)) == (1, 1, "100.00")
    card = score(framework, {"A.2": ev("1")})
    assert (card.answered_count, card.required_count, str(card.data_completeness_percent)) == (0, 1, "0.00")
    nothing_required = FrameworkSpec(criteria_from_indicators(indicators[1:]), indicators[1:])
    assert str(score(nothing_required, {}).data_completeness_percent) == "100.00"


def test_zero_max_criterion_has_zero_completion() -> None:
    indicators = (IndicatorSpec("A.1", "A", "boolean", "threshold", D(0), D(1)),)
    card = score(FrameworkSpec(criteria_from_indicators(indicators), indicators), {"A.1": ev("1")})
    assert str(card.criteria[0].completion_percent) == "0.00" and str(card.completion_percent) == "0.00"


def test_invalid_framework_is_refused() -> None:
    indicators = INSTITUTION_INDICATORS
    wrong_max = FrameworkSpec(
        criteria=tuple(CriterionSpec(c.code, c.name, D(20)) for c in criteria_from_indicators(indicators)),
        indicators=indicators,
    )
    with pytest.raises(ValueError, match="TC1: max_points 20"):
        score(wrong_max, {})
    unknown_criterion = FrameworkSpec(criteria=(), indicators=indicators[:1])
    with pytest.raises(ValueError, match="unknown criterion"):
        score(unknown_criterion, {})
    no_floor = FrameworkSpec(
        criteria_from_indicators(indicators), indicators, (ClassificationBand(D(50), "ok", "OK"),)
    )
    with pytest.raises(ValueError, match="min_percent ≤ 0"):
        score(no_floor, {})


def test_score_many_matches_score() -> None:
    framework = institution_framework()
    subjects = {"A": SCHOOL_VALUES, "B": {}, "C": {"TC1.1": ev("1")}}
    cards = score_many(framework, subjects)
    assert list(cards) == ["A", "B", "C"]
    assert all(cards[key] == score(framework, values) for key, values in subjects.items())


def test_score_many_keeps_each_subjects_values_as_given() -> None:
    # Equal values in another representation must not leak from one subject's result into another's.
    framework = individual_framework()
    subjects = {
        "A": {"CN3.2": EntryValues(D("1.0")), "CN2.1": EntryValues(D("2"), D("1.50"))},
        "B": {"CN3.2": EntryValues(D("1")), "CN2.1": EntryValues(D("2"), D("1.5"))},
        "C": {"CN3.2": EntryValues(D("1")), "CN2.1": EntryValues(D("2.00"), D("1.5"))},
    }
    cards = score_many(framework, subjects)
    shown = {
        key: [(str(i.self_value), str(i.verified_value), str(i.effective_value)) for i in card.indicators
              if i.code in ("CN2.1", "CN3.2")]
        for key, card in cards.items()
    }  # fmt: skip
    assert shown == {
        "A": [("2", "1.50", "1.50"), ("1.0", "None", "1.0")],
        "B": [("2", "1.5", "1.5"), ("1", "None", "1")],
        "C": [("2.00", "1.5", "1.5"), ("1", "None", "1")],
    }
    # 15 × 1.5 / 2 = 11.25; 12 × 1 / 3 = 4.00
    assert {str(card.verified_total) for card in cards.values()} == {"15.25"}


# --- Classification -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completion", "code"),
    [
        ("100", "excellent"),
        ("90.00", "excellent"),
        ("89.99", "good"),
        ("70", "good"),
        ("69.99", "completed"),
        ("50", "completed"),
        ("49.99", "not_completed"),
        ("0", "not_completed"),
    ],
)
def test_classification_band_edges(completion: str, code: str) -> None:
    assert classify(D(completion)).code == code
    # The same edge through a whole scorecard: one indicator worth 100 points, proportional to 100.
    indicators = (IndicatorSpec("A.1", "A", "percent", "proportional", D(100), D(100)),)
    framework = FrameworkSpec(criteria_from_indicators(indicators), indicators)
    card = score(framework, {"A.1": ev(completion)})
    assert card.completion_percent == D(completion) and card.classification_code == code


def test_classification_is_configurable_per_framework() -> None:
    bands = (ClassificationBand(D(0), "low", "Thấp"), ClassificationBand(D(60), "high", "Cao"))
    indicators = (IndicatorSpec("A.1", "A", "percent", "proportional", D(10), D(100)),)
    framework = FrameworkSpec(criteria_from_indicators(indicators), indicators, bands)
    assert score(framework, {"A.1": ev("60")}).classification_label == "Cao"
    assert score(framework, {"A.1": ev("59.9")}).classification_label == "Thấp"
    assert [band.label for band in DEFAULT_CLASSIFICATION] == [
        "Hoàn thành xuất sắc",
        "Hoàn thành tốt",
        "Hoàn thành",
        "Chưa hoàn thành",
    ]


# --- Ranking --------------------------------------------------------------------------------------


def test_competition_ranking_shares_ranks_and_skips() -> None:
    items = [("a", D(90)), ("b", D(80)), ("c", D(80)), ("d", D(70))]
    assert competition_rank(items) == [("a", 1), ("b", 2), ("c", 2), ("d", 4)]


def test_competition_ranking_sorts_descending_and_keeps_input_order_of_ties() -> None:
    items = [("d", D("70.00")), ("c", D(80)), ("a", D(90)), ("b", D("80.0"))]
    assert competition_rank(items) == [("a", 1), ("c", 2), ("b", 2), ("d", 4)]


def test_competition_ranking_all_equal_and_empty() -> None:
    assert competition_rank([("x", D(5)), ("y", D(5)), ("z", D(5))]) == [("x", 1), ("y", 1), ("z", 1)]
    assert competition_rank([]) == []


# --- Properties -----------------------------------------------------------------------------------

decimals = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.01"), max_value=1000, places=2, allow_nan=False, allow_infinity=False)
values = st.one_of(st.none(), decimals)


@st.composite
def higher_is_better_specs(draw: st.DrawFn) -> IndicatorSpec:
    kind: IndicatorKind = draw(st.sampled_from(get_args(IndicatorKind)))
    rule: IndicatorRule = draw(st.sampled_from(get_args(IndicatorRule)))
    max_points = draw(st.decimals(min_value=0, max_value=100, places=2))
    bands: tuple[Band, ...] = ()
    if rule == "bands":
        mins = sorted(draw(st.sets(decimals, min_size=1, max_size=5)))
        band_points = sorted(
            draw(
                st.lists(
                    st.decimals(min_value=0, max_value=max_points, places=2),
                    min_size=len(mins),
                    max_size=len(mins),
                )
            )
        )
        bands = tuple(Band(low, pts) for low, pts in zip(mins, band_points, strict=True))
    return IndicatorSpec(
        code="P.1", criterion_code="P", kind=kind, rule=rule, max_points=max_points,
        target=draw(positive), bands=bands,
    )  # fmt: skip


@st.composite
def any_specs(draw: st.DrawFn) -> IndicatorSpec:
    base = draw(higher_is_better_specs())
    if base.rule == "threshold" and draw(st.booleans()):
        return IndicatorSpec(base.code, base.criterion_code, base.kind, base.rule, base.max_points,
                             draw(decimals), direction="lower")  # fmt: skip
    return base


def _value_for(indicator: IndicatorSpec, value: Decimal) -> Decimal:
    return min(value, D(1)).to_integral_value() if indicator.kind == "boolean" else value


@settings(max_examples=300, deadline=None)
@given(any_specs(), values)
def test_points_stay_between_zero_and_max(indicator: IndicatorSpec, value: Decimal | None) -> None:
    result = indicator_points(indicator, None if value is None else _value_for(indicator, value))
    assert 0 <= result <= indicator.max_points
    assert result == result.quantize(D("0.01"))


@settings(max_examples=300, deadline=None)
@given(higher_is_better_specs(), decimals, decimals)
def test_points_never_fall_as_the_value_rises(indicator: IndicatorSpec, a: Decimal, b: Decimal) -> None:
    low, high = sorted((_value_for(indicator, a), _value_for(indicator, b)))
    assert indicator_points(indicator, low) <= indicator_points(indicator, high)


@st.composite
def frameworks_and_values(draw: st.DrawFn) -> tuple[FrameworkSpec, dict[str, EntryValues]]:
    specs = draw(st.lists(any_specs(), min_size=1, max_size=8))
    indicators = tuple(
        IndicatorSpec(f"C{i % 3}.{i}", f"C{i % 3}", s.kind, s.rule, s.max_points, s.target, s.direction,
                      s.bands, is_gate=draw(st.booleans()), required=draw(st.booleans()))
        for i, s in enumerate(specs)
    )  # fmt: skip
    entries: dict[str, EntryValues] = {}
    for indicator in indicators:
        self_value, verified_value = draw(values), draw(values)
        if draw(st.booleans()):
            entries[indicator.code] = EntryValues(
                None if self_value is None else _value_for(indicator, self_value),
                None if verified_value is None else _value_for(indicator, verified_value),
            )
    return FrameworkSpec(criteria_from_indicators(indicators), indicators), entries


@settings(max_examples=200, deadline=None)
@given(frameworks_and_values())
def test_scorecard_totals_are_sums_and_percents_are_bounded(
    case: tuple[FrameworkSpec, dict[str, EntryValues]],
) -> None:
    framework, entries = case
    card = score(framework, entries)
    assert score_many(framework, {"a": entries, "b": entries})["b"] == card
    assert card.verified_total == sum(c.verified_points for c in card.criteria)
    assert card.self_total == sum(c.self_points for c in card.criteria)
    assert card.gap == card.self_total - card.verified_total
    assert card.max_total == sum(i.max_points for i in framework.indicators)
    for criterion in card.criteria:
        assert criterion.verified_points == sum(
            i.verified_points for i in card.indicators if i.criterion_code == criterion.code
        )
        assert 0 <= criterion.completion_percent <= 100
    for percent_value in (
        card.completion_percent,
        card.self_completion_percent,
        card.data_completeness_percent,
    ):
        assert 0 <= percent_value <= 100
    assert 0 <= card.answered_count <= card.required_count
    assert set(card.failed_gates) == {i.code for i in card.indicators if i.gate_failed}
    assert card.classification_code == classify(card.completion_percent).code
