"""The eligibility engine: pure functions from a subject's history and a round to every rule's outcome
with a Vietnamese reason. No database here: awards/nominations/history.py gathers the history."""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import TypeAdapter

from thidua.awards.types.rules import (
    AnyOfRule,
    AwardHeldRule,
    HeadedSchoolRule,
    IndicatorRule,
    InitiativesRule,
    MembersRule,
    NoOpenFlagRule,
    QuotaRule,
    Rule,
    ScorecardRule,
    StaffRatingRule,
)
from thidua.conduct.models import (
    DISCIPLINE_SEVERITY_LABELS_VI,
    FLAG_KIND_LABELS_VI,
    SEVERITY_RANK,
    STAFF_RATING_LABELS_VI,
    STAFF_RATING_RANK,
    DisciplineSeverity,
    StaffRatingValue,
)
from thidua.initiatives.models import RECOGNITION_LEVEL_LABELS_VI, RECOGNITION_RANK, RecognitionLevel
from thidua.scoring.engine import DEFAULT_CLASSIFICATION

RULES = TypeAdapter(list[Rule])


@dataclass(frozen=True)
class YearScore:
    """A verified scorecard of one school year."""

    classification_code: str
    completion_percent: Decimal
    indicator_values: Mapping[str, Decimal | None] = field(default_factory=dict)


@dataclass(frozen=True)
class HeldAward:
    award_type_code: str | None
    school_year: str
    themed: bool = True


@dataclass(frozen=True)
class RecognisedInitiative:
    id: int
    school_year: str
    level: str
    kind: str = "initiative"
    used: bool = False  # already cited by another award's decision


@dataclass(frozen=True)
class OpenFlag:
    kind: str
    severity: str | None = None


@dataclass(frozen=True)
class Member:
    ratings: Mapping[str, str] = field(default_factory=dict)
    awards: tuple[HeldAward, ...] = ()
    open_flags: tuple[OpenFlag, ...] = ()


@dataclass(frozen=True)
class History:
    scores: Mapping[str, YearScore] = field(default_factory=dict)
    awards: tuple[HeldAward, ...] = ()
    initiatives: tuple[RecognisedInitiative, ...] = ()
    open_flags: tuple[OpenFlag, ...] = ()
    ratings: Mapping[str, str] = field(default_factory=dict)
    members: tuple[Member, ...] = ()
    # For a head of school: the school's classification code per school year (None: not a head).
    headed_school: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Quota:
    """Sizes the quota rules need, by base kind: the base count, and the awards of this type already
    approved in the round within that base (this nomination excluded)."""

    bases: Mapping[str, int] = field(default_factory=dict)
    used: Mapping[str, int] = field(default_factory=dict)


# Scoring owns the classification bands; a subject without an active framework is classified by these.
DEFAULT_CLASSES = tuple((band.code, band.label) for band in DEFAULT_CLASSIFICATION)


@dataclass(frozen=True)
class Round:
    school_years: tuple[str, ...]  # chronological; the last is "the round's year"
    award_type_code: str
    merit_based: bool = False
    classes: tuple[tuple[str, str], ...] = DEFAULT_CLASSES  # (code, label), highest first

    @property
    def year(self) -> str:
        return self.school_years[-1]


@dataclass(frozen=True)
class Outcome:
    index: int
    kind: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    outcomes: tuple[Outcome, ...]


def previous_year(year: str) -> str:
    start = int(year[:4]) - 1
    return f"{start}-{start + 1}"


def years_ending(year: str, n: int) -> list[str]:
    """The n school years ending with `year`, oldest first."""
    out = [year]
    while len(out) < n:
        out.insert(0, previous_year(out[0]))
    return out


def windows(span: Sequence[str], n: int) -> list[list[str]]:
    """Runs of n consecutive school years inside the span; when the span is shorter than n, the single
    run ending with its last year (an annual round asking for 2 years looks back one year)."""
    if len(span) < n:
        return [years_ending(span[-1], n)]
    return [list(span[i : i + n]) for i in range(len(span) - n + 1)]


def _years_text(years: Sequence[str]) -> str:
    return ", ".join(years)


def _label(rnd: Round, code: str) -> str:
    return dict(rnd.classes).get(code, code)


def _class_rank(rnd: Round, code: str) -> int:
    codes = [c for c, _ in rnd.classes]
    return len(codes) - codes.index(code) if code in codes else 0


def _meets_score(rule: ScorecardRule, rnd: Round, score: YearScore | None) -> bool:
    if score is None:
        return False
    if rule.min_classification and _class_rank(rnd, score.classification_code) < _class_rank(
        rnd, rule.min_classification
    ):
        return False
    return not (rule.min_completion is not None and score.completion_percent < rule.min_completion)


