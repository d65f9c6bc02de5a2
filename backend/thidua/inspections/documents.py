"""The inspection's documents in the layout of Decree 30/2020: the yearly plan (Kế hoạch kiểm tra),
the decision sending the team (Quyết định kiểm tra) and, per school, the minutes (Biên bản kiểm tra)
signed by the team lead and the school's head."""

from datetime import date

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from sqlmodel import Session, col, select

from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.auth.models import User, UserRole
from thidua.auth.roles import Role
from thidua.core.errors import Conflict
from thidua.documents import decree30
from thidua.frameworks.models import Indicator
from thidua.inspections.models import (
    Inspection,
    InspectionDecision,
    InspectionFinding,
    InspectionLead,
    InspectionMember,
    InspectionPlan,
    InspectionUnit,
    InspectionValue,
)
from thidua.inspections.plans import items_of
from thidua.units.models import Unit

COMMUNE_BODY = ("ỦY BAN NHÂN DÂN", "XÃ THANH THỦY")
PLACE = "Thanh Thủy"
MOVEMENT = (
    "Phong trào thi đua phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số "
    "ngành giáo dục và đào tạo xã Thanh Thủy (giai đoạn 2025-2030)"
)
KIND = {"periodic": "định kỳ", "ad_hoc": "đột xuất"}


def _vn_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _team(session: Session, inspection: Inspection) -> tuple[list[User], User | None]:
    members = list(
        session.exec(
            select(User)
            .join(InspectionMember, col(InspectionMember.user_id) == User.id)
            .where(InspectionMember.inspection_id == inspection.id)
            .order_by(col(InspectionMember.id))
        ).all()
    )
    lead_row = session.get(InspectionLead, inspection.id)
    lead = next((u for u in members if lead_row and u.id == lead_row.user_id), None)
    return members, lead


def _school_head(session: Session, unit_id: int) -> str:
    """The school's manager account's name (the head who signs for the inspected school)."""
    name = session.exec(
        select(User.full_name)
        .join(UserRole, col(UserRole.user_id) == User.id)
        .where(User.unit_id == unit_id, UserRole.role == Role.unit_manager.value, col(User.is_active))
        .order_by(col(User.id))
    ).first()
    return name or ""


def _without_kind(title: str, kind: str) -> str:
    if title.lower().startswith(f"{kind.lower()} "):
        rest = title[len(kind) + 1 :].strip()
        return rest[:1].upper() + rest[1:]
    return title


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", ";", ":")) else f"{text}."


def _lines(doc: DocumentType, text: str) -> None:
    for line in text.splitlines():
        if line.strip():
            decree30.paragraph(doc, line.strip(), first_line_indent=10)


