"""What pydantic cannot see in an award type's rules: references to other data (classification codes,
award codes, indicators), and rules that do not fit the subject (collective or individual)."""

from functools import cached_property

from sqlmodel import Session, col, select

from thidua.awards.models import (
    AWARD_LEVEL_LABELS_VI,
    GRANTING_AUTHORITY_LABELS_VI,
    AwardLevel,
    AwardType,
    GrantingAuthority,
    SubjectKind,
)
from thidua.awards.types.rules import (
    AnyOfRule,
    AwardHeldRule,
    HeadedSchoolRule,
    IndicatorRule,
    MembersRule,
    NoOpenFlagRule,
    QuotaRule,
    Rule,
    ScorecardRule,
    StaffRatingRule,
)
from thidua.awards.types.schemas import AwardTypeDocument
from thidua.core.errors import FieldError, ValidationFailed
from thidua.frameworks.models import Framework, Indicator
from thidua.scoring.engine import DEFAULT_CLASSIFICATION

# Who grants what: the granting authority follows from the level.
AUTHORITY_OF_LEVEL = {
    AwardLevel.unit: GrantingAuthority.unit_head,
    AwardLevel.commune: GrantingAuthority.commune_chairman,
    AwardLevel.province: GrantingAuthority.province_chairman,
}


def _error(path: str, message: str, type_: str = "invalid") -> FieldError:
    return FieldError(path=path, message=message, type=type_)


def classification_codes(session: Session) -> set[str]:
    """Scoring's default classification codes and those of every framework's own bands."""
    codes = {band.code for band in DEFAULT_CLASSIFICATION}
    for bands in session.exec(select(Framework.classification)).all():
        codes |= {b.get("code") for b in bands or [] if b.get("code")}
    return codes


class _Known:
    """What the rules of one award type may refer to; indicator codes are read only when a rule names one."""

    def __init__(self, session: Session, doc: AwardTypeDocument) -> None:
        self.session = session
        self.subject_kind = doc.subject_kind
        self.awards = set(session.exec(select(AwardType.code)).all()) | {doc.code}
        self.classes = classification_codes(session)

    @cached_property
    def indicators(self) -> set[str]:
        kind = "unit" if self.subject_kind == SubjectKind.collective else "individual"
        return set(
            self.session.exec(
                select(Indicator.code)
                .join(Framework, col(Framework.id) == Indicator.framework_id)
                .where(Framework.subject_kind == kind)
            ).all()
        )


def _reference_problems(rule: Rule, path: str, known: _Known) -> list[FieldError]:
    problems = []
    classification = rule.min_classification if isinstance(rule, ScorecardRule | HeadedSchoolRule) else None
    if classification and classification not in known.classes:
        problems.append(
            _error(
                f"{path}.min_classification",
                f"Không có mức xếp loại '{classification}'.",
                "not_found",
            )
        )
    code = rule.award_type_code if isinstance(rule, AwardHeldRule | MembersRule | QuotaRule) else None
    if code and code not in known.awards:
        problems.append(
            _error(
                f"{path}.award_type_code",
                f"Không có hình thức khen thưởng mã '{code}'.",
                "not_found",
            )
        )
    if isinstance(rule, IndicatorRule) and rule.indicator_code not in known.indicators:
        problems.append(
            _error(
                f"{path}.indicator_code",
                f"Không có chỉ tiêu '{rule.indicator_code}' trong bảng điểm của đối tượng này.",
                "not_found",
            )
        )
    return problems


def _members_problems(rule: MembersRule, path: str, collective: bool) -> list[FieldError]:
    problems = []
    if not collective:
        problems.append(
            _error(f"{path}.kind", "Điều kiện về thành viên chỉ dùng cho tập thể.", "not_applicable")
        )
    if not rule.award_type_code and not rule.min_rating:
        problems.append(_error(path, "Cần nêu danh hiệu hoặc mức xếp loại của thành viên.", "missing"))
    if rule.min_percent is None and rule.min_count is None:
        problems.append(_error(path, "Cần tỷ lệ tối thiểu hoặc số lượng tối thiểu.", "missing"))
    return problems


def _quota_problems(rule: QuotaRule, path: str, collective: bool) -> list[FieldError]:
    problems = []
    if rule.of in ("unit_staff", "commune_staff", "unit_award_holders") and collective:
        problems.append(
            _error(f"{path}.of", "Hạn mức theo số cán bộ chỉ dùng cho cá nhân.", "not_applicable")
        )
    if rule.of == "commune_units" and not collective:
        problems.append(
            _error(f"{path}.of", "Hạn mức theo số cơ sở giáo dục chỉ dùng cho tập thể.", "not_applicable")
        )
    if rule.of == "unit_award_holders" and not rule.award_type_code:
        problems.append(
            _error(f"{path}.award_type_code", "Cần mã danh hiệu làm cơ sở tính hạn mức.", "missing")
        )
    return problems


def _fit_problems(rule: Rule, path: str, collective: bool) -> list[FieldError]:
    match rule:
        case AwardHeldRule() if rule.span == "recent" and not rule.years:
            return [_error(f"{path}.years", "Cần số năm học khi phạm vi là 'recent'.", "missing")]
        case MembersRule():
            return _members_problems(rule, path, collective)
        case NoOpenFlagRule() if rule.of_members and not collective:
            return [_error(f"{path}.of_members", "Chỉ tập thể mới có thành viên.", "not_applicable")]
        case StaffRatingRule() if collective:
            return [_error(f"{path}.kind", "Xếp loại cán bộ chỉ dùng cho cá nhân.", "not_applicable")]
        case HeadedSchoolRule() if collective:
            return [
                _error(
                    f"{path}.kind",
                    "Kết quả đơn vị của người đứng đầu chỉ dùng cho cá nhân.",
                    "not_applicable",
                )
            ]
        case QuotaRule():
            return _quota_problems(rule, path, collective)
    return []


def _rule_problems(rule: Rule, path: str, known: _Known, collective: bool) -> list[FieldError]:
    problems = _reference_problems(rule, path, known) + _fit_problems(rule, path, collective)
    if isinstance(rule, AnyOfRule):
        for j, sub in enumerate(rule.rules):
            problems += _rule_problems(sub, f"{path}.rules.{j}", known, collective)
    return problems


def type_problems(session: Session, doc: AwardTypeDocument) -> list[FieldError]:
    known = _Known(session, doc)
    collective = doc.subject_kind == SubjectKind.collective
    problems = [
        problem
        for i, rule in enumerate(doc.rules)
        for problem in _rule_problems(rule, f"body.rules.{i}", known, collective)
    ]
    if sum(1 for r in doc.rules if r.kind == "quota") > 1:
        problems.append(_error("body.rules", "Mỗi hình thức chỉ có một điều kiện hạn mức.", "duplicate"))
    if doc.granting_authority != AUTHORITY_OF_LEVEL[doc.level]:
        problems.append(
            _error(
                "body.granting_authority",
                f"Khen thưởng {AWARD_LEVEL_LABELS_VI[doc.level].lower()} do "
                f"{GRANTING_AUTHORITY_LABELS_VI[AUTHORITY_OF_LEVEL[doc.level]]} quyết định.",
            )
        )
    return problems


def validate_type(session: Session, doc: AwardTypeDocument) -> None:
    problems = type_problems(session, doc)
    if problems:
        raise ValidationFailed("Hình thức khen thưởng chưa hợp lệ; không có gì được lưu.", problems)
