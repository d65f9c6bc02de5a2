"""Loads the demo commune; running it again changes nothing that exists."""

from types import SimpleNamespace
from typing import cast

from sqlmodel import Session, select

from thidua.auth.models import User, UserRole
from thidua.auth.passwords import hash_password
from thidua.auth.policy import Actor
from thidua.auth.roles import ROLE_LABELS_VI, Role
from thidua.awards.cash import ensure_default_base_salary
from thidua.awards.models import AwardType
from thidua.awards.types.schemas import AwardTypeDocument
from thidua.awards.types.service import activate_award_type, create_award_type
from thidua.config import Settings
from thidua.db import make_engine
from thidua.demo.award_types import AWARD_TYPES
from thidua.demo.awards import load_award_history
from thidua.demo.budget import load_budget
from thidua.demo.catalogue import MOVEMENT, framework_document
from thidua.demo.communications import load_communications
from thidua.demo.data import COMMUNE, DEMO_PASSWORD, OFFICES, SCHOOLS, SUBJECT_GROUPS, USERS, school_staff
from thidua.demo.dti import load_dti_results
from thidua.demo.inspections import load_inspections
from thidua.demo.province import PROVINCE_USERS, load_province
from thidua.demo.steering import load_steering
from thidua.demo.year import load_year
from thidua.frameworks.models import Framework
from thidua.frameworks.schemas import FrameworkDocument
from thidua.frameworks.service import activate, create_framework
from thidua.movements.models import Movement
from thidua.movements.schemas import MovementCreate
from thidua.movements.service import create_movement
from thidua.storage import storage_for
from thidua.units.models import StaffMember, Unit

# Demo data is written by the system itself; the audit trail shows no person for it.
# A one-commune deployment's system: no commune wall (the province's communes come later, demo/province.py).
SYSTEM = SimpleNamespace(
    id=None,
    login="system",
    user=SimpleNamespace(unit_id=None),
    commune_id=None,
    sees_commune=lambda _commune_id: True,
)


def _unit(
    session: Session, code: str, name: str, kind: str, parent: Unit | None, level: str | None = None
) -> Unit:
    unit = session.exec(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        unit = Unit(
            code=code, name=name, kind=kind, school_level=level, parent_id=parent.id if parent else None
        )
        session.add(unit)
        session.flush()
    return unit


def load_demo(settings: Settings) -> dict[str, int]:
    """Returns how many rows of each kind were created."""
    created = {
        "units": 0,
        "staff": 0,
        "users": 0,
        "frameworks": 0,
        "award_history": 0,
        "budget": 0,
        "steering": 0,
        "dti_results": 0,
        "communications": 0,
        "inspections": 0,
        "year": 0,
        "province": 0,
    }
    engine = make_engine(settings.resolved_database_url)
    with Session(engine) as session:
        before_units = len(session.exec(select(Unit.id)).all())
        commune = _unit(session, COMMUNE[0], COMMUNE[1], "commune", None)
        for code, name in OFFICES:
            _unit(session, code, name, "office", commune)
        for school in SCHOOLS:
            unit = _unit(session, school.code, school.name, "school", commune, school.level)
            for group_code, group_name in SUBJECT_GROUPS[school.level]:
                _unit(
                    session,
                    f"{school.code}-{group_code}",
                    f"{group_name} - {school.short}",
                    "subject_group",
                    unit,
                )
        created["units"] = len(session.exec(select(Unit.id)).all()) - before_units

        unit_ids = {u.code: u.id for u in session.exec(select(Unit)) if u.id is not None}
        existing_staff = set(session.exec(select(StaffMember.code)).all())
        staff_names = {}
        for member in school_staff():
            staff_names[member.code] = member.full_name
            if member.code not in existing_staff:
                session.add(
                    StaffMember(
                        code=member.code,
                        full_name=member.full_name,
                        position=member.position,
                        unit_id=unit_ids[member.unit_code],
                    )
                )
                created["staff"] += 1
        session.flush()

        password_hash = hash_password(DEMO_PASSWORD)
        for demo in USERS:
            if session.exec(select(User).where(User.login == demo.login)).first() is not None:
                continue
            full_name = demo.full_name or staff_names.get(demo.staff_code or "", demo.login)
            user = User(
                login=demo.login,
                full_name=full_name,
                password_hash=password_hash,
                unit_id=unit_ids[demo.unit_code] if demo.unit_code else None,
            )
            session.add(user)
            session.flush()
            assert user.id is not None
            for role in demo.roles:
                session.add(UserRole(user_id=user.id, role=role))
            if demo.staff_code:
                linked = session.exec(select(StaffMember).where(StaffMember.code == demo.staff_code)).one()
                if linked.user_id is None:
                    linked.user_id = user.id
                    session.add(linked)
            created["users"] += 1
        session.commit()
        created["frameworks"] = load_movement(session)
        created["award_history"] = int(load_award_history(session))
        created["budget"] = int(load_budget(session))
        created["steering"] = int(load_steering(session))
        created["dti_results"] = load_dti_results(session)
        storage = storage_for(settings.storage_url, settings.var_dir)
        created["communications"] = int(load_communications(session, storage))
        created["inspections"] = load_inspections(session)
        created["year"] = load_year(session)
        created["province"] = load_province(session)
    engine.dispose()
    return created


def load_movement(session: Session) -> int:
    """The Thanh Thủy movement with its two default frameworks and the default award types, active.
    Returns the number of frameworks created. The commune plan and the year's work come later
    (demo/year.py), through the services."""
    system = cast(Actor, SYSTEM)
    movement = session.exec(select(Movement).where(Movement.code == MOVEMENT["code"])).first()
    if movement is None:
        movement = create_movement(session, system, MovementCreate.model_validate(MOVEMENT))
    assert movement.id is not None
    created = 0
    for subject_kind in ("unit", "individual"):
        doc = FrameworkDocument.model_validate(framework_document(movement.id, subject_kind))
        if session.exec(select(Framework.id).where(Framework.code == doc.code)).first() is None:
            activate(session, system, create_framework(session, system, doc))
            created += 1
    ensure_default_base_salary(session)
    for award_type in AWARD_TYPES:
        if session.exec(select(AwardType.id).where(AwardType.code == award_type["code"])).first() is None:
            document = AwardTypeDocument.model_validate(award_type)
            activate_award_type(session, system, create_award_type(session, system, document))
    return created


def print_logins() -> None:
    print(f"\nTài khoản demo (mật khẩu chung / shared password: {DEMO_PASSWORD})")
    for demo in [*USERS, *PROVINCE_USERS]:
        labels = ", ".join(ROLE_LABELS_VI[Role(r)] for r in demo.roles)
        print(f"  {demo.login:<17} {labels}" + (f" — {demo.unit_code}" if demo.unit_code else ""))
    print()
