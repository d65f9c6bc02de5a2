"""Row messages, each in Vietnamese and English: what a rejected row's error says."""

from collections.abc import Iterable

Message = tuple[str, str]  # (Vietnamese, English)


class M:
    """Row messages, each in Vietnamese and English."""

    required: Message = ("Thiếu giá trị bắt buộc.", "A value is required.")
    bad_code: Message = (
        "Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang (tối đa 32 ký tự).",
        "A code has unaccented letters, digits, '.', '_' or '-' (at most 32 characters).",
    )
    not_integer: Message = ("Phải là số nguyên.", "Must be a whole number.")
    not_number: Message = ("Phải là số (dấu thập phân là dấu chấm).", "Must be a number.")
    bad_date: Message = (
        "Ngày không hợp lệ; dùng YYYY-MM-DD, DD/MM/YYYY hoặc ô ngày của Excel (năm 1950–2100).",
        "Not a valid date; use YYYY-MM-DD, DD/MM/YYYY or an Excel date (years 1950-2100).",
    )
    bad_school_year: Message = (
        "Năm học phải có dạng 2025-2026 (hai năm liên tiếp).",
        "A school year looks like 2025-2026 (two consecutive years).",
    )
    bad_email: Message = ("Địa chỉ e-mail không hợp lệ.", "Not a valid e-mail address.")
    bad_phone: Message = ("Số điện thoại không hợp lệ.", "Not a valid phone number.")
    bad_url: Message = (
        "Đường dẫn phải bắt đầu bằng http:// hoặc https:// và không có khoảng trắng (tối đa 2000 ký tự).",
        "A link starts with http:// or https:// and has no spaces (at most 2000 characters).",
    )
    duplicate: Message = (
        "Trùng khóa với một dòng trước đó trong tệp; dòng này bị bỏ qua.",
        "Same key as an earlier row of the file; this row is skipped.",
    )
    exists: Message = (
        "Đã tồn tại và khác dữ liệu trong tệp; chiến lược 'create' chỉ tạo mới.",
        "Already exists with other values; strategy 'create' only creates.",
    )
    missing: Message = (
        "Chưa tồn tại; chiến lược 'update' chỉ cập nhật.",
        "Does not exist; strategy 'update' only updates.",
    )
    unit_needed: Message = (
        "Cần mã một đơn vị trong phạm vi của bạn.",
        "The code of a unit in your scope is required.",
    )

    @staticmethod
    def extra_cells(cells: int, columns: int) -> Message:
        return (
            f"Dòng có {cells} ô, nhiều hơn {columns} cột của dòng tiêu đề (thừa dấu phân cách, hoặc một ô "
            "chứa dấu phẩy mà không đặt trong ngoặc kép); dòng bị bỏ qua.",
            f"The row has {cells} cells, more than the header's {columns} columns (a stray separator, or "
            "a cell with a comma not in double quotes); the row is skipped.",
        )

    @staticmethod
    def too_long(limit: int) -> Message:
        return (f"Không được quá {limit} ký tự.", f"At most {limit} characters.")

    @staticmethod
    def out_of_range(low: object, high: object) -> Message:
        return (f"Phải từ {low} đến {high}.", f"Must be between {low} and {high}.")

    @staticmethod
    def choice(choices: Iterable[str]) -> Message:
        listed = ", ".join(choices)
        return (
            f"Giá trị không hợp lệ; chọn một trong: {listed}.",
            f"Not a valid value; use one of: {listed}.",
        )

    @staticmethod
    def not_in_scope(what_vi: str, what_en: str, code: str) -> Message:
        return (
            f"Không tìm thấy {what_vi} '{code}' trong phạm vi của bạn.",
            f"{what_en.capitalize()} '{code}' not found in your scope.",
        )

    @staticmethod
    def inactive_unit(name: str, code: str) -> Message:
        return (f"Đơn vị '{name}' đã ngừng hoạt động.", f"Unit '{code}' is inactive.")
