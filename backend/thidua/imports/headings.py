"""The Vietnamese heading of every import and export column (issue 18, point 4: "every label, code and
template header in Vietnamese (English only behind the language switch)").

Templates and CSV/XLSX exports head their columns in Vietnamese by default ("Mã đơn vị", "Họ và tên");
`?lang=en` gives the machine names ("unit_code", "full_name") that API clients and English users
read. An import reads either (and the aliases each column declares), so a file exported or a template
downloaded in one language imports back unchanged. JSON keys are always the machine names.
`tests/unit/test_import_headings.py` checks every column of every kind has its heading, distinct within
its kind."""

from typing import Literal

Lang = Literal["vi", "en"]

HEADINGS_VI: dict[str, str] = {
    "activity_date": "Ngày tổ chức",
    "address": "Địa chỉ",
    "attendees": "Người tham gia",
    "author": "Tác giả học liệu",
    "authors": "Tác giả",
    "channel": "Kênh truyền thông",
    "code": "Mã",
    "contact": "Liên hệ",
    "criterion_code": "Mã tiêu chí",
    "description": "Mô tả",
    "email": "Thư điện tử",
    "framework_code": "Mã bộ tiêu chí",
    "full_name": "Họ và tên",
    "grade": "Khối lớp",
    "indicator_code": "Mã chỉ tiêu",
    "kind": "Loại",
    "learner_count": "Số người học",
    "licence": "Giấy phép sử dụng",
    "login": "Tên đăng nhập",
    "name": "Tên",
    "note": "Ghi chú",
    "output_date": "Ngày đăng tải",
    "parent_code": "Mã đơn vị cấp trên",
    "password": "Mật khẩu",
    "phone": "Điện thoại",
    "position": "Chức vụ",
    "reach": "Lượt tiếp cận",
    "roles": "Vai trò",
    "school_level": "Cấp học",
    "school_year": "Năm học",
    "staff_code": "Mã cán bộ",
    "subject": "Môn học",
    "summary": "Tóm tắt",
    "title": "Tiêu đề",
    "unit_code": "Mã đơn vị",
    "url": "Đường dẫn",
    "value": "Giá trị",
}


def heading(name: str, lang: Lang = "vi") -> str:
    """A column's heading in a file: Vietnamese, or the machine name in English."""
    return HEADINGS_VI.get(name, name) if lang == "vi" else name


def headings(names: list[str], lang: Lang = "vi") -> list[str]:
    return [heading(n, lang) for n in names]
