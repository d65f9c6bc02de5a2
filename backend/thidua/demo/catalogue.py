"""The Thanh Thủy movement and the default frameworks of shared/CATALOGUE.md, as data.

Indicator tuples: (code, name, kind, target, rule, points, source, extra) where extra may hold
direction, bands, levels, is_gate, content_area_code, moet_4725.
"""

from typing import Any

MOVEMENT: dict[str, Any] = {
    "code": "PTTD-KHCN-CDS-2025-2030",
    "title": (
        "Phong trào thi đua phát triển khoa học công nghệ đổi mới sáng tạo và chuyển đổi số ngành giáo dục "
        "và đào tạo xã Thanh Thủy (giai đoạn 2025 - 2030)"
    ),
    "legal_basis": (
        "Kế hoạch số 82/KH-SGDĐT ngày 24/12/2025 của Sở Giáo dục và Đào tạo tỉnh Phú Thọ; Chương trình hành động "
        "số 02-CTr/TU ngày 22/7/2025 của Tỉnh ủy Phú Thọ thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị; "
        "Kế hoạch số 07-KH/ĐU ngày 29/8/2025 của Đảng ủy xã Thanh Thủy; Kế hoạch 1772/KH-UBND ngày 17/11/2025; "
        'Kế hoạch 759/KH-UBND ngày 30/9/2025 về Phong trào "Bình dân học vụ số".'
    ),
    "start_year": 2025,
    "end_year": 2030,
    "phases": [
        {
            "number": 1,
            "name": "Giai đoạn 1 (2025 - 2027)",
            "start_year": 2025,
            "end_year": 2027,
            "review_year": 2027,
            "review_kind": "preliminary",
            "description": "Phát động, tổ chức triển khai thực hiện Phong trào thi đua; Sơ kết, đánh giá rút kinh "
            "nghiệm trong năm 2027.",
        },
        {
            "number": 2,
            "name": "Giai đoạn 2 (2027 - 2030)",
            "start_year": 2027,
            "end_year": 2030,
            "review_year": 2030,
            "review_kind": "final",
            "description": "Triển khai thực hiện, hoàn thành các tiêu chí thi đua; đánh giá, bình xét, khen thưởng "
            "và tổng kết trong năm 2030.",
        },
    ],
    "content_areas": [
        {"code": "ND1", "name": "Thi đua nâng cao nhận thức, đổi mới tư duy"},
        {"code": "ND2", "name": "Thi đua phát triển hạ tầng số cho giáo dục"},
        {"code": "ND3", "name": "Thi đua đẩy mạnh chuyển đổi số trong quản lý và dạy học"},
        {"code": "ND4", "name": "Thi đua phát triển nguồn nhân lực số và xã hội số trong giáo dục"},
        {"code": "ND5", "name": "Thi đua nghiên cứu khoa học, đổi mới sáng tạo"},
        {"code": "ND6", "name": "Thi đua bảo đảm an ninh, an toàn thông tin"},
    ],
}

_LEVELS_TC22 = [
    {"value": 0, "label": "Chưa sử dụng"},
    {"value": 1, "label": "Sử dụng một phần"},
    {"value": 2, "label": "Sử dụng toàn bộ"},
]
_LEVELS_CN12 = [
    {"value": 1, "label": "Cơ bản"},
    {"value": 2, "label": "Thành thạo"},
    {"value": 3, "label": "Sáng tạo"},
]

Row = tuple[str, str, str, str, str, str, str | None, dict[str, Any]]

