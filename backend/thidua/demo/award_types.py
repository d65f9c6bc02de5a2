"""The default award types of shared/CATALOGUE.md, as data: the eligibility engine reads their rules.
A commune officer edits them later by making a new version. Cash coefficients: Decree 98/2023/NĐ-CP
(Giấy khen 0.15 individual, 0.3 collective; the province chairman's Bằng khen 1.0 and 2.0)."""

from typing import Any

AWARD_TYPES: list[dict[str, Any]] = [
    {
        "code": "GK-DV-CN",
        "cash_coefficient": "0.15",
        "name": "Giấy khen của Thủ trưởng đơn vị",
        "level": "unit",
        "granting_authority": "unit_head",
        "subject_kind": "individual",
        "round_kinds": ["annual"],
        "rules": [
            {"kind": "scorecard", "min_classification": "good"},
            {"kind": "quota", "percent": "30", "of": "unit_staff"},
        ],
        "description": "Khen thưởng cuối năm học cho cán bộ, giáo viên, nhân viên của đơn vị.",
    },
    {
        "code": "GK-XA-TT",
        "cash_coefficient": "0.3",
        "name": "Giấy khen của Chủ tịch UBND xã",
        "level": "commune",
        "granting_authority": "commune_chairman",
        "subject_kind": "collective",
        "round_kinds": ["annual", "preliminary", "final"],
        "rules": [
            {"kind": "scorecard", "min_classification": "excellent"},
            {"kind": "indicator", "indicator_code": "TC5.2", "op": "eq", "value": "0"},
            {"kind": "quota", "percent": "30", "of": "commune_units"},
        ],
        "description": "Tập thể cơ sở giáo dục hoàn thành xuất sắc, không để xảy ra sự cố an toàn thông tin.",
    },
    {
        "code": "GK-XA-CN",
        "cash_coefficient": "0.15",
        "name": "Giấy khen của Chủ tịch UBND xã",
        "level": "commune",
        "granting_authority": "commune_chairman",
        "subject_kind": "individual",
        "round_kinds": ["annual", "preliminary", "final"],
        "rules": [
            {"kind": "scorecard", "min_classification": "excellent"},
            {"kind": "initiatives", "min_count": 1, "min_level": "unit", "span": "year"},
            {"kind": "no_open_flag", "flag_kind": "disciplinary"},
            {"kind": "quota", "percent": "10", "of": "commune_staff"},
        ],
        "description": "Cá nhân hoàn thành xuất sắc, có sáng kiến được công nhận trong năm học.",
    },
    {
        "code": "BK-TINH-TT",
        "cash_coefficient": "2",
        "name": "Bằng khen của Chủ tịch UBND tỉnh",
        "level": "province",
        "granting_authority": "province_chairman",
        "subject_kind": "collective",
        "round_kinds": ["preliminary", "final"],
        "rules": [
            {"kind": "scorecard", "min_classification": "excellent", "consecutive_years": 2},
            {"kind": "award_held", "award_type_code": "GK-XA-TT", "min_count": 1, "span": "round"},
            {"kind": "initiatives", "min_count": 1, "min_level": "commune", "span": "round"},
        ],
        "description": "Đề nghị khi sơ kết (2027) và tổng kết (2030) Phong trào.",
    },
    {
        "code": "BK-TINH-CN",
        "cash_coefficient": "1",
        "name": "Bằng khen của Chủ tịch UBND tỉnh",
        "level": "province",
        "granting_authority": "province_chairman",
        "subject_kind": "individual",
        "round_kinds": ["preliminary", "final"],
        "rules": [
            {"kind": "scorecard", "min_classification": "excellent", "consecutive_years": 2},
            {"kind": "initiatives", "min_count": 2, "min_level": "unit", "span": "round"},
            {"kind": "no_open_flag", "flag_kind": "disciplinary"},
        ],
        "description": "Đề nghị khi sơ kết (2027) và tổng kết (2030) Phong trào.",
    },
]
