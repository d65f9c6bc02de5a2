"""The demo commune's inspections: the yearly plan issued, and one periodic inspection of THCS Thanh
Thủy done: the decision, the team's findings per indicator, the conclusions, one recommendation the
school has yet to report done (its minutes download from the inspection's page)."""

from datetime import timedelta

from sqlmodel import Session, col, select

from thidua.auth.models import User
from thidua.core.models import today, utcnow
from thidua.frameworks.models import Framework, Indicator
from thidua.inspections.models import (
    Inspection,
    InspectionDecision,
    InspectionFinding,
    InspectionLead,
    InspectionMember,
    InspectionPlan,
    InspectionPlanItem,
    InspectionUnit,
)
from thidua.units.models import Unit

YEAR = "2025-2026"
TITLE = "Kiểm tra định kỳ chuyển đổi số học kỳ I"
CONCLUSIONS = (
    "Nhà trường triển khai Phong trào thi đua nghiêm túc, hồ sơ tự đánh giá đầy đủ, có minh chứng.\n"
    "Tỷ lệ giáo viên sử dụng thường xuyên hệ thống quản lý học tập thấp hơn số liệu tự đánh giá."
)


def load_inspections(session: Session) -> int:
    """Returns 1 when the demo inspection was created, 0 when it was there already."""
    if session.exec(select(Inspection.id).where(Inspection.title == TITLE)).first() is not None:
        return 0
    inspector = session.exec(select(User).where(User.login == "kiemtra")).first()
    units = {u.code: u for u in session.exec(select(Unit).where(Unit.kind == "school"))}
    school = units.get("THCS-TT")
    if inspector is None or school is None or school.id is None or inspector.id is None:
        return 0
    indicators = {
        i.code: i.id
        for i in session.exec(
            select(Indicator)
            .join(Framework, col(Framework.id) == Indicator.framework_id)
            .where(Framework.status == "active", Framework.subject_kind == "unit")
        )
    }
    visit = today() - timedelta(days=20)
    plan = InspectionPlan(
        school_year=YEAR,
        title="Kế hoạch kiểm tra việc thực hiện Phong trào thi đua",
        purpose="Đánh giá đúng thực chất kết quả chuyển đổi số tại các cơ sở giáo dục; kịp thời biểu dương "
        "điển hình và chấn chỉnh hạn chế.",
        status="issued",
        number="08/KH-UBND",
        signed_on=today() - timedelta(days=60),
        signer_name="Trần Văn Thành",
        signer_title="Chủ tịch",
        issued_at=utcnow() - timedelta(days=60),
    )
    session.add(plan)
    session.flush()
    for n, code in enumerate(("THCS-TT", "TH-TT"), 1):
        if code in units:
            session.add(
                InspectionPlanItem(
                    plan_id=plan.id or 0,
                    position=n,
                    unit_id=units[code].id or 0,
                    scheduled_on=visit + timedelta(days=90 * (n - 1)),
                    team="Phòng Văn hóa - Xã hội (trưởng đoàn), cán bộ phụ trách công nghệ thông tin",
                    content="Học liệu số, hệ thống quản lý học tập, an toàn thông tin (TC2, TC5)",
                )
            )
    inspection = Inspection(
        kind="periodic",
        title=TITLE,
        school_year=YEAR,
        inspection_date=visit,
        findings=CONCLUSIONS,
        status="closed",
    )
    session.add(inspection)
    session.flush()
    iid = inspection.id or 0
    session.add(InspectionMember(inspection_id=iid, user_id=inspector.id))
    session.add(InspectionUnit(inspection_id=iid, unit_id=school.id))
    session.add(InspectionLead(inspection_id=iid, user_id=inspector.id))
    session.add(
        InspectionDecision(
            inspection_id=iid,
            number="15/QĐ-UBND",
            signed_on=visit - timedelta(days=7),
            signer_name="Trần Văn Thành",
            signer_title="Chủ tịch",
        )
    )
    for code, strengths, shortcomings, recommendations in (
        (
            "TC2.1",
            "Nhà trường có kho học liệu số dùng chung cho các tổ chuyên môn.",
            "Tỷ lệ giáo viên sử dụng hệ thống quản lý học tập thường xuyên thấp hơn báo cáo.",
            "Tổ chức tập huấn sử dụng hệ thống quản lý học tập cho giáo viên trước học kỳ II",
        ),
        ("TC5.1", "Đã ban hành quy chế an toàn thông tin.", "", ""),
    ):
        session.add(
            InspectionFinding(
                inspection_id=iid,
                unit_id=school.id,
                indicator_id=indicators.get(code),
                strengths=strengths,
                shortcomings=shortcomings,
                recommendations=recommendations,
                mandatory=True,
                status="done",
                recorded_by_id=inspector.id,
            )
        )
    session.commit()
    return 1
