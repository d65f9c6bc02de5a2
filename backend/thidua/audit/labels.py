"""The audit log in words (issue 18.4): what each stored table and action is called in Vietnamese, and
the name of the changed object read from its own snapshot, so the log never shows "award_type #5"."""

from typing import Any

ENTITY_LABELS = {
    "achievement": "Thành tích",
    "activity": "Hoạt động",
    "activity_partner": "Trường cùng tham gia hoạt động",
    "api_key": "Khóa API",
    "assessment_entry": "Giá trị tự đánh giá",
    "attendance": "Người tham dự hoạt động",
    "award_decision": "Quyết định khen thưởng",
    "award_round": "Đợt khen thưởng",
    "award_type": "Hình thức khen thưởng",
    "base_salary": "Mức lương cơ sở",
    "budget_allocation": "Phân bổ kinh phí",
    "budget_document": "Chứng từ kinh phí",
    "budget_source": "Nguồn kinh phí",
    "budget_spending": "Khoản chi",
    "comms_output": "Sản phẩm truyền thông",
    "comms_plan": "Kế hoạch truyền thông",
    "consolidated_issue": "Báo cáo tổng hợp đã ban hành",
    "content_area": "Nội dung thi đua",
    "council_meeting": "Phiên họp Hội đồng thi đua - khen thưởng",
    "criterion": "Tiêu chí",
    "dti_assessment": "Tự đánh giá chuyển đổi số",
    "dti_value": "Giá trị chuyển đổi số",
    "early_verification": "Chốt sớm kết quả",
    "evaluation_window": "Thời gian đánh giá",
    "evidence": "Minh chứng",
    "flag": "Kỷ luật, sự cố",
    "framework": "Bảng điểm chuẩn",
    "generated_file": "Tệp xuất tạo nền",
    "import_job": "Lượt nhập dữ liệu",
    "indicator": "Chỉ tiêu",
    "info_corner": "Góc thông tin",
    "initiative": "Sáng kiến",
    "initiative_author": "Tác giả sáng kiến",
    "inspection": "Đợt kiểm tra",
    "inspection_decision": "Kết luận kiểm tra",
    "inspection_finding": "Kiến nghị sau kiểm tra",
    "inspection_plan": "Kế hoạch kiểm tra",
    "inspection_plan_item": "Lịch kiểm tra",
    "inspection_value": "Kết quả kiểm tra",
    "learning_material": "Học liệu số",
    "movement": "Phong trào thi đua",
    "nomination": "Đề nghị khen thưởng",
    "partner": "Đối tác",
    "partner_agreement": "Thỏa thuận với đối tác",
    "partner_contribution": "Đóng góp của đối tác",
    "phase": "Giai đoạn",
    "plan": "Kế hoạch",
    "plan_dispatch": "Gửi, nhận kế hoạch",
    "plan_version": "Phiên bản kế hoạch",
    "report": "Báo cáo",
    "report_request": "Yêu cầu báo cáo",
    "research_support": "Hỗ trợ nghiên cứu",
    "result_publication": "Công khai kết quả",
    "self_assessment": "Bản tự đánh giá",
    "staff_member": "Cán bộ, giáo viên",
    "staff_rating": "Xếp loại cán bộ",
    "steering_assignment": "Phân công Ban chỉ đạo",
    "steering_committee": "Ban chỉ đạo",
    "steering_member": "Thành viên Ban chỉ đạo",
    "story": "Gương điển hình",
    "story_image": "Ảnh gương điển hình",
    "story_proposal": "Bài đề xuất gương điển hình",
    "unit": "Đơn vị",
    "user_account": "Người dùng",
    "user_role": "Vai trò người dùng",
    "webhook_delivery": "Lần gửi thông báo sang hệ thống khác",
    "webhook_subscription": "Thông báo sang hệ thống khác",
}

ACTION_LABELS = {
    "acknowledge": "Xác nhận đã nhận",
    "activate": "Kích hoạt lại",
    "add_agreement": "Thêm thỏa thuận",
    "add_contribution": "Thêm đóng góp",
    "add_document": "Thêm chứng từ",
    "add_evidence": "Thêm minh chứng",
    "add_image": "Thêm ảnh",
    "adjust_submit": "Đề nghị điều chỉnh",
    "approve": "Duyệt",
    "attach_file": "Đính kèm tệp",
    "attach_scan": "Đính kèm bản quét",
    "change_password": "Đổi mật khẩu",
    "close": "Kết thúc",
    "create": "Tạo mới",
    "deactivate": "Ngừng hoạt động",
    "decide": "Kết luận",
    "delete": "Xóa",
    "inspection_values": "Ghi kết quả kiểm tra",
    "issue": "Ban hành",
    "new_version": "Tạo phiên bản mới",
    "province_answer": "Ghi kết quả của tỉnh",
    "publish": "Công khai",
    "recognise": "Công nhận",
    "record_values": "Ghi kết quả kiểm tra",
    "refresh_figures": "Cập nhật số liệu",
    "reject": "Không duyệt",
    "remove_evidence": "Gỡ minh chứng",
    "remove_image": "Gỡ ảnh",
    "report_done": "Báo cáo đã thực hiện",
    "retire": "Ngừng sử dụng",
    "return": "Trả lại",
    "review": "Xem xét",
    "revoke": "Thu hồi",
    "rotate_secret": "Đổi khóa bí mật",
    "set_roles": "Đặt vai trò",
    "submit": "Nộp",
    "test": "Gửi thử",
    "unpublish": "Thôi công khai",
    "update": "Cập nhật",
    "update_budget": "Cập nhật kinh phí",
    "update_entries": "Cập nhật giá trị tự đánh giá",
    "update_progress": "Cập nhật tiến độ",
    "verify": "Xác nhận kết quả",
    "withdraw": "Rút lại",
    "withdraw_recognition": "Rút công nhận",
}

SYSTEM = "Hệ thống (tự động)"
_NAME_KEYS = ("full_name", "name", "title", "number", "code", "login")


def entity_label(entity_type: str) -> str:
    return ENTITY_LABELS.get(entity_type, "Dữ liệu khác")


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, "Thao tác khác")


def entity_name(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str | None:
    """The object's name as it reads in its snapshot (the newer one first), or None when it has none."""
    for snapshot in (after, before):
        for key in _NAME_KEYS:
            value = (snapshot or {}).get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None