def _threshold_text(rule: ScorecardRule, rnd: Round) -> str:
    parts = []
    if rule.min_classification:
        parts.append(f'xếp loại "{_label(rnd, rule.min_classification)}" trở lên')
    if rule.min_completion is not None:
        parts.append(f"mức hoàn thành từ {rule.min_completion}%")
    return " và ".join(parts) or "có bảng điểm đã xác nhận"


def check_scorecard(rule: ScorecardRule, rnd: Round, h: History) -> tuple[bool, str]:
    want = _threshold_text(rule, rnd)
    runs = windows(rnd.school_years, rule.consecutive_years)
    for run in runs:
        if all(_meets_score(rule, rnd, h.scores.get(y)) for y in run):
            return True, f"Đạt: {want} (bảng điểm đã xác nhận) năm học {_years_text(run)}."
    # Explain the most recent run year by year.
    run = runs[-1]
    details = []
    for y in run:
        score = h.scores.get(y)
        if score is None:
            details.append(f"{y}: chưa có bảng điểm đã xác nhận")
        elif _meets_score(rule, rnd, score):
            details.append(f"{y}: đạt")
        else:
            details.append(f'{y}: "{_label(rnd, score.classification_code)}", {score.completion_percent}%')
    if rule.consecutive_years > 1:
        head = f"Chưa đủ {rule.consecutive_years} năm học liên tục đạt {want}"
    else:
        head = f"Chưa đạt {want} năm học {run[-1]}"
    return False, f"{head} ({'; '.join(details)})."


def _span(rnd: Round, span: str, years: int | None) -> list[str]:
    if span == "year":
        return [rnd.year]
    if span == "recent":
        return years_ending(rnd.year, years or 1)
    return list(rnd.school_years)


def check_initiatives(rule: InitiativesRule, rnd: Round, h: History) -> tuple[bool, str]:
    span = set(_span(rnd, rule.span, None))
    kinds = {k.value for k in rule.initiative_kinds} if rule.initiative_kinds else None
    floor = RECOGNITION_RANK[rule.min_level]
    counted = [
        i
        for i in h.initiatives
        if i.school_year in span
        and RECOGNITION_RANK.get(RecognitionLevel(i.level), 0) >= floor
        and not i.used
        and (kinds is None or i.kind in kinds)
    ]
    used = sum(1 for i in h.initiatives if i.used and i.school_year in span)
    where = f"năm học {rnd.year}" if rule.span == "year" else f"các năm học {_years_text(sorted(span))}"
    level = RECOGNITION_LEVEL_LABELS_VI[rule.min_level]
    text = f"{len(counted)}/{rule.min_count} sáng kiến được công nhận từ {level} trở lên trong {where}"
    if used:
        text += f" ({used} sáng kiến đã dùng cho khen thưởng khác, không tính lại)"
    if len(counted) >= rule.min_count:
        return True, f"Đạt: {text}."
    return False, f"Chưa đủ: {text}."


def _held_years(awards: Sequence[HeldAward], code: str, merit_based: bool) -> set[str]:
    return {a.school_year for a in awards if a.award_type_code == code and not (merit_based and a.themed)}


def _longest_run(years: set[str], span: Sequence[str]) -> int:
    best = run = 0
    for y in span:
        run = run + 1 if y in years else 0
        best = max(best, run)
    return best


def check_award_held(rule: AwardHeldRule, rnd: Round, h: History) -> tuple[bool, str]:
    code = rule.award_type_code or rnd.award_type_code
    span = _span(rnd, rule.span, rule.years)
    held = _held_years(h.awards, code, rnd.merit_based) & set(span)
    where = f"năm học {span[0]}" if len(span) == 1 else f"các năm học {_years_text(span)}"
    if rule.consecutive:
        run = _longest_run(held, span)
        text = f"{code}: {run}/{rule.min_count} năm liên tục trong {where}"
        if run >= rule.min_count:
            return True, f"Đạt: {text}."
        if held:
            text += f" (đã có các năm {_years_text(sorted(held))})"
        return False, f"Chưa đủ {rule.min_count} năm liên tục đạt {code}: {text}."
    text = f"{code}: {len(held)}/{rule.min_count} lần trong {where}"
    return (True, f"Đạt: {text}.") if len(held) >= rule.min_count else (False, f"Chưa đủ: {text}.")


_OPS: dict[str, tuple[Callable[[Decimal, Decimal], bool], str]] = {
    "eq": (lambda a, b: a == b, "="),
    "ne": (lambda a, b: a != b, "≠"),
    "lt": (lambda a, b: a < b, "<"),
    "le": (lambda a, b: a <= b, "≤"),
    "gt": (lambda a, b: a > b, ">"),
    "ge": (lambda a, b: a >= b, "≥"),
}