INSTITUTION: list[tuple[str, str, list[Row]]] = [
    (
        "TC1",
        "Hoàn thành xuất sắc các nhiệm vụ được giao về phát triển KHCN, đổi mới sáng tạo và chuyển đổi số "
        "theo Kế hoạch của Sở GDĐT, Kế hoạch của UBND xã",
        [
            (
                "TC1.1",
                "Ban hành kế hoạch thực hiện Phong trào trong 30 ngày kể từ khi nhận văn bản",
                "computed",
                "1",
                "threshold",
                "8",
                "plan_on_time",
                {"is_gate": True, "content_area_code": "ND1"},
            ),
            (
                "TC1.2",
                "Tỷ lệ nhiệm vụ trong kế hoạch hoàn thành đúng hạn (%)",
                "computed",
                "100",
                "proportional",
                "7",
                "plan_tasks_on_time_share",
                {"content_area_code": "ND1"},
            ),
            (
                "TC1.3",
                "Tỷ lệ báo cáo định kỳ, đột xuất nộp đúng hạn (%)",
                "computed",
                "100",
                "proportional",
                "5",
                "reports_on_time_share",
                {"content_area_code": "ND1"},
            ),
            (
                "TC1.4",
                "Tổ chức Lễ phát động Phong trào thi đua cấp đơn vị",
                "computed",
                "1",
                "threshold",
                "5",
                "launch_ceremony_held",
                {"content_area_code": "ND1"},
            ),
        ],
    ),
    (
        "TC2",
        "Chủ động xây dựng và triển khai có hiệu quả kế hoạch chuyển đổi số của đơn vị; đạt các chỉ tiêu về "
        "ứng dụng CNTT, phần mềm quản lý, dạy học trực tuyến",
        [
            (
                "TC2.1",
                "Tỷ lệ giáo viên sử dụng thường xuyên nền tảng dạy học trực tuyến / hệ thống quản lý học tập (%)",
                "percent",
                "100",
                "proportional",
                "7",
                None,
                {"content_area_code": "ND3", "moet_4725": "1.3, 1.6", "evidence_required": True},
            ),
            (
                "TC2.2",
                "Mức độ sử dụng phần mềm quản lý nhà trường và hồ sơ số (sổ điểm, học bạ số)",
                "level",
                "2",
                "bands",
                "6",
                None,
                {
                    "levels": _LEVELS_TC22,
                    "content_area_code": "ND3",
                    "moet_4725": "2.3",
                    "bands": [
                        {"min_value": "0", "points": "0"},
                        {"min_value": "1", "points": "3"},
                        {"min_value": "2", "points": "6"},
                    ],
                },
            ),
            (
                "TC2.3",
                "Số học liệu số (bài giảng điện tử, học liệu số) của đơn vị được chia sẻ trên kho học liệu",
                "count",
                "20",
                "proportional",
                "6",
                None,
                {"content_area_code": "ND3", "moet_4725": "1.4"},
            ),
            (
                "TC2.4",
                "Tỷ lệ phòng học có thiết bị trình chiếu và kết nối Internet (%)",
                "percent",
                "100",
                "proportional",
                "6",
                None,
                {"content_area_code": "ND2", "moet_4725": "1.7"},
            ),
        ],
    ),
    (
        "TC3",
        "Có sáng kiến, giải pháp đột phá trong đổi mới phương thức quản lý, điều hành, nâng cao chất lượng "
        "giáo dục thông qua ứng dụng công nghệ số",
        [
            (
                "TC3.1",
                "Số sáng kiến, giải pháp của đơn vị được công nhận trong năm học",
                "computed",
                "3",
                "proportional",
                "10",
                "unit_initiatives_recognised",
                {"content_area_code": "ND5"},
            ),
            (
                "TC3.2",
                "Có sáng kiến, giải pháp được công nhận từ cấp xã trở lên",
                "computed",
                "1",
                "threshold",
                "5",
                "unit_initiatives_recognised_commune_level",
                {"content_area_code": "ND5"},
            ),
            (
                "TC3.3",
                "Số sản phẩm nghiên cứu khoa học, sáng tạo kỹ thuật của giáo viên, học sinh dự thi",
                "count",
                "2",
                "proportional",
                "5",
                None,
                {"content_area_code": "ND5"},
            ),
        ],
    ),
    (
        "TC4",
        "Thực hiện hiệu quả công tác đào tạo, bồi dưỡng nâng cao năng lực số cho cán bộ, giáo viên, nhân viên",
        [
            (
                "TC4.1",
                "Tỷ lệ cán bộ, giáo viên, nhân viên được bồi dưỡng kỹ năng số trong năm học (%)",
                "computed",
                "100",
                "proportional",
                "8",
                "trained_staff_share",
                {"content_area_code": "ND4"},
            ),
            (
                "TC4.2",
                "Số buổi sinh hoạt chuyên đề, hội nghị, tọa đàm về chuyển đổi số, đổi mới sáng tạo",
                "computed",
                "2",
                "proportional",
                "4",
                "seminars_count",
                {"content_area_code": "ND4"},
            ),
            (
                "TC4.3",
                'Tổ chức lớp "Bình dân học vụ số" cho người còn hạn chế về kỹ năng số',
                "computed",
                "1",
                "threshold",
                "3",
                "training_class_held",
                {"content_area_code": "ND4"},
            ),
        ],
    ),
    (
        "TC5",
        "Đảm bảo an toàn, an ninh thông tin, bảo vệ dữ liệu người học trong môi trường số",
        [
            (
                "TC5.1",
                "Ban hành quy chế bảo đảm an toàn thông tin và bảo vệ dữ liệu cá nhân của đơn vị",
                "boolean",
                "1",
                "threshold",
                "5",
                None,
                {"content_area_code": "ND6", "evidence_required": True},
            ),
            (
                "TC5.2",
                "Số sự cố mất an toàn thông tin, lộ lọt dữ liệu người học trong năm học",
                "count",
                "0",
                "threshold",
                "6",
                None,
                {"direction": "lower", "is_gate": True, "content_area_code": "ND6"},
            ),
            (
                "TC5.3",
                "Số hoạt động giáo dục kỹ năng số, an toàn thông tin cho học sinh (ngoại khóa, trải nghiệm)",
                "computed",
                "2",
                "proportional",
                "4",
                "extracurricular_count",
                {"content_area_code": "ND6"},
            ),
        ],
    ),
]

