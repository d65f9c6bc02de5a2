"""The eligibility engine on hand-built histories: each rule type passing and failing, consecutive
years across a gap, quota rounding, either-or rules, and the legal emulation titles of CATALOGUE.md
encoded as data."""

from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from thidua.awards.types.eligibility import (
    RULES,
    HeldAward,
    History,
    Member,
    OpenFlag,
    Quota,
    RecognisedInitiative,
    Round,
    YearScore,
    evaluate,
    quota_limit,
    rules_for_round,
    windows,
)
from thidua.demo.award_types import AWARD_TYPES

Y1, Y2, Y3, Y4 = "2025-2026", "2026-2027", "2027-2028", "2028-2029"
ANNUAL = Round(school_years=(Y1,), award_type_code="GK-XA-CN")
PHASE1 = Round(school_years=(Y1, Y2), award_type_code="BK-TINH-CN")


def excellent(completion: str = "95", **indicators: str) -> YearScore:
    return YearScore("excellent", D(completion), {k.replace("_", "."): D(v) for k, v in indicators.items()})


def good(completion: str = "80") -> YearScore:
    return YearScore("good", D(completion))


def run(rules: list[dict], rnd: Round, history: History, quota: Quota | None = None):  # type: ignore[no-untyped-def,type-arg]
    return evaluate(RULES.validate_python(rules), rnd, history, quota)


def only(rule: dict, rnd: Round, history: History, quota: Quota | None = None) -> tuple[bool, str]:  # type: ignore[type-arg]
    result = run([rule], rnd, history, quota)
    outcome = result.outcomes[0]
    assert result.eligible is outcome.passed
    return outcome.passed, outcome.reason


# --- Scorecard ----------------------------------------------------------------------------------


def test_minimum_classification_on_the_verified_scorecard_of_the_year() -> None:
    rule = {"kind": "scorecard", "min_classification": "good"}
    assert only(rule, ANNUAL, History(scores={Y1: excellent()}))[0]  # better than asked passes
    assert only(rule, ANNUAL, History(scores={Y1: good()}))[0]
    passed, reason = only(rule, ANNUAL, History(scores={Y1: YearScore("completed", D("60"))}))
    assert not passed and '"Hoàn thành tốt"' in reason and "60" in reason
    passed, reason = only(rule, ANNUAL, History(scores={Y2: excellent()}))  # another year does not count
    assert not passed and "chưa có bảng điểm đã xác nhận" in reason


def test_minimum_completion() -> None:
    rule = {"kind": "scorecard", "min_completion": "85"}
    assert only(rule, ANNUAL, History(scores={Y1: good("85.00")}))[0]
    assert not only(rule, ANNUAL, History(scores={Y1: good("84.99")}))[0]


def test_two_consecutive_years_within_the_phase() -> None:
    rule = {"kind": "scorecard", "min_classification": "excellent", "consecutive_years": 2}
    assert only(rule, PHASE1, History(scores={Y1: excellent(), Y2: excellent()}))[0]
    passed, reason = only(rule, PHASE1, History(scores={Y1: excellent(), Y2: good()}))
    assert not passed
    assert reason.startswith("Chưa đủ 2 năm học liên tục đạt")
    assert f"{Y1}: đạt" in reason and f'{Y2}: "Hoàn thành tốt"' in reason


def test_consecutive_years_across_a_gap_do_not_count() -> None:
    phase2 = Round(school_years=(Y2, Y3, Y4), award_type_code="BK-TINH-TT")
    rule = {"kind": "scorecard", "min_classification": "excellent", "consecutive_years": 2}
    gap = History(scores={Y2: excellent(), Y4: excellent()})  # Y3 missing
    assert not only(rule, phase2, gap)[0]
    assert only(rule, phase2, History(scores={Y3: excellent(), Y4: excellent()}))[0]


def test_an_annual_round_asking_two_years_looks_back_one_year() -> None:
    assert windows((Y2,), 2) == [[Y1, Y2]]
    assert windows((Y1, Y2, Y3), 2) == [[Y1, Y2], [Y2, Y3]]
    rule = {"kind": "scorecard", "min_classification": "excellent", "consecutive_years": 2}
    annual = Round(school_years=(Y2,), award_type_code="X")
    assert only(rule, annual, History(scores={Y1: excellent(), Y2: excellent()}))[0]
    assert not only(rule, annual, History(scores={Y2: excellent()}))[0]


# --- Initiatives --------------------------------------------------------------------------------


