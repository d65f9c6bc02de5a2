"""Demo budget of the movement for the 2025-2026 school year, kept by Phòng Kinh tế (login kinhte):
the commune's budget by source, allocations to two schools and to the commune's own activities, the
spending recorded so far, and three partners, two of whom have contributed.

Figures (đồng): state budget 250,000,000 (THCS Thanh Thủy 90 M, TH Thanh Thủy 70 M, commune 40 M,
50 M unallocated); socialisation 80,000,000 (THCS Thanh Thủy 30 M). Spent: 45.6 M, 18.5 M, 12 M and
9.8 M. Partners: 30 M in cash and 12 M in kind."""

from datetime import date

from sqlmodel import Session, select

from thidua.budget.models import (
    BudgetAllocation,
    BudgetSource,
    BudgetSpending,
    Partner,
    PartnerAgreement,
    PartnerContribution,
)
from thidua.movements.models import Movement
from thidua.units.models import Unit

YEAR = "2025-2026"
SOURCES = (
    ("state_budget", 250_000_000, "Dự toán ngân sách xã năm 2026 cho Phong trào thi đua"),
    ("socialisation", 80_000_000, "Vận động doanh nghiệp, cha mẹ học sinh"),
)
# (school code or None for the commune's activities, source, amount, purpose, spending records)
ALLOCATIONS = (
    (
        "THCS-TT",
        "state_budget",
        90_000_000,
        "Mua bảng tương tác, máy chiếu cho phòng học",
        ((date(2025, 11, 14), 45_600_000, "Mua 2 bảng tương tác 75 inch", "HĐ 0001245"),),
    ),
    (
        "TH-TT",
        "state_budget",
        70_000_000,
        "Trang bị phòng học STEM",
        ((date(2025, 12, 2), 18_500_000, "Mua 10 bộ kit lắp ráp robot", "HĐ 0000387"),),
    ),
    (
        None,
        "state_budget",
        40_000_000,
        "Lễ phát động, hội nghị sơ kết và tập huấn chuyển đổi số của xã",
        ((date(2025, 9, 20), 12_000_000, "Tổ chức Lễ phát động Phong trào thi đua", "PC 015/2025"),),
    ),
    (
        "THCS-TT",
        "socialisation",
        30_000_000,
        "Câu lạc bộ lập trình và sáng tạo",
        ((date(2026, 1, 10), 9_800_000, "Mua 4 máy tính cho câu lạc bộ", "HĐ 0002210"),),
    ),
)


def load_budget(session: Session) -> bool:
    """Adds the demo budget once; returns whether anything was added."""
    movement = session.exec(select(Movement)).first()
    if movement is None or movement.id is None or session.exec(select(BudgetSource.id)).first() is not None:
        return False
    units = {u.code: u.id for u in session.exec(select(Unit).where(Unit.kind == "school"))}
    sources: dict[str, BudgetSource] = {}
    for kind, amount, note in SOURCES:
        sources[kind] = BudgetSource(
            movement_id=movement.id, school_year=YEAR, source=kind, amount_vnd=amount, note=note
        )
        session.add(sources[kind])
    session.flush()
    for school, kind, amount, purpose, spending in ALLOCATIONS:
        allocation = BudgetAllocation(
            source_id=sources[kind].id or 0,
            unit_id=units[school] if school else None,
            purpose=purpose,
            amount_vnd=amount,
        )
        session.add(allocation)
        session.flush()
        for day, spent, description, voucher in spending:
            session.add(
                BudgetSpending(
                    allocation_id=allocation.id or 0,
                    spent_on=day,
                    amount_vnd=spent,
                    description=description,
                    voucher_number=voucher,
                )
            )

    business = Partner(
        kind="business",
        name="Công ty TNHH Công nghệ số Thanh Thủy",
        contact="Ông Nguyễn Văn Bình, 0912 345 678",
    )
    parents = Partner(kind="parents_association", name="Ban đại diện cha mẹ học sinh Trường THCS Thanh Thủy")
    expert = Partner(
        kind="expert",
        name="ThS. Lê Thu Hằng",
        contact="Giảng viên công nghệ thông tin",
        note="Hỗ trợ chuyên môn tập huấn ứng dụng AI trong dạy học",
    )
    session.add_all([business, parents, expert])
    session.flush()
    agreement = PartnerAgreement(
        partner_id=business.id or 0,
        number="01/2025/TTHT",
        title="Thỏa thuận tài trợ thiết bị chuyển đổi số cho các trường",
        signed_on=date(2025, 9, 15),
        pledged_vnd=50_000_000,
    )
    session.add(agreement)
    session.flush()
    social = sources["socialisation"].id or 0
    session.add_all(
        [
            PartnerContribution(
                partner_id=business.id or 0,
                agreement_id=agreement.id,
                source_id=social,
                kind="cash",
                amount_vnd=30_000_000,
                description="Tài trợ đợt 1 bằng tiền",
                received_on=date(2025, 10, 5),
            ),
            PartnerContribution(
                partner_id=parents.id or 0,
                source_id=social,
                kind="in_kind",
                amount_vnd=12_000_000,
                description="20 bộ bàn ghế phòng tin học",
                received_on=date(2025, 11, 1),
                unit_id=units["THCS-TT"],
            ),
        ]
    )
    session.commit()
    return True
