"""The province around the demo commune (issue 20): the Department (Sở GDĐT Phú Thọ) above Thanh Thủy
and a second fictional commune, Sơn Hà, with three schools of its own. Sơn Hà starts from the
province's defaults (the same movement and framework codes, version 1), so the Department ranks
schools of both communes on one framework version; two of its schools have submitted their
self-assessment. Thanh Thủy issues its semester report to the Department; Sơn Hà asked its schools
for the same period but has not issued its own yet, so the Department's inbox shows one received and
one missing. Written through the services as the demo logins, like demo/year.py."""

from datetime import timedelta

from sqlmodel import Session, col, select

from thidua.auth.models import User, UserRole
from thidua.auth.passwords import hash_password
from thidua.auth.policy import Actor, load_actor
from thidua.awards.types.schemas import AwardTypeDocument
from thidua.awards.types.service import activate_award_type, create_award_type
from thidua.core.models import today
from thidua.demo.award_types import AWARD_TYPES
from thidua.demo.catalogue import MOVEMENT, framework_document
from thidua.demo.data import DEMO_PASSWORD, DemoUser
from thidua.demo.year import YEAR, Demo, _self_assessment
from thidua.frameworks.models import Framework
from thidua.frameworks.schemas import FrameworkDocument
from thidua.frameworks.service import activate, create_framework
from thidua.movements.models import Movement
from thidua.movements.schemas import MovementCreate
from thidua.movements.service import create_movement
from thidua.reports import service as reports
from thidua.reports.models import ReportRequest
from thidua.reports.schemas import ConsolidatedIssueCreate, ReportRequestCreate
from thidua.units.models import StaffMember, Unit, UnitKind
from thidua.units.service import claim_for_the_first_commune

DEPARTMENT = ("SO-GDDT-PT", "Sở Giáo dục và Đào tạo tỉnh Phú Thọ")
SECOND = ("UBND-SH", "UBND xã Sơn Hà")
SECOND_OFFICE = ("SH-VHXH", "Phòng Văn hóa - Xã hội xã Sơn Hà")
SECOND_SCHOOLS = [
    ("MN-SH", "Trường Mầm non Sơn Hà", "preschool"),
    ("TH-SH", "Trường Tiểu học Sơn Hà", "primary"),
    ("THCS-SH", "Trường THCS Sơn Hà", "lower_secondary"),
]
SECOND_STAFF = {
    "MN-SH": ["Đinh Thị Mai", "Tạ Thị Hồng", "Lò Thị Hạnh"],
    "TH-SH": ["Cao Văn Khải", "Mai Thị Thu", "Kiều Thị Lan"],
    "THCS-SH": ["Quách Thị Nga", "Lục Văn Bình", "Tô Thị Yến"],
}
PROVINCE_USERS = [
    DemoUser("so.gddt", "Nguyễn Văn Sở", ("department_officer",), "SO-GDDT-PT"),
    DemoUser("quantri.tinh", "Quản trị cấp tỉnh", ("province_admin",), "SO-GDDT-PT"),
    DemoUser("vhxh.sonha", "Bùi Thị Hoa", ("commune_officer",), "SH-VHXH"),
    DemoUser("chutich.sonha", "Đỗ Văn Hải", ("commune_leader",), "UBND-SH"),
    DemoUser("hieutruong.thsh", "", ("unit_manager",), "TH-SH", "TH-SH-01"),
    DemoUser("hieutruong.thcssh", "", ("unit_manager",), "THCS-SH", "THCS-SH-01"),
]


def _unit(
    session: Session, code: str, name: str, kind: str, parent: Unit | None, level: str | None = None
) -> Unit:
    unit = Unit(code=code, name=name, kind=kind, school_level=level, parent_id=parent.id if parent else None)
    session.add(unit)
    session.flush()
    return unit