def test_recognised_initiatives_at_a_level_or_above() -> None:
    rule = {"kind": "initiatives", "min_count": 2, "min_level": "commune", "span": "round"}
    history = History(
        initiatives=(
            RecognisedInitiative(1, Y1, "unit"),  # below the level
            RecognisedInitiative(2, Y1, "commune"),
            RecognisedInitiative(3, Y2, "province"),  # above counts
        )
    )
    assert only(rule, PHASE1, history)[0]
    passed, reason = only({**rule, "span": "year"}, PHASE1, history)  # only Y2
    assert not passed and "1/2 sáng kiến" in reason and "cấp xã" in reason


def test_an_initiative_used_by_another_award_is_not_counted_again() -> None:
    rule = {"kind": "initiatives", "min_count": 1, "min_level": "unit", "span": "year"}
    used = History(initiatives=(RecognisedInitiative(1, Y1, "unit", used=True),))
    passed, reason = only(rule, ANNUAL, used)
    assert not passed and "đã dùng cho khen thưởng khác" in reason
    assert only(rule, ANNUAL, History(initiatives=(RecognisedInitiative(1, Y1, "unit"),)))[0]


# --- Awards held --------------------------------------------------------------------------------


def test_another_award_at_least_once_in_the_phase() -> None:
    rule = {"kind": "award_held", "award_type_code": "GK-XA-TT", "min_count": 1, "span": "round"}
    assert only(rule, PHASE1, History(awards=(HeldAward("GK-XA-TT", Y2),)))[0]
    assert not only(rule, PHASE1, History(awards=(HeldAward("GK-XA-TT", "2024-2025"),)))[0]
    assert not only(rule, PHASE1, History(awards=(HeldAward("GK-DV-CN", Y1),)))[0]


def test_the_same_award_n_consecutive_years_across_a_gap() -> None:
    rule = {"kind": "award_held", "min_count": 2, "consecutive": True, "span": "recent", "years": 3}
    rnd = Round(school_years=(Y3,), award_type_code="LDTT")
    gap = History(awards=(HeldAward("LDTT", Y1), HeldAward("LDTT", Y3)))
    passed, reason = only(rule, rnd, gap)
    assert not passed and "Chưa đủ 2 năm liên tục" in reason
    assert only(rule, rnd, History(awards=(HeldAward("LDTT", Y2), HeldAward("LDTT", Y3))))[0]


def test_themed_awards_are_no_basis_for_a_merit_based_award() -> None:
    rule = {"kind": "award_held", "award_type_code": "GK-XA-CN", "min_count": 1, "span": "year"}
    themed = History(awards=(HeldAward("GK-XA-CN", Y1, themed=True),))
    merit = Round(school_years=(Y1,), award_type_code="CSTD", merit_based=True)
    assert only(rule, ANNUAL, themed)[0]
    assert not only(rule, merit, themed)[0]
    assert only(rule, merit, History(awards=(HeldAward("GK-XA-CN", Y1, themed=False),)))[0]


# --- Indicator, flags, ratings, members ---------------------------------------------------------


def test_an_indicator_compared_with_a_number() -> None:
    rule = {"kind": "indicator", "indicator_code": "TC5.2", "op": "eq", "value": "0"}
    assert only(rule, ANNUAL, History(scores={Y1: excellent(TC5_2="0")}))[0]
    passed, reason = only(rule, ANNUAL, History(scores={Y1: excellent(TC5_2="1")}))
    assert not passed and "TC5.2 = 1" in reason
    assert not only(rule, ANNUAL, History(scores={Y1: excellent()}))[0]  # no value: not proven


def test_no_open_flag_of_a_kind_and_severity() -> None:
    rule = {"kind": "no_open_flag", "flag_kind": "disciplinary"}
    assert only(rule, ANNUAL, History())[0]
    assert only(rule, ANNUAL, History(open_flags=(OpenFlag("security_incident"),)))[0]
    passed, reason = only(rule, ANNUAL, History(open_flags=(OpenFlag("disciplinary", "reprimand"),)))
    assert not passed and "kỷ luật" in reason
    warning_up = {**rule, "min_severity": "warning"}
    assert only(warning_up, ANNUAL, History(open_flags=(OpenFlag("disciplinary", "reprimand"),)))[0]
    assert not only(warning_up, ANNUAL, History(open_flags=(OpenFlag("disciplinary", "warning"),)))[0]


