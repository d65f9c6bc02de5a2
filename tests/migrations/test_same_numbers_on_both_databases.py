"""Identical input gives identical scorecards on SQLite and PostgreSQL (run in the PostgreSQL pass,
against a fresh SQLite file made here)."""

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlmodel import Session, col, select

from tests.conftest import TEST_DATABASE_URL, is_postgres
from tests.helpers import World
from thidua.assessments.models import AssessmentEntry, SelfAssessment
from thidua.cli import migrate
from thidua.config import Settings
from thidua.db import make_engine
from thidua.demo.loader import load_movement
from thidua.frameworks.models import Framework, Indicator
from thidua.scoring import loader
from thidua.units.models import Unit


def _values(ind: Indicator, rng: random.Random) -> Decimal | None:
    if ind.kind == "computed" or rng.random() < 0.1:
        return None
    if ind.kind == "boolean":
        return Decimal(rng.randint(0, 1))
    if ind.kind == "percent":  # two decimals, so products land on .xx5 often
        return Decimal(rng.randint(0, 10000)).scaleb(-2)
    if ind.kind == "level":
        return Decimal(rng.choice([lv["value"] for lv in ind.levels]))
    return Decimal(rng.randint(0, 30))


def _scorecards(url: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    cards = []
    with Session(engine) as session:
        load_movement(session)
        commune = Unit(code="XA", name="Xã", kind="commune")
        session.add(commune)
        session.flush()
        rng = random.Random(2025)
        for framework in session.exec(select(Framework).order_by(Framework.code)).all():
            # in id order: without ORDER BY, PostgreSQL returns rows in heap order, which after the
            # suite's deletions is not insertion order, and the random values would land elsewhere
            of_framework = select(Indicator).where(Indicator.framework_id == framework.id)
            indicators = list(session.exec(of_framework.order_by(col(Indicator.id))))
            for n in range(40):
                school = Unit(
                    code=f"{framework.code}-{n}",
                    name=f"Trường {n}",
                    kind="school",
                    school_level="primary",
                    parent_id=commune.id,
                )
                session.add(school)
                session.flush()
                a = SelfAssessment(
                    framework_id=framework.id or 0,
                    subject_kind=framework.subject_kind,
                    subject_key=f"unit:{school.id}",
                    unit_id=school.id or 0,
                    school_year="2025-2026",
                    status="submitted",
                )
                session.add(a)
                session.flush()
                for ind in indicators:
                    verified = _values(ind, rng) if rng.random() < 0.3 else None
                    session.add(
                        AssessmentEntry(
                            assessment_id=a.id or 0,
                            indicator_id=ind.id or 0,
                            self_value=_values(ind, rng),
                            verified_value=verified,
                        )
                    )
                session.flush()
                cards.append(loader.live_scorecard(session, a))
        session.rollback()  # leave the shared test database as it was
    engine.dispose()
    return cards


@pytest.mark.skipif(not is_postgres(), reason="compares with PostgreSQL; runs in the PostgreSQL pass")
def test_scorecards_are_identical_on_sqlite_and_postgresql(world: World, tmp_path: Path) -> None:
    """`world` empties the PostgreSQL test database first, so both start from the same catalogue."""
    sqlite = Settings(
        database_url=f"sqlite:///{tmp_path / 'same.db'}", var_dir=tmp_path, secret_key=SecretStr("s" * 40)
    )
    migrate(sqlite)
    on_sqlite, on_postgres = _scorecards(sqlite.resolved_database_url), _scorecards(TEST_DATABASE_URL)
    assert len(on_sqlite) == 80
    assert on_sqlite == on_postgres
    assert len({c["verified_total"] for c in on_sqlite}) > 20  # the data really varies