def minutes(session: Session, inspection: Inspection, unit_id: int) -> bytes:
    """Biên bản kiểm tra at one school: team, values verified beside the self values, findings per
    indicator, overall conclusions, recommendations; the school's head signs left, the lead right."""
    unit = session.get(Unit, unit_id)
    assert unit is not None  # access.minutes_unit chose one of the inspection's units
    members, lead = _team(session, inspection)
    if lead is None:
        raise Conflict("Đợt kiểm tra chưa có trưởng đoàn để ký biên bản.")
    decision = session.get(InspectionDecision, inspection.id)
    findings = session.exec(
        select(InspectionFinding, Indicator.code)
        .join(Indicator, col(Indicator.id) == InspectionFinding.indicator_id, isouter=True)
        .where(InspectionFinding.inspection_id == inspection.id, InspectionFinding.unit_id == unit.id)
        .order_by(col(Indicator.position), col(InspectionFinding.id))
    ).all()
    values = session.exec(
        select(InspectionValue, Indicator.code, col(AssessmentEntry.self_value))
        .join(Indicator, col(Indicator.id) == InspectionValue.indicator_id)
        .join(SelfAssessment, col(SelfAssessment.id) == InspectionValue.assessment_id)
        .join(
            AssessmentEntry,
            (col(AssessmentEntry.assessment_id) == InspectionValue.assessment_id)
            & (col(AssessmentEntry.indicator_id) == InspectionValue.indicator_id),
            isouter=True,
        )
        .where(InspectionValue.inspection_id == inspection.id, SelfAssessment.unit_id == unit.id)
        .order_by(col(Indicator.position))
    ).all()
    head_name = _school_head(session, unit.id or 0)
    head = decree30.Letterhead(
        issuing_body=("UBND XÃ THANH THỦY", "ĐOÀN KIỂM TRA"),
        number_line="Số:      /BB-ĐKT",
        place=PLACE,
        issued_on=inspection.inspection_date,
        kind="BIÊN BẢN",
        title=decree30.without_doubled_words(f"{inspection.title} tại {unit.name}"),
        recipients=["- UBND xã (để báo cáo);", f"- {unit.name};", "- Lưu: VT, ĐKT."],
        # One title line and a blank one, so both names sit on one line beside the school's two.
        authority=("TRƯỞNG ĐOÀN KIỂM TRA", ""),
        signer=lead.full_name,
        cosigner=(("ĐẠI DIỆN ĐƠN VỊ", "HIỆU TRƯỞNG"), head_name),
    )

    def body(doc: DocumentType) -> None:
        if decision is not None:
            decree30.paragraph(
                doc,
                f"Căn cứ Quyết định số {decision.number} ngày {_vn_date(decision.signed_on)} của Chủ tịch "
                f"UBND xã Thanh Thủy về việc kiểm tra việc thực hiện {MOVEMENT};",
                first_line_indent=10,
            )
        decree30.paragraph(
            doc,
            f"Hôm nay, ngày {_vn_date(inspection.inspection_date)}, Đoàn kiểm tra {KIND[inspection.kind]} "
            f"của UBND xã làm việc tại {unit.name}.",
            first_line_indent=10,
        )
        decree30.paragraph(doc, "I. THÀNH PHẦN", bold=True)
        decree30.paragraph(doc, "1. Đoàn kiểm tra:", first_line_indent=10)
        for m in members:
            role = "Trưởng đoàn" if lead is not None and m.id == lead.id else "Thành viên"
            decree30.paragraph(doc, f"- Ông (Bà) {m.full_name}, {role};", first_line_indent=10)
        decree30.paragraph(doc, f"2. Đơn vị được kiểm tra: {unit.name}.", first_line_indent=10)
        if head_name:
            decree30.paragraph(doc, f"- Ông (Bà) {head_name}, Hiệu trưởng.", first_line_indent=10)
        decree30.paragraph(doc, "II. KẾT QUẢ KIỂM TRA", bold=True)
        if values:
            decree30.paragraph(doc, "1. Giá trị xác minh tại đơn vị:", first_line_indent=10)
            decree30.table(
                doc,
                ["STT", "Chỉ tiêu", "Đơn vị tự đánh giá", "Đoàn kiểm tra xác minh", "Ghi chú"],
                [
                    [
                        n,
                        code,
                        decree30.vn_number(float(self_value), 2) if self_value is not None else "",
                        decree30.vn_number(float(v.value), 2),
                        v.comment or "",
                    ]
                    for n, (v, code, self_value) in enumerate(values, 1)
                ],
                size=11,
            )
        decree30.paragraph(doc, f"{2 if values else 1}. Nhận xét theo chỉ tiêu:", first_line_indent=10)
        if findings:
            decree30.table(
                doc,
                ["STT", "Chỉ tiêu", "Ưu điểm", "Hạn chế", "Kiến nghị"],
                [
                    [n, code or "Chung", f.strengths, f.shortcomings, f.recommendations]
                    for n, (f, code) in enumerate(findings, 1)
                ],
                size=11,
            )
        else:
            decree30.paragraph(doc, "Đoàn không ghi nhận xét riêng theo chỉ tiêu.", italic=True)
        decree30.paragraph(doc, "III. KẾT LUẬN", bold=True)
        if inspection.findings.strip():
            _lines(doc, inspection.findings)
        else:
            decree30.paragraph(
                doc, "Đoàn kiểm tra đang tổng hợp kết luận.", italic=True, first_line_indent=10
            )
        recommendations = [f.recommendations.strip() for f, _ in findings if f.recommendations.strip()]
        decree30.paragraph(doc, "IV. KIẾN NGHỊ", bold=True)
        if recommendations:
            decree30.paragraph(
                doc,
                f"Đề nghị {unit.name} thực hiện và báo cáo kết quả với UBND xã:",
                first_line_indent=10,
            )
            for r in recommendations:
                decree30.paragraph(doc, f"- {_sentence(r)}", first_line_indent=10)
        else:
            decree30.paragraph(doc, "Đoàn kiểm tra không có kiến nghị.", first_line_indent=10)
        decree30.paragraph(
            doc,
            "Biên bản được lập thành 02 bản có giá trị như nhau, đơn vị được kiểm tra giữ 01 bản, "
            "Đoàn kiểm tra giữ 01 bản; đã được đọc lại và các bên thống nhất ký tên./.",
            first_line_indent=10,
        )

    return decree30.build(head, body)