def test_staff_rating_at_a_level_or_better() -> None:
    rule = {"kind": "staff_rating", "min_rating": "good"}
    assert only(rule, ANNUAL, History(ratings={Y1: "excellent"}))[0]
    passed, reason = only(rule, ANNUAL, History(ratings={Y1: "completed"}))
    assert not passed and "Hoàn thành nhiệm vụ" in reason
    assert not only(rule, ANNUAL, History())[0]


def test_a_heads_school_classification_in_consecutive_years() -> None:
    rule = {"kind": "headed_school", "min_classification": "good", "consecutive_years": 2}
    passed, reason = only(rule, PHASE1, History(headed_school={Y1: "excellent", Y2: "good"}))
    assert passed and "2025-2026, 2026-2027" in reason
    passed, reason = only(rule, PHASE1, History(headed_school={Y1: "completed", Y2: "excellent"}))
    assert not passed and '2025-2026: "Hoàn thành"' in reason and "2026-2027" not in reason.split("(")[1]
    passed, reason = only(rule, PHASE1, History(headed_school={Y2: "excellent"}))
    assert not passed and "2025-2026: chưa có kết quả" in reason
    passed, reason = only(rule, PHASE1, History(ratings={Y1: "excellent"}))  # not a head
    assert not passed and "Không phải người đứng đầu" in reason


def test_members_share_more_than_and_at_least() -> None:
    members = (*tuple(Member(awards=(HeldAward("LDTT", Y1),)) for _ in range(2)), Member(), Member())
    more_than_half = {"kind": "members", "award_type_code": "LDTT", "min_percent": "50", "more_than": True}
    passed, reason = only(more_than_half, ANNUAL, History(members=members))
    assert not passed and "2/4 thành viên" in reason and "50.00%" in reason
    at_least_half = {**more_than_half, "more_than": False}
    assert only(at_least_half, ANNUAL, History(members=members))[0]
    one_member = {"kind": "members", "award_type_code": "LDTT", "min_count": 3}
    assert not only(one_member, ANNUAL, History(members=members))[0]


def test_any_of_passes_when_one_option_holds() -> None:
    rule = {
        "kind": "any_of",
        "rules": [
            {"kind": "initiatives", "min_count": 1, "min_level": "unit", "span": "year"},
            {"kind": "initiatives", "min_count": 1, "initiative_kinds": ["research"], "span": "year"},
        ],
    }
    research = History(initiatives=(RecognisedInitiative(1, Y1, "unit", kind="research"),))
    assert only(rule, ANNUAL, research)[0]
    passed, reason = only(rule, ANNUAL, History())
    assert not passed and reason.startswith("Chưa đạt điều kiện nào")


# --- Quota --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "base", "limit"),
    [("30", 10, 3), ("30", 7, 2), ("10", 5, 1), ("10", 9, 1), ("10", 150, 15), ("30", 0, 0), ("0", 4, 1)],
)
def test_quota_rounds_down_but_never_below_one(percent: str, base: int, limit: int) -> None:
    assert quota_limit(D(percent), base) == limit


def test_quota_counts_slots_already_approved() -> None:
    rule = {"kind": "quota", "percent": "30", "of": "unit_staff"}
    passed, reason = only(rule, ANNUAL, History(), Quota({"unit_staff": 7}, {"unit_staff": 1}))
    assert passed and "2 suất" in reason
    passed, reason = only(rule, ANNUAL, History(), Quota({"unit_staff": 7}, {"unit_staff": 2}))
    assert not passed and reason.startswith("Vượt hạn mức")


# --- The catalogue as data ----------------------------------------------------------------------


def test_every_rule_outcome_is_reported_in_order_and_all_must_pass() -> None:
    gk_xa_cn = next(t for t in AWARD_TYPES if t["code"] == "GK-XA-CN")
    history = History(scores={Y1: excellent()}, initiatives=(RecognisedInitiative(1, Y1, "unit"),))
    quota = Quota({"commune_staff": 150}, {"commune_staff": 3})
    result = run(gk_xa_cn["rules"], ANNUAL, history, quota)
    assert result.eligible and [o.kind for o in result.outcomes] == [
        "scorecard",
        "initiatives",
        "no_open_flag",
        "quota",
    ]
    flagged = History(scores={Y1: excellent()}, open_flags=(OpenFlag("disciplinary", "reprimand"),))
    result = run(gk_xa_cn["rules"], ANNUAL, flagged, quota)
    assert not result.eligible
    assert [o.passed for o in result.outcomes] == [True, False, False, True]


