"""Vietnamese wording the awards sub-packages share: nomination statuses, and the names the commune's
documents (decisions, proposals, minutes, certificates) are written with."""

NOMINATION_STATUS_LABELS_VI = {
    "draft": "Dự thảo",
    "submitted": "Đã gửi đề nghị",
    "reviewed": "Hội đồng đã xét",
    "approved": "Đã phê duyệt",
    "rejected": "Không phê duyệt",
    "proposed": "Đã trình cấp tỉnh",
    "decided": "Đã có quyết định",
}

COMMUNE_BODY = ("ỦY BAN NHÂN DÂN", "XÃ THANH THỦY")
COMMUNE = "xã Thanh Thủy"
PLACE = "Thanh Thủy"
PROVINCE = "tỉnh Phú Thọ"


def period_phrase(kind: str, school_years: list[str]) -> str:
    """What a round covers, in words that read inside a sentence: 'năm học 2025-2026', 'sơ kết giai
    đoạn 2025-2027', 'tổng kết giai đoạn 2027-2030', 'đột xuất năm học 2025-2026'. Built from the
    round's data, never from its free-text name (which would double words or nest brackets)."""
    if not school_years:
        return ""
    if kind == "ad_hoc":
        return f"đột xuất năm học {school_years[0]}"
    if kind == "annual" or len(school_years) == 1:
        return f"năm học {school_years[0]}"
    span = f"giai đoạn {school_years[0][:4]}-{school_years[-1][-4:]}"
    return {"preliminary": f"sơ kết {span}", "final": f"tổng kết {span}"}.get(kind, span)


def in_sentence(title: str) -> str:
    """A title inside a sentence: 'Phong trào thi đua ...' -> 'phong trào thi đua ...'."""
    return title[:1].lower() + title[1:] if title[:1].isupper() and not title[1:2].isupper() else title


def merit_phrase(kind: str, school_years: list[str], movement: str, reason: str | None) -> str:
    """Why the awardees are honoured, after "đã có": the movement and the period, or for an ad hoc
    round the exceptional achievement itself (its reason)."""
    if kind == "ad_hoc" and reason:
        return f"thành tích xuất sắc đột xuất trong {in_sentence(movement)}: {reason.strip().rstrip('.')}"
    return f"thành tích xuất sắc trong {in_sentence(movement)}, {period_phrase(kind, school_years)}"
