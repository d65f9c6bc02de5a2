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
MOVEMENT = (
    "Phong trào thi đua đẩy mạnh phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số "
    "trong ngành Giáo dục giai đoạn 2025-2030"
)
