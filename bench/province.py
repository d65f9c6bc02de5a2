"""The synthetic province the database benchmarks share.

3,000 schools on the institution (unit) framework and 60,000 staff (20 per school) on the individual
framework, per school year, with seeded random values. ``generate(settings)`` makes one school year
(2025-2026), exactly as bench_scorecards_db.py always has; ``generate(settings, years=[...])`` adds
the same province for further school years (the first year listed is generated first and identically).

Import it from a script in bench/ (Python puts the script's folder on sys.path).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from sqlalchemy import insert
from sqlmodel import Session, col, select

from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.auth.models import User, UserRole
from thidua.config import Settings
from thidua.db import make_engine
from thidua.demo.loader import load_movement
from thidua.frameworks.models import Framework, Indicator
from thidua.scoring.rescore import rescore_all
from thidua.units.models import StaffMember, Unit

# BENCH_SCHOOLS makes a smaller province to try a script quickly; the figures are about 3,000.
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "3000"))
STAFF_PER_SCHOOL, YEAR, SEED = 20, "2025-2026", 20252026


def loader_now() -> datetime:
    from thidua.core.models import utcnow

    return utcnow()


def value_for(ind: Indicator, rng: random.Random) -> Decimal | None:
    if rng.random() < 0.04:
        return None
    if ind.kind == "boolean":
        return Decimal(1 if rng.random() < 0.8 else 0)
    if ind.kind == "percent":
        return Decimal(rng.randint(300, 1000)).scaleb(-1)
    if ind.kind == "level":
        return Decimal(rng.choice([lv["value"] for lv in ind.levels]))
    if ind.direction == "lower":
        return Decimal(0 if rng.random() < 0.9 else 1)
    return Decimal(rng.randint(0, int(ind.target or 1) * 2))


def _assessments_and_entries(
    session: Session,
    rng: random.Random,
    year: str,
    frameworks: dict[str, Framework],
    indicators: dict[str, list[Indicator]],
    school_ids: Sequence[int | None],
    staff: Sequence[Any],
    first_is_draft: bool,
) -> int:
    """One school year: a unit assessment per school, an individual one per staff member, with entries.
    Returns the number of entries."""
    rows: list[dict[str, Any]] = [
        {
            "framework_id": frameworks["unit"].id,
            "subject_kind": "unit",
            "subject_key": f"unit:{u}",
            "unit_id": u,
            "staff_id": None,
        }
        for u in school_ids
    ]
    rows += [
        {
            "framework_id": frameworks["individual"].id,
            "subject_kind": "individual",
            "subject_key": f"staff:{s}",
            "unit_id": u,
            "staff_id": s,
        }
        for s, u in staff
    ]
    for i, row in enumerate(rows):
        row.update(
            school_year=year,
            status="draft" if i == 0 and first_is_draft else "submitted",
            version=1,
            created_at=loader_now(),
            updated_at=loader_now(),
        )
    session.execute(insert(SelfAssessment), rows)
    assessments = session.exec(
        select(SelfAssessment.id, SelfAssessment.subject_kind).where(SelfAssessment.school_year == year)
    ).all()
    entries = [
        row for assessment_id, kind in assessments for row in entry_rows(rng, assessment_id, indicators[kind])
    ]
    session.execute(insert(AssessmentEntry), entries)
    return len(entries)


def entry_rows(
    rng: random.Random, assessment_id: int | None, indicators: Sequence[Indicator]
) -> list[dict[str, Any]]:
    """An assessment's entries: a seeded value per typed indicator, a tenth of them verified one lower."""
    rows = []
    for ind in indicators:
        value = None if ind.kind == "computed" else value_for(ind, rng)
        verified = value - 1 if value is not None and value >= 1 and rng.random() < 0.1 else None
        rows.append(
            {
                "assessment_id": assessment_id,
                "indicator_id": ind.id,
                "self_value": value,
                "verified_value": verified if ind.kind in ("count", "percent") else None,
                "updated_at": loader_now(),
            }
        )
    return rows


def generate(settings: Settings, years: Sequence[str] = (YEAR,)) -> tuple[int, int]:
    """Returns (the id of school 1's unit assessment of the first year, its manager's user id).
    That assessment is the only draft; every other one is submitted (so ranked, and scored live)."""
    rng = random.Random(SEED)
    db = make_engine(settings.resolved_database_url)
    with Session(db) as session:
        load_movement(session)
        frameworks = {f.subject_kind: f for f in session.exec(select(Framework))}
        indicators = {
            k: list(session.exec(select(Indicator).where(Indicator.framework_id == f.id)))
            for k, f in frameworks.items()
        }
        commune = Unit(code="TINH", name="Tỉnh (tổng hợp)", kind="commune")
        session.add(commune)
        session.flush()
        session.execute(
            insert(Unit),
            [
                {
                    "code": f"S{i:04d}",
                    "name": f"Trường {i:04d}",
                    "kind": "school",
                    "school_level": "primary",
                    "parent_id": commune.id,
                    "commune_id": commune.id,  # what units.models' events set (a bulk insert skips them)
                    "is_active": True,
                    "version": 1,
                    "created_at": loader_now(),
                    "updated_at": loader_now(),
                }
                for i in range(SCHOOLS)
            ],
        )
        school_ids = list(session.exec(select(Unit.id).where(Unit.kind == "school").order_by(col(Unit.id))))
        session.execute(
            insert(StaffMember),
            [
                {
                    "code": f"S{n // STAFF_PER_SCHOOL:04d}-{n:05d}",
                    "full_name": f"Cán bộ {n}",
                    "position": "Giáo viên",
                    "unit_id": school_ids[n // STAFF_PER_SCHOOL],
                    "commune_id": commune.id,
                    "is_active": True,
                    "version": 1,
                    "created_at": loader_now(),
                    "updated_at": loader_now(),
                }
                for n in range(SCHOOLS * STAFF_PER_SCHOOL)
            ],
        )
        staff = list(session.exec(select(StaffMember.id, StaffMember.unit_id).order_by(col(StaffMember.id))))
        entry_count = 0
        for n, year in enumerate(years):
            entry_count += _assessments_and_entries(
                session, rng, year, frameworks, indicators, school_ids, staff, first_is_draft=n == 0
            )
        manager = User(
            login="hieutruong.s0000", full_name="Hiệu trưởng 0000", password_hash="-", unit_id=school_ids[0]
        )
        session.add(manager)
        session.flush()
        session.add(UserRole(user_id=manager.id or 0, role="unit_manager"))
        first = session.exec(
            select(SelfAssessment.id).where(
                SelfAssessment.unit_id == school_ids[0],
                SelfAssessment.subject_kind == "unit",
                SelfAssessment.school_year == years[0],
            )
        ).one()
        session.commit()
        assert manager.id is not None and first is not None
        result = (first, manager.id)
        # The rows above went in as plain INSERTs, which the session's re-scoring hooks do not see:
        # store every score now, as the stored-scores migration does for existing data.
        started = time.perf_counter()
        scored = rescore_all(session)
        print(f"stored scores: {scored:,} assessments in {time.perf_counter() - started:.1f} s")
        per_year = f" × {len(years)} school years ({', '.join(years)})" if len(years) > 1 else ""
        print(
            f"data: {SCHOOLS:,} schools × {len(indicators['unit'])} indicators + "
            f"{SCHOOLS * STAFF_PER_SCHOOL:,} staff × {len(indicators['individual'])} indicators"
            f"{per_year}; {entry_count:,} entries"
        )
    db.dispose()
    return result