def decision(session: Session, inspection: Inspection) -> bytes:
    """Quyết định kiểm tra: the chairman (or a deputy) sends the team to the schools."""
    d = session.get(InspectionDecision, inspection.id)
    if d is None:
        raise Conflict("Chưa ghi số và người ký quyết định kiểm tra.")
    members, lead = _team(session, inspection)
    units = session.exec(
        select(Unit.name)
        .join(InspectionUnit, col(InspectionUnit.unit_id) == Unit.id)
        .where(InspectionUnit.inspection_id == inspection.id)
        .order_by(col(Unit.code))
    ).all()
    head = decree30.Letterhead(
        issuing_body=COMMUNE_BODY,
        number_line=f"Số: {d.number}",
        place=PLACE,
        issued_on=d.signed_on,
        kind="QUYẾT ĐỊNH",
        title=f"Về việc kiểm tra {KIND[inspection.kind]} việc thực hiện Phong trào thi đua năm học "
        f"{inspection.school_year}",
        recipients=["- Như Điều 3;", "- Thường trực Đảng ủy, HĐND xã;", "- Lưu: VT, VHXH."],
        authority=decree30.signature_authority("ỦY BAN NHÂN DÂN", "Chủ tịch", d.signer_title),
        signer=d.signer_name,
    )

    def body(doc: DocumentType) -> None:
        decree30.paragraph(
            doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THANH THỦY", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
        )
        decree30.paragraph(
            doc,
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025; Căn cứ Kế hoạch tổ chức "
            f"{MOVEMENT}; Xét đề nghị của Trưởng phòng Văn hóa - Xã hội,",
            italic=True,
            first_line_indent=10,
        )
        decree30.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        decree30.paragraph(
            doc,
            f"Điều 1. Kiểm tra {KIND[inspection.kind]} việc thực hiện Phong trào thi đua năm học "
            f"{inspection.school_year} tại: {', '.join(units)}. Thời gian kiểm tra: ngày "
            f"{_vn_date(inspection.inspection_date)}.",
            first_line_indent=10,
        )
        decree30.paragraph(doc, "Điều 2. Thành lập Đoàn kiểm tra gồm các ông (bà):", first_line_indent=10)
        for m in members:
            role = "Trưởng đoàn" if lead is not None and m.id == lead.id else "Thành viên"
            decree30.paragraph(doc, f"- {m.full_name}, {role};", first_line_indent=10)
        decree30.paragraph(
            doc,
            "Đoàn kiểm tra có nhiệm vụ xác minh kết quả tự đánh giá, nhận xét ưu điểm, hạn chế, kiến nghị "
            "và lập biên bản kiểm tra tại từng đơn vị; tự giải thể sau khi hoàn thành nhiệm vụ.",
            first_line_indent=10,
        )
        decree30.paragraph(
            doc,
            "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và UBND xã, Trưởng phòng "
            "Văn hóa - Xã hội, các thành viên Đoàn kiểm tra và thủ trưởng các đơn vị có tên tại Điều 1 chịu "
            "trách nhiệm thi hành Quyết định này./.",
            first_line_indent=10,
        )

    return decree30.build(head, body)


def plan_document(session: Session, plan: InspectionPlan) -> bytes:
    """Kế hoạch kiểm tra năm học: purpose, the schedule of visits (school, date, team, content)."""
    if plan.status != "issued" or not plan.number or not plan.signed_on or not plan.signer_name:
        raise Conflict("Kế hoạch kiểm tra chưa ban hành: chưa có số và người ký.")
    items = items_of(session, plan)
    head = decree30.Letterhead(
        issuing_body=COMMUNE_BODY,
        number_line=f"Số: {plan.number}",
        place=PLACE,
        issued_on=plan.signed_on,
        kind="KẾ HOẠCH",
        # Under "KẾ HOẠCH" the title does not say "Kế hoạch" again.
        title=decree30.without_doubled_words(
            decree30.joined(_without_kind(plan.title, "Kế hoạch"), f"năm học {plan.school_year}", " ")
        ),
        recipients=[
            "- Các cơ sở giáo dục trên địa bàn xã;",
            "- Thành viên Đoàn kiểm tra;",
            "- Lưu: VT, VHXH.",
        ],
        authority=decree30.signature_authority("ỦY BAN NHÂN DÂN", "Chủ tịch", plan.signer_title or ""),
        signer=plan.signer_name,
    )

    def body(doc: DocumentType) -> None:
        decree30.paragraph(
            doc,
            f"Thực hiện Kế hoạch tổ chức {MOVEMENT}, UBND xã Thanh Thủy ban hành Kế hoạch kiểm tra năm học "
            f"{plan.school_year} như sau:",
            first_line_indent=10,
        )
        decree30.paragraph(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
        if plan.purpose.strip():
            _lines(doc, plan.purpose)
        else:
            decree30.paragraph(
                doc,
                "Đánh giá khách quan kết quả thực hiện Phong trào thi đua tại các cơ sở giáo dục; kịp thời "
                "phát hiện, biểu dương điển hình và chấn chỉnh hạn chế.",
                first_line_indent=10,
            )
        decree30.paragraph(doc, "II. NỘI DUNG, LỊCH KIỂM TRA", bold=True)
        decree30.table(
            doc,
            ["STT", "Đơn vị", "Thời gian", "Thành phần đoàn", "Nội dung kiểm tra"],
            [
                [n, name, _vn_date(item.scheduled_on), item.team, item.content]
                for n, (item, name) in enumerate(items, 1)
            ],
            size=11,
        )
        decree30.paragraph(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
        decree30.paragraph(
            doc,
            "1. Phòng Văn hóa - Xã hội tham mưu quyết định kiểm tra, thông báo lịch cho các đơn vị trước "
            "ngày kiểm tra; tổng hợp kết quả, báo cáo Chủ tịch UBND xã.",
            first_line_indent=10,
        )
        decree30.paragraph(
            doc,
            "2. Các cơ sở giáo dục chuẩn bị hồ sơ, minh chứng tự đánh giá; thực hiện các kiến nghị của Đoàn "
            "kiểm tra và báo cáo kết quả trên hệ thống Thi Đua Số./.",
            first_line_indent=10,
        )

    return decree30.build(head, body)