INDIVIDUAL: list[tuple[str, str, list[Row]]] = [
    (
        "CN1",
        "Có sáng kiến, giải pháp sáng tạo, hiệu quả trong việc ứng dụng công nghệ số vào quản lý, giảng dạy, "
        "giáo dục",
        [
            (
                "CN1.1",
                "Số sáng kiến, giải pháp của cá nhân (tác giả hoặc đồng tác giả) được công nhận trong năm học",
                "computed",
                "1",
                "threshold",
                "25",
                "person_initiatives_recognised",
                {"content_area_code": "ND5"},
            ),
            (
                "CN1.2",
                "Mức độ ứng dụng công nghệ số trong giảng dạy, quản lý",
                "level",
                "3",
                "bands",
                "20",
                None,
                {
                    "levels": _LEVELS_CN12,
                    "content_area_code": "ND3",
                    "bands": [
                        {"min_value": "1", "points": "5"},
                        {"min_value": "2", "points": "12"},
                        {"min_value": "3", "points": "20"},
                    ],
                },
            ),
        ],
    ),
    (
        "CN2",
        "Có thành tích trong nghiên cứu khoa học, sáng tạo kỹ thuật, viết bài báo khoa học, phát triển học liệu "
        "số chất lượng cao được công nhận",
        [
            (
                "CN2.1",
                "Số học liệu số chất lượng cao được công nhận hoặc chia sẻ trên kho học liệu",
                "computed",
                "2",
                "proportional",
                "15",
                "person_digital_materials_recognised",
                {"content_area_code": "ND5"},
            ),
            (
                "CN2.2",
                "Số đề tài, bài báo khoa học, sản phẩm sáng tạo kỹ thuật được công nhận",
                "computed",
                "1",
                "threshold",
                "10",
                "person_research_recognised",
                {"content_area_code": "ND5"},
            ),
        ],
    ),
    (
        "CN3",
        "Tích cực tham gia và có đóng góp thiết thực vào các hoạt động của Phong trào thi đua",
        [
            (
                "CN3.1",
                "Hoàn thành bồi dưỡng kỹ năng số trong năm học",
                "computed",
                "1",
                "threshold",
                "10",
                "person_trained",
                {"content_area_code": "ND4"},
            ),
            (
                "CN3.2",
                "Số hoạt động của Phong trào đã tham gia (hội nghị, tọa đàm, tập huấn, lễ phát động)",
                "computed",
                "3",
                "proportional",
                "12",
                "person_activities_attended",
                {"content_area_code": "ND4"},
            ),
            (
                "CN3.3",
                "Tham gia hội thi, cuộc thi về ứng dụng công nghệ thông tin",
                "boolean",
                "1",
                "threshold",
                "8",
                None,
                {"content_area_code": "ND4"},
            ),
        ],
    ),
]


def framework_document(movement_id: int, subject_kind: str) -> dict[str, Any]:
    """A FrameworkDocument body for one of the two default frameworks."""
    code, name, rows = (
        ("BDC-CSGD", "Bảng điểm chuẩn đối với các cơ sở giáo dục", INSTITUTION)
        if subject_kind == "unit"
        else ("BDC-CANHAN", "Bảng điểm chuẩn đối với cá nhân", INDIVIDUAL)
    )
    criteria = []
    for criterion_code, criterion_name, indicators in rows:
        criteria.append(
            {
                "code": criterion_code,
                "name": criterion_name,
                "indicators": [
                    {
                        "code": c,
                        "name": n,
                        "kind": k,
                        "target": t,
                        "rule": r,
                        "max_points": p,
                        "source": s,
                        **extra,
                    }
                    for c, n, k, t, r, p, s, extra in indicators
                ],
            }
        )
    return {
        "movement_id": movement_id,
        "code": code,
        "name": name,
        "subject_kind": subject_kind,
        "criteria": criteria,
    }