def _people(session: Session) -> None:
    units = {u.code: u.id for u in session.exec(select(Unit)) if u.id is not None}
    for school, names in SECOND_STAFF.items():
        for i, full_name in enumerate(names):
            position = "Hiệu trưởng" if i == 0 else "Giáo viên"
            session.add(
                StaffMember(
                    code=f"{school}-{i + 1:02d}",
                    full_name=full_name,
                    position=position,
                    unit_id=units[school],
                )
            )
    session.flush()
    password_hash = hash_password(DEMO_PASSWORD)
    for demo in PROVINCE_USERS:
        staff = (
            session.exec(select(StaffMember).where(StaffMember.code == demo.staff_code)).one()
            if demo.staff_code
            else None
        )
        user = User(
            login=demo.login,
            full_name=demo.full_name or (staff.full_name if staff else demo.login),
            password_hash=password_hash,
            unit_id=units[demo.unit_code] if demo.unit_code else None,
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        for role in demo.roles:
            session.add(UserRole(user_id=user.id, role=role))
        if staff is not None:
            staff.user_id = user.id
            session.add(staff)
    session.commit()


def _actor(session: Session, login: str) -> Actor:
    return load_actor(session, session.exec(select(User).where(User.login == login)).one())


def _defaults(session: Session) -> Framework:
    """Sơn Hà's movement, frameworks and award types, started from the province's defaults."""
    officer = _actor(session, "vhxh.sonha")
    movement = create_movement(session, officer, MovementCreate.model_validate(MOVEMENT))
    assert movement.id is not None
    unit_framework = None
    for subject_kind in ("unit", "individual"):
        doc = FrameworkDocument.model_validate(framework_document(movement.id, subject_kind))
        fw = activate(session, officer, create_framework(session, officer, doc))
        if subject_kind == "unit":
            unit_framework = fw
    for award_type in AWARD_TYPES:
        activate_award_type(
            session,
            officer,
            create_award_type(session, officer, AwardTypeDocument.model_validate(award_type)),
        )
    assert unit_framework is not None
    return unit_framework


def _reports(session: Session) -> None:
    """Thanh Thủy issues its semester report to the Department; Sơn Hà asks its schools for the same
    period and has not issued its report yet."""
    tt_request = session.exec(
        select(ReportRequest).where(ReportRequest.kind == "semester", ReportRequest.school_year == YEAR)
    ).first()
    if tt_request is not None:
        reports.issue_consolidated(
            session,
            _actor(session, "chutich"),
            tt_request,
            ConsolidatedIssueCreate(number="45", issued_on=today(), signer="Trần Văn Thành"),
        )
    officer = _actor(session, "vhxh.sonha")
    movement_id = session.exec(select(Movement.id).where(Movement.commune_id == officer.commune_id)).one()
    codes = [s[0] for s in SECOND_SCHOOLS]
    schools = session.exec(select(Unit.id).where(col(Unit.code).in_(codes))).all()
    reports.create_request(
        session,
        officer,
        ReportRequestCreate(
            movement_id=movement_id,
            kind="semester",
            title="Báo cáo sơ kết học kỳ I năm học 2025-2026",
            period_label="Học kỳ I",
            school_year=YEAR,
            due_date=today() + timedelta(days=10),
            unit_ids=[s for s in schools if s is not None],
        ),
    )


def load_province(session: Session) -> int:
    """Once (when there is no Department yet); returns 1 when it wrote the province, else 0."""
    if session.exec(select(Unit.id).where(Unit.kind == UnitKind.department.value)).first() is not None:
        return 0
    claim_for_the_first_commune(session)  # every commune-level row so far is Thanh Thủy's
    department = _unit(session, *DEPARTMENT, UnitKind.department.value, None)
    for commune in session.exec(select(Unit).where(Unit.kind == UnitKind.commune.value)).all():
        commune.parent_id = department.id
        session.add(commune)
    second = _unit(session, *SECOND, UnitKind.commune.value, department)
    _unit(session, *SECOND_OFFICE, UnitKind.office.value, second)
    schools = {
        code: _unit(session, code, name, UnitKind.school.value, second, level)
        for code, name, level in SECOND_SCHOOLS
    }
    session.commit()
    _people(session)
    framework = _defaults(session)
    demo = Demo(session, session.get_one(Movement, framework.movement_id), schools)
    _self_assessment(demo, "hieutruong.thsh", "TH-SH", framework, 90)
    _self_assessment(demo, "hieutruong.thcssh", "THCS-SH", framework, 75)
    _reports(session)
    return 1
