"""Demo Ban chỉ đạo (seed IV.1) and research support (seed V.4.2): the committee established by the
commune's decision, with the deputy chairman at its head, the Phòng Văn hóa - Xã hội officer as
standing member and four heads of school; each member follows a content area in some schools. Two
schools record the support they give their teachers' initiatives."""

from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from thidua.initiatives.models import Initiative, InitiativeAuthor
from thidua.movements.models import ContentArea
from thidua.research.models import ResearchSupport
from thidua.steering.models import (
    SteeringAssignment,
    SteeringAssignmentUnit,
    SteeringCommittee,
    SteeringMember,
)
from thidua.units.models import StaffMember, Unit

YEAR = "2025-2026"
# Commune staff on the committee: (code, name, position, unit code). The school heads are the loader's.
COMMUNE_STAFF = (
    ("UBND-TT-01", "Trần Văn Thành", "Phó Chủ tịch UBND xã", "UBND-TT"),
    ("VHXH-01", "Nguyễn Thị Thu Hà", "Công chức Văn hóa - Xã hội", "VHXH"),
)
MEMBERS = (
    ("UBND-TT-01", "head", "Chỉ đạo chung Phong trào thi đua."),
    ("VHXH-01", "standing_member", "Thường trực, tổng hợp, tham mưu; theo dõi báo cáo định kỳ."),
    ("THCS-TT-01", "deputy", "Phụ trách khối trung học cơ sở."),
    ("TH-TT-01", "member", "Phụ trách khối tiểu học."),
    ("MN-TT-01", "member", "Phụ trách khối mầm non."),
    ("TH-DX-01", "secretary", "Thư ký Ban chỉ đạo."),
)
# (member, content area position (1-based), schools)
ASSIGNMENTS = (
    ("VHXH-01", 1, ("THCS-TT", "THCS-DX", "TH-TT", "TH-DX")),
    ("THCS-TT-01", 2, ("THCS-TT", "THCS-DX")),
    ("TH-TT-01", 3, ("TH-TT", "TH-DX", "TH-TP", "TH-HX")),
    ("MN-TT-01", 4, ("MN-TT", "MN-DX", "MN-ST")),
)
# (school, author staff code, kind, title, hours, money, expertise, from, to)
SUPPORTS = (
    (
        "THCS-TT",
        "THCS-TT-05",
        "research",
        "Nghiên cứu ứng dụng trợ lý AI trong dạy học Khoa học tự nhiên",
        Decimal("24"),
        5_000_000,
        "Tổ Khoa học tự nhiên góp ý đề cương; mời giảng viên trường đại học hướng dẫn.",
        date(2025, 10, 1),
        date(2026, 3, 31),
    ),
    (
        "THCS-TT",
        "THCS-TT-07",
        "initiative",
        "Sáng kiến số hóa sổ theo dõi học sinh bằng biểu mẫu trực tuyến",
        Decimal("8"),
        1_500_000,
        "",
        date(2025, 11, 15),
        date(2026, 1, 15),
    ),
    (
        "TH-TT",
        "TH-TT-08",
        "digital_material",
        "Bộ học liệu số Tiếng Việt lớp 3",
        Decimal("12.5"),
        2_000_000,
        "Tổ khối 3 thẩm định nội dung.",
        date(2025, 9, 20),
        None,
    ),
)


def load_steering(session: Session) -> bool:
    """Adds the committee and the supports once; returns whether anything was added."""
    if session.exec(select(SteeringCommittee.id)).first() is not None:
        return False
    units = {u.code: u for u in session.exec(select(Unit))}
    areas = list(session.exec(select(ContentArea).order_by(ContentArea.position, ContentArea.id)))  # type: ignore[arg-type]
    if not areas or any(code not in units for *_, code in COMMUNE_STAFF):
        return False
    for code, name, position, unit_code in COMMUNE_STAFF:
        if session.exec(select(StaffMember).where(StaffMember.code == code)).first() is None:
            session.add(
                StaffMember(code=code, full_name=name, position=position, unit_id=units[unit_code].id or 0)
            )
    session.flush()
    staff = {s.code: s for s in session.exec(select(StaffMember))}
    committee = SteeringCommittee(
        name="Ban chỉ đạo Phong trào thi đua phát triển khoa học công nghệ, đổi mới sáng tạo và chuyển đổi "
        "số ngành giáo dục và đào tạo xã Thanh Thủy",
        decision_number="125/QĐ-UBND",
        decision_date=date(2025, 9, 10),
        signer="Trần Văn Thành",
        note="Kiện toàn theo Kế hoạch tổ chức Phong trào thi đua giai đoạn 2025-2030.",
    )
    session.add(committee)
    session.flush()
    members = {}
    for code, position, duties in MEMBERS:
        member = SteeringMember(
            committee_id=committee.id or 0, staff_id=staff[code].id or 0, position=position, duties=duties
        )
        session.add(member)
        session.flush()
        members[code] = member
    for code, area_position, schools in ASSIGNMENTS:
        assignment = SteeringAssignment(
            committee_id=committee.id or 0,
            member_id=members[code].id or 0,
            content_area_id=areas[min(area_position, len(areas)) - 1].id or 0,
            note="Theo dõi, đôn đốc hằng tháng; báo cáo Ban chỉ đạo mỗi học kỳ.",
        )
        session.add(assignment)
        session.flush()
        for school in schools:
            session.add(
                SteeringAssignmentUnit(assignment_id=assignment.id or 0, unit_id=units[school].id or 0)
            )
    for school, author, kind, title, hours, money, expertise, start, end in SUPPORTS:
        initiative = Initiative(
            unit_id=staff[author].unit_id, kind=kind, title=title, school_year=YEAR, summary=expertise
        )
        session.add(initiative)
        session.flush()
        session.add(
            InitiativeAuthor(
                initiative_id=initiative.id or 0, staff_id=staff[author].id or 0, share_percent=Decimal(100)
            )
        )
        session.add(
            ResearchSupport(
                unit_id=units[school].id or 0,
                initiative_id=initiative.id or 0,
                hours=hours,
                money=money,
                expertise=expertise,
                starts_on=start,
                ends_on=end,
            )
        )
    session.commit()
    return True
