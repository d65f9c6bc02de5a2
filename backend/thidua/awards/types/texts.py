"""Vietnamese wording of an award type's rules, for screens, documents and the public criteria page:
generated from the rules themselves, so what is published cannot disagree with what is checked."""

from collections.abc import Mapping
from decimal import Decimal

from thidua.awards.types.eligibility import QUOTA_BASE_LABELS
from thidua.awards.types.rules import Rule
from thidua.conduct.models import DISCIPLINE_SEVERITY_LABELS_VI, FLAG_KIND_LABELS_VI, STAFF_RATING_LABELS_VI
from thidua.initiatives.models import RECOGNITION_LEVEL_LABELS_VI
from thidua.scoring.engine import DEFAULT_CLASSIFICATION

# Scoring owns the classification codes and labels.
CLASS_LABELS = {band.code: band.label for band in DEFAULT_CLASSIFICATION}
SPAN_LABELS = {"year": "trong năm học xét", "round": "trong các năm học của đợt"}


def _num(value: Decimal) -> str:
    """A rule's figure the Vietnamese way: 90, 86,5 (no trailing zeros, a decimal comma)."""
    return format(value.normalize(), "f").replace(".", ",")


def rule_text(rule: Rule, names: Mapping[str, str] | None = None) -> str:
    """The rule in a sentence. `names` turns codes (award types, indicators) into their names."""
    names = names or {}

    def named(code: str) -> str:
        return f"{names[code]} ({code})" if code in names else code

    match rule.kind:
        case "scorecard":
            parts = []
            if rule.min_classification:
                label = CLASS_LABELS.get(rule.min_classification, rule.min_classification)
                parts.append(f'xếp loại "{label}" trở lên')
            if rule.min_completion is not None:
                parts.append(f"mức hoàn thành từ {_num(rule.min_completion)}%")
            what = " và ".join(parts) or "có bảng điểm đã xác nhận"
            years = (
                f"{rule.consecutive_years} năm học liên tục" if rule.consecutive_years > 1 else "năm học xét"
            )
            return f"Bảng điểm đã xác nhận {what}, {years}"
        case "initiatives":
            level = RECOGNITION_LEVEL_LABELS_VI[rule.min_level]
            span = SPAN_LABELS[rule.span]
            return f"Ít nhất {rule.min_count} sáng kiến được công nhận từ {level} trở lên {span}"
        case "award_held":
            code = named(rule.award_type_code) if rule.award_type_code else "chính hình thức này"
            span = f"trong {rule.years} năm học gần nhất" if rule.span == "recent" else SPAN_LABELS[rule.span]
            times = f"{rule.min_count} năm liên tục" if rule.consecutive else f"ít nhất {rule.min_count} lần"
            return f"Đã đạt {code} {times} {span}"
        case "indicator":
            signs = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥"}
            return (
                f"Chỉ tiêu {named(rule.indicator_code)} {signs[rule.op]} {_num(rule.value)} "
                "trên bảng điểm năm học xét"
            )
        case "no_open_flag":
            what = FLAG_KIND_LABELS_VI[rule.flag_kind].lower()
            if rule.min_severity:
                what += f' từ mức "{DISCIPLINE_SEVERITY_LABELS_VI[rule.min_severity]}"'
            who = "của thành viên nào" if rule.of_members else ""
            return f"Không có {what} {who} đang mở".replace("  ", " ")
        case "staff_rating":
            years = f" {rule.consecutive_years} năm liên tục" if rule.consecutive_years > 1 else ""
            return f'Xếp loại cán bộ "{STAFF_RATING_LABELS_VI[rule.min_rating]}" trở lên{years}'
        case "headed_school":
            label = CLASS_LABELS.get(rule.min_classification, rule.min_classification)
            years = f" {rule.consecutive_years} năm học liên tục" if rule.consecutive_years > 1 else ""
            return f'Đơn vị do người này đứng đầu xếp loại "{label}" trở lên{years}'
        case "members":
            conds = []
            if rule.award_type_code:
                conds.append(f"đạt {named(rule.award_type_code)}")
            if rule.min_rating:
                conds.append(f'xếp loại "{STAFF_RATING_LABELS_VI[rule.min_rating]}" trở lên')
            amount = []
            if rule.min_percent is not None:
                amount.append(f"{'trên' if rule.more_than else 'từ'} {_num(rule.min_percent)}%")
            if rule.min_count is not None:
                amount.append(f"ít nhất {rule.min_count} người")
            return f"Thành viên {' và '.join(conds)}: {', '.join(amount)}"
        case "quota":
            base = QUOTA_BASE_LABELS[rule.of]
            return f"Hạn mức: không quá {_num(rule.percent)}% {base} (làm tròn xuống, tối thiểu 1)"
        case "any_of":
            return "Một trong các điều kiện: " + " / ".join(rule_text(r, names) for r in rule.rules)
    raise AssertionError(rule)