LEGAL_TITLES = {
    "Lao động tiên tiến": [
        {"kind": "staff_rating", "min_rating": "good"},
        {"kind": "scorecard", "min_classification": "completed"},
        {"kind": "no_open_flag", "flag_kind": "disciplinary"},
    ],
    "Chiến sĩ thi đua cơ sở": [
        {"kind": "award_held", "award_type_code": "LDTT", "span": "year"},
        {
            "kind": "any_of",
            "rules": [
                {"kind": "initiatives", "min_level": "unit", "span": "year"},
                {"kind": "initiatives", "initiative_kinds": ["research"], "span": "year"},
            ],
        },
        {"kind": "quota", "percent": "15", "of": "unit_award_holders", "award_type_code": "LDTT"},
    ],
    "Tập thể lao động tiên tiến": [
        {"kind": "scorecard", "min_classification": "good"},
        {"kind": "members", "award_type_code": "LDTT", "min_percent": "50", "more_than": True},
        {"kind": "no_open_flag", "flag_kind": "disciplinary", "min_severity": "warning", "of_members": True},
    ],
    "Tập thể lao động xuất sắc": [
        {"kind": "scorecard", "min_classification": "excellent"},
        {"kind": "members", "min_rating": "completed", "min_percent": "100"},
        {"kind": "members", "award_type_code": "LDTT", "min_percent": "70"},
        {"kind": "members", "award_type_code": "CSTDCS", "min_count": 1},
        {"kind": "no_open_flag", "flag_kind": "disciplinary", "min_severity": "warning", "of_members": True},
    ],
}


def test_the_legal_emulation_titles_are_expressible_as_data() -> None:
    rnd = Round(school_years=(Y1,), award_type_code="T")
    person = History(
        scores={Y1: good()},
        ratings={Y1: "good"},
        awards=(HeldAward("LDTT", Y1),),
        initiatives=(RecognisedInitiative(1, Y1, "unit"),),
    )
    assert run(LEGAL_TITLES["Lao động tiên tiến"], rnd, person).eligible
    quota = Quota({"unit_award_holders": 6}, {"unit_award_holders": 0})
    assert run(LEGAL_TITLES["Chiến sĩ thi đua cơ sở"], rnd, person, quota).eligible
    ldtt = Member(ratings={Y1: "good"}, awards=(HeldAward("LDTT", Y1),))
    star = Member(ratings={Y1: "excellent"}, awards=(HeldAward("LDTT", Y1), HeldAward("CSTDCS", Y1)))
    plain = Member(ratings={Y1: "completed"})
    school = History(scores={Y1: excellent()}, members=(ldtt, ldtt, star, plain))
    assert run(LEGAL_TITLES["Tập thể lao động tiên tiến"], rnd, school).eligible
    assert run(LEGAL_TITLES["Tập thể lao động xuất sắc"], rnd, school).eligible  # 3/4 = 75 % hold LĐTT
    warned = Member(ratings={Y1: "good"}, open_flags=(OpenFlag("disciplinary", "warning"),))
    result = run(
        LEGAL_TITLES["Tập thể lao động xuất sắc"],
        rnd,
        History(scores={Y1: excellent()}, members=(star, warned)),
    )
    assert [o.passed for o in result.outcomes] == [True, True, False, True, False]


def test_rules_are_validated_as_data() -> None:
    with pytest.raises(ValidationError):
        RULES.validate_python([{"kind": "scorecard", "consecutive_years": 0}])
    with pytest.raises(ValidationError):
        RULES.validate_python([{"kind": "quota", "percent": "130", "of": "eligible"}])
    with pytest.raises(ValidationError):
        RULES.validate_python([{"kind": "run_code", "source": "import os"}])


def test_an_ad_hoc_round_judges_the_deed_not_the_period() -> None:
    """Seed IV.5 "đột xuất": of an award type's rules only the conduct rules apply; the same person with
    no scorecard, no initiative and no quota left is eligible, but not with an open disciplinary flag."""
    rules = RULES.validate_python(next(t for t in AWARD_TYPES if t["code"] == "GK-XA-CN")["rules"])
    kept = rules_for_round(rules, "ad_hoc")
    assert [r.kind for r in kept] == ["no_open_flag"]
    assert rules_for_round(rules, "annual") == rules
    rnd = Round(school_years=(Y1,), award_type_code="GK-XA-CN")
    assert evaluate(kept, rnd, History()).eligible is True
    flagged = History(open_flags=(OpenFlag("disciplinary", "reprimand"),))
    assert evaluate(kept, rnd, flagged).eligible is False
    assert evaluate(rules, rnd, History()).eligible is False  # the year-end round asks for the results
