"""The demo commune's inspections, through the services as the demo logins: the yearly plan issued,
and one periodic inspection of THCS Thanh Thủy done (the plan's first visit, shown done on the plan):
the decision, the team's findings per indicator, the conclusions, one recommendation the school has yet
to report done (its minutes download from the inspection's page)."""

from datetime import timedelta

from sqlmodel import Session, select

from thidua.auth.models import User
from thidua.auth.policy import load_actor
from thidua.core.models import today
from thidua.inspections import findings, plans
from thidua.inspections import service as inspections
from thidua.inspections.models import Inspection
from thidua.inspections.schemas import (
    CloseIn,
    DecisionIn,
    FindingIn,
    InspectionCreate,
    InspectionPlanCreate,
    InspectionPlanIssueIn,
    InspectionPlanItemIn,
)
from thidua.units.models import Unit

YEAR = "2025-2026"
TITLE = "Kiểm tra định kỳ chuyển đổi số học kỳ I"
CONCLUSIONS = (
    "Nhà trường triển khai Phong trào thi đua nghiêm túc, hồ sơ tự đánh giá đầy đủ, có minh chứng.\n"
    "Tỷ lệ giáo viên sử dụng thường xuyên hệ thống quản lý học tập thấp hơn số liệu tự đánh giá."
)
SIGNER = ("Trần Văn Thành", "Chủ tịch")


def load_inspections(session: Session) -> int:
    """Returns 1 when the demo inspection was created, 0 when it was there already."""
    if session.exec(select(Inspection.id).where(Inspection.title == TITLE)).first() is not None:
        return 0
    users = {u.login: u for u in session.exec(select(User).where(User.login.in_(("vhxh", "kiemtra"))))}  # type: ignore[attr-defined]
    units = {u.code: u for u in session.exec(select(Unit).where(Unit.kind == "school"))}
    school = units.get("THCS-TT")
    if len(users) < 2 or school is None or school.id is None or users["kiemtra"].id is None:
        return 0
    officer, inspector = load_actor(session, users["vhxh"]), load_actor(session, users["kiemtra"])
    visit = today() - timedelta(days=20)
    items = [
        InspectionPlanItemIn(
            unit_id=units[code].id or 0,
            scheduled_on=visit + timedelta(days=90 * n),
            team="Phòng Văn hóa - Xã hội (trưởng đoàn), cán bộ phụ trách công nghệ thông tin",
            content="Học liệu số, hệ thống quản lý học tập, an toàn thông tin (TC2, TC5)",
        )
        for n, code in enumerate(("THCS-TT", "TH-TT"))
        if code in units
    ]
    plan = plans.create_plan(
        session,
        officer,
        InspectionPlanCreate(
            school_year=YEAR,
            title="Kế hoạch kiểm tra việc thực hiện Phong trào thi đua",
            purpose="Đánh giá đúng thực chất kết quả chuyển đổi số tại các cơ sở giáo dục; kịp thời biểu "
            "dương điển hình và chấn chỉnh hạn chế.",
            items=items,
        ),
    )
    signed = today() - timedelta(days=60)
    plans.issue_plan(
        session,
        officer,
        plan,
        InspectionPlanIssueIn(
            number="08/KH-UBND", signed_on=signed, signer_name=SIGNER[0], signer_title=SIGNER[1]
        ),
    )
    # The inspection makes the plan's first visit (THCS Thanh Thủy): the plan shows it done.
    planned = [item.id for item, _ in plans.items_of(session, plan) if item.unit_id == school.id and item.id]
    inspection = inspections.create_inspection(
        session,
        officer,
        InspectionCreate(
            kind="periodic",
            title=TITLE,
            school_year=YEAR,
            inspection_date=visit,
            member_user_ids=[inspector.id],
            unit_ids=[school.id],
            lead_user_id=inspector.id,
            plan_item_ids=planned[:1],
        ),
    )
    decision = DecisionIn(
        number="15/QĐ-UBND",
        signed_on=visit - timedelta(days=7),
        signer_name=SIGNER[0],
        signer_title=SIGNER[1],
    )
    inspection = inspections.set_decision(session, officer, inspection, decision)
    for code, strengths, shortcomings, recommendations in (
        (
            "TC2.1",
            "Nhà trường có kho học liệu số dùng chung cho các tổ chuyên môn.",
            "Tỷ lệ giáo viên sử dụng hệ thống quản lý học tập thường xuyên thấp hơn báo cáo.",
            "Tổ chức tập huấn sử dụng hệ thống quản lý học tập cho giáo viên trước học kỳ II",
        ),
        ("TC5.1", "Đã ban hành quy chế an toàn thông tin.", "", ""),
    ):
        finding = FindingIn(
            unit_id=school.id,
            indicator_code=code,
            strengths=strengths,
            shortcomings=shortcomings,
            recommendations=recommendations,
            mandatory=True,
            status="done",
        )
        findings.add_finding(session, inspector, inspection, finding)
    findings.close(session, inspector, inspection, CloseIn(conclusions=CONCLUSIONS))
    return 1