def check_indicator(rule: IndicatorRule, rnd: Round, h: History) -> tuple[bool, str]:
    compare, sign = _OPS[rule.op]
    want = f"{rule.indicator_code} {sign} {rule.value}"
    score = h.scores.get(rnd.year)
    value = score.indicator_values.get(rule.indicator_code) if score else None
    if value is None:
        return False, f"Chưa có giá trị {rule.indicator_code} trên bảng điểm đã xác nhận năm học {rnd.year}."
    if compare(value, rule.value):
        return True, f"Đạt: {rule.indicator_code} = {value} (yêu cầu {want})."
    return False, f"Không đạt: {rule.indicator_code} = {value}, yêu cầu {want} (năm học {rnd.year})."


def _counts_flag(rule: NoOpenFlagRule, flag: OpenFlag) -> bool:
    if flag.kind != rule.flag_kind.value:
        return False
    if rule.min_severity is None:
        return True
    try:
        severity = SEVERITY_RANK[DisciplineSeverity(flag.severity or "")]
    except ValueError:
        return True  # an unrated measure counts, to be safe
    return severity >= SEVERITY_RANK[rule.min_severity]


def check_no_open_flag(rule: NoOpenFlagRule, rnd: Round, h: History) -> tuple[bool, str]:
    what = FLAG_KIND_LABELS_VI[rule.flag_kind].lower()
    if rule.min_severity:
        what += f' từ mức "{DISCIPLINE_SEVERITY_LABELS_VI[rule.min_severity]}" trở lên'
    if rule.of_members:
        n = sum(1 for m in h.members if any(_counts_flag(rule, f) for f in m.open_flags))
        if n:
            return False, f"Có {n} thành viên đang có {what}."
        return True, f"Đạt: không thành viên nào đang có {what}."
    n = sum(1 for f in h.open_flags if _counts_flag(rule, f))
    if n:
        return False, f"Đang có {n} {what} chưa khép lại."
    return True, f"Đạt: không có {what} đang mở."


def _rating_ok(rating: str | None, floor: StaffRatingValue) -> bool:
    try:
        return rating is not None and STAFF_RATING_RANK[StaffRatingValue(rating)] >= STAFF_RATING_RANK[floor]
    except ValueError:
        return False


def check_staff_rating(rule: StaffRatingRule, rnd: Round, h: History) -> tuple[bool, str]:
    want = f'"{STAFF_RATING_LABELS_VI[rule.min_rating]}" trở lên'
    years = years_ending(rnd.year, rule.consecutive_years)
    missing = [y for y in years if not _rating_ok(h.ratings.get(y), rule.min_rating)]
    if not missing:
        return True, f"Đạt: xếp loại {want} năm học {_years_text(years)}."
    details = "; ".join(
        f"{y}: "
        + (STAFF_RATING_LABELS_VI[StaffRatingValue(h.ratings[y])] if y in h.ratings else "chưa có xếp loại")
        for y in missing
    )
    if rule.consecutive_years > 1:
        return False, f"Chưa đủ {rule.consecutive_years} năm liên tục xếp loại {want} ({details})."
    return False, f"Chưa đạt xếp loại {want} ({details})."


def check_headed_school(rule: HeadedSchoolRule, rnd: Round, h: History) -> tuple[bool, str]:
    want = f'"{_label(rnd, rule.min_classification)}" trở lên'
    if h.headed_school is None:
        return False, "Không phải người đứng đầu cơ sở giáo dục: không xét được kết quả của đơn vị."
    years = years_ending(rnd.year, rule.consecutive_years)
    floor = _class_rank(rnd, rule.min_classification)
    missing = [y for y in years if y not in h.headed_school or _class_rank(rnd, h.headed_school[y]) < floor]
    if not missing:
        return True, f"Đạt: đơn vị do người này đứng đầu xếp loại {want} năm học {_years_text(years)}."
    details = "; ".join(
        f"{y}: " + (f'"{_label(rnd, h.headed_school[y])}"' if y in h.headed_school else "chưa có kết quả")
        for y in missing
    )
    return False, f"Đơn vị do người này đứng đầu chưa đạt xếp loại {want} ({details})."


