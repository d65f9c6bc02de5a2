"""The small commune the server-process tests run against: the commune, its culture and society
office with an officer, a lower secondary school with its manager, and SCHOOLS primary schools whose
unit self-assessments wait, submitted, for the officer to verify."""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, select

from tests.processes.server import engine_for
from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.auth.models import User, UserRole
from thidua.core.models import utcnow
from thidua.demo.loader import load_movement
from thidua.frameworks.models import Framework, Indicator
from thidua.units.models import Unit

SCHOOLS = 30
# Imports larger than this run as background jobs in the server process (the crash tests need one).
JOB_THRESHOLD_BYTES = 64 * 1024
YEAR = "2025-2026"
# The unit framework's entered indicators (shared/CATALOGUE.md) and a plausible school's values.
VALUES = {"TC2.1": "80", "TC2.2": "1", "TC2.3": "10", "TC2.4": "100", "TC3.3": "2", "TC4.3": "1"}


@dataclass
class Commune:
    database_url: str
    folder: Path
    officer_id: int = 0
    manager_id: int = 0
    school_id: int = 0
    movement_id: int = 0
    unit_framework_id: int = 0
    submitted_ids: list[int] = field(default_factory=list)  # one per school, waiting to be verified


def seed(commune: Commune) -> None:
    engine = engine_for(commune.database_url)
    with Session(engine) as session:

        def unit(code: str, name: str, kind: str, parent: int | None, level: str | None = None) -> int:
            row = Unit(code=code, name=name, kind=kind, parent_id=parent, school_level=level)
            session.add(row)
            session.flush()
            assert row.id is not None
            return row.id

        def user(login: str, role: str, unit_id: int) -> int:
            row = User(login=login, full_name=login.title(), password_hash="-", unit_id=unit_id)
            session.add(row)
            session.flush()
            assert row.id is not None
            session.add(UserRole(user_id=row.id, role=role))
            return row.id

        ubnd = unit("UBND", "UBND xã Thử Nghiệm", "commune", None)
        office = unit("VHXH", "Phòng Văn hóa - Xã hội", "office", ubnd)
        commune.school_id = unit("THCS-A", "Trường THCS A", "school", ubnd, "lower_secondary")
        schools = [
            unit(f"TH-{n:02d}", f"Trường Tiểu học số {n}", "school", ubnd, "primary") for n in range(SCHOOLS)
        ]
        commune.officer_id = user("canbo.vhxh", "commune_officer", office)
        commune.manager_id = user("hieutruong.a", "unit_manager", commune.school_id)
        session.commit()
        load_movement(session)
        framework = session.exec(select(Framework).where(Framework.code == "BDC-CSGD")).one()
        assert framework.id is not None and framework.movement_id is not None
        commune.unit_framework_id, commune.movement_id = framework.id, framework.movement_id
        indicators = {
            i.code: i.id
            for i in session.exec(select(Indicator).where(Indicator.framework_id == framework.id))
        }
        for school_id in schools:
            a = SelfAssessment(
                framework_id=framework.id,
                subject_kind="unit",
                subject_key=f"unit:{school_id}",
                unit_id=school_id,
                school_year=YEAR,
                status="submitted",
                submitted_at=utcnow(),
            )
            session.add(a)
            session.flush()
            assert a.id is not None
            commune.submitted_ids.append(a.id)
            for code, value in VALUES.items():
                session.add(
                    AssessmentEntry(
                        assessment_id=a.id, indicator_id=indicators[code] or 0, self_value=Decimal(value)
                    )
                )
        session.commit()
    engine.dispose()