def check_members(rule: MembersRule, rnd: Round, h: History) -> tuple[bool, str]:
    total = len(h.members)

    def meets(m: Member) -> bool:
        if rule.award_type_code and rule.award_type_code not in {
            a.award_type_code for a in m.awards if a.school_year == rnd.year
        }:
            return False
        return rule.min_rating is None or _rating_ok(m.ratings.get(rnd.year), rule.min_rating)

    n = sum(1 for m in h.members if meets(m))
    what = " và ".join(
        p
        for p in (
            f"đạt {rule.award_type_code}" if rule.award_type_code else "",
            f'xếp loại "{STAFF_RATING_LABELS_VI[rule.min_rating]}" trở lên' if rule.min_rating else "",
        )
        if p
    )
    share = Decimal(0) if total == 0 else (Decimal(n) * 100 / total).quantize(Decimal("0.01"))
    text = f"{n}/{total} thành viên {what} năm học {rnd.year} ({share}%)"
    ok = True
    if rule.min_percent is not None:
        ok = share > rule.min_percent if rule.more_than else share >= rule.min_percent
        text += f", yêu cầu {'trên' if rule.more_than else 'từ'} {rule.min_percent}%"
    if rule.min_count is not None:
        ok = ok and n >= rule.min_count
        text += f", yêu cầu ít nhất {rule.min_count}"
    return (True, f"Đạt: {text}.") if ok and total else (False, f"Chưa đạt: {text}.")


QUOTA_BASE_LABELS = {
    "eligible": "đối tượng đủ điều kiện được đề nghị",
    "unit_staff": "cán bộ của đơn vị",
    "commune_staff": "cán bộ toàn xã",
    "commune_units": "cơ sở giáo dục của xã",
    "unit_award_holders": "người đạt danh hiệu của đơn vị",
}


def quota_limit(percent: Decimal, base: int) -> int:
    """X % of the base rounded down, never below 1 where anyone is eligible."""
    if base <= 0:
        return 0
    return max(1, math.floor(Decimal(base) * percent / 100))


def check_quota(rule: QuotaRule, quota: Quota) -> tuple[bool, str]:
    base = quota.bases.get(rule.of, 0)
    used = quota.used.get(rule.of, 0)
    limit = quota_limit(rule.percent, base)
    text = f"{rule.percent}% của {base} {QUOTA_BASE_LABELS[rule.of]} = {limit} suất; đã duyệt {used}"
    if used + 1 <= limit:
        return True, f"Trong hạn mức: {text}."
    return False, f"Vượt hạn mức: {text}."


def _check(rule: Rule, rnd: Round, h: History, quota: Quota) -> tuple[bool, str]:
    match rule:
        case ScorecardRule():
            return check_scorecard(rule, rnd, h)
        case InitiativesRule():
            return check_initiatives(rule, rnd, h)
        case AwardHeldRule():
            return check_award_held(rule, rnd, h)
        case IndicatorRule():
            return check_indicator(rule, rnd, h)
        case NoOpenFlagRule():
            return check_no_open_flag(rule, rnd, h)
        case StaffRatingRule():
            return check_staff_rating(rule, rnd, h)
        case HeadedSchoolRule():
            return check_headed_school(rule, rnd, h)
        case MembersRule():
            return check_members(rule, rnd, h)
        case QuotaRule():
            return check_quota(rule, quota)
        case AnyOfRule():
            results = [_check(r, rnd, h, quota) for r in rule.rules]
            if any(ok for ok, _ in results):
                return True, next(reason for ok, reason in results if ok)
            return False, "Chưa đạt điều kiện nào trong các lựa chọn: " + " / ".join(r for _, r in results)
    raise AssertionError(rule)


def evaluate(rules: Sequence[Rule], rnd: Round, history: History, quota: Quota | None = None) -> Eligibility:
    """Every rule's outcome, in the award type's order; eligible when all pass."""
    quota = quota or Quota()
    outcomes = tuple(
        Outcome(index=i, kind=rule.kind, passed=ok, reason=reason)
        for i, rule in enumerate(rules)
        for ok, reason in [_check(rule, rnd, history, quota)]
    )
    return Eligibility(eligible=all(o.passed for o in outcomes), outcomes=outcomes)


# An ad hoc award ("khen thưởng đột xuất", seed IV.5) rewards one exceptional achievement, not a
# period's results: of an award type's rules only the subject's standing applies (no open disciplinary
# or information-security flag); scorecards, initiatives, earlier awards and quotas do not.
AD_HOC_RULE_KINDS = frozenset({"no_open_flag"})


def rules_for_round(rules: Sequence[Rule], round_kind: str) -> list[Rule]:
    """The rules an award type applies in a round of this kind."""
    if round_kind == "ad_hoc":
        return [r for r in rules if r.kind in AD_HOC_RULE_KINDS]
    return list(rules)


def without_quota(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if not isinstance(r, QuotaRule)]
