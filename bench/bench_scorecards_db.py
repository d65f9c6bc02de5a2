"""Benchmark through the database and the HTTP API on a synthetic province.

Generates 3,000 schools on the institution framework and 60,000 staff on the individual framework
for one school year (SQLite in a temporary folder, or BENCH_DATABASE_URL), then reports:
- full recompute of every scorecard from the database (load entries, score, rank), best of 3;
- the latency of changing one entry through the API (PUT /self-assessments/{id}/entries, which
  answers with the updated score) and of fetching the scorecard breakdown afterwards (p50, p95).

Run: ``.venv/bin/python bench/bench_scorecards_db.py`` from the repository root. Prints numbers only;
no pass/fail.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

TMP = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
os.environ.setdefault("VAR_DIR", str(TMP))
os.environ["FRONTEND_DIST"] = str(TMP / "none")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from fastapi.testclient import TestClient  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session, col, select  # noqa: E402

from thidua.assessments.models import AssessmentEntry, SelfAssessment  # noqa: E402
from thidua.auth.models import User, UserRole  # noqa: E402
from thidua.auth.tokens import create_access_token  # noqa: E402
from thidua.cli import migrate  # noqa: E402
from thidua.config import Settings  # noqa: E402
from thidua.db import make_engine  # noqa: E402
from thidua.demo.loader import load_movement  # noqa: E402
from thidua.frameworks.models import Framework, Indicator  # noqa: E402
from thidua.main import create_app  # noqa: E402
from thidua.scoring import engine as scoring  # noqa: E402
from thidua.scoring import loader  # noqa: E402
from thidua.units.models import StaffMember, Unit  # noqa: E402

SCHOOLS, STAFF_PER_SCHOOL, YEAR, SEED = 3_000, 20, "2025-2026", 20252026
CHANGES = 200


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


def generate(settings: Settings) -> tuple[int, int]:
    """Returns (the id of school 1's unit assessment, its manager's user id)."""
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
                    "is_active": True,
                    "version": 1,
                    "created_at": loader_now(),
                    "updated_at": loader_now(),
                }
                for n in range(SCHOOLS * STAFF_PER_SCHOOL)
            ],
        )
        staff = list(session.exec(select(StaffMember.id, StaffMember.unit_id).order_by(col(StaffMember.id))))
        rows = [
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
                school_year=YEAR,
                status="draft" if i == 0 else "submitted",
                version=1,
                created_at=loader_now(),
                updated_at=loader_now(),
            )
        session.execute(insert(SelfAssessment), rows)
        assessments = session.exec(select(SelfAssessment.id, SelfAssessment.subject_kind)).all()
        entries = []
        for assessment_id, kind in assessments:
            for ind in indicators[kind]:
                value = None if ind.kind == "computed" else value_for(ind, rng)
                verified = value - 1 if value is not None and value >= 1 and rng.random() < 0.1 else None
                entries.append(
                    {
                        "assessment_id": assessment_id,
                        "indicator_id": ind.id,
                        "self_value": value,
                        "verified_value": verified if ind.kind in ("count", "percent") else None,
                        "updated_at": loader_now(),
                    }
                )
        session.execute(insert(AssessmentEntry), entries)
        manager = User(
            login="hieutruong.s0000", full_name="Hiệu trưởng 0000", password_hash="-", unit_id=school_ids[0]
        )
        session.add(manager)
        session.flush()
        session.add(UserRole(user_id=manager.id, role="unit_manager"))
        first = session.exec(
            select(SelfAssessment.id).where(
                SelfAssessment.unit_id == school_ids[0], SelfAssessment.subject_kind == "unit"
            )
        ).one()
        session.commit()
        assert manager.id is not None and first is not None
        result = (first, manager.id)
        print(
            f"data: {SCHOOLS:,} schools × {len(indicators['unit'])} indicators + "
            f"{SCHOOLS * STAFF_PER_SCHOOL:,} staff × {len(indicators['individual'])} indicators; "
            f"{len(entries):,} entries"
        )
    db.dispose()
    return result


def loader_now():  # type: ignore[no-untyped-def]
    from thidua.core.models import utcnow

    return utcnow()


def full_recompute(settings: Settings) -> None:
    db = make_engine(settings.resolved_database_url)
    timings = []
    for _ in range(3):
        with Session(db) as session:
            started = time.perf_counter()
            count = 0
            for framework in session.exec(select(Framework)).all():
                rows = list(
                    session.exec(
                        select(SelfAssessment).where(
                            SelfAssessment.framework_id == framework.id, SelfAssessment.school_year == YEAR
                        )
                    )
                )
                cards = loader.scorecards(session, framework, rows)
                scoring.competition_rank(
                    [(i, Decimal(c["completion_percent"])) for i, (c, _f) in cards.items()]
                )
                count += len(cards)
            timings.append(time.perf_counter() - started)
    best = min(timings)
    print(
        f"full recompute from the database: {best:.2f} s for {count:,} scorecards "
        f"({count / best:,.0f} scorecards/s) — runs: {', '.join(f'{t:.2f}' for t in timings)} s"
    )
    db.dispose()


def one_change_latency(settings: Settings, assessment_id: int, manager_id: int) -> None:
    app = create_app(settings)
    token = create_access_token(settings.resolved_secret_key, manager_id, 1, 60)
    headers = {"Authorization": f"Bearer {token}"}
    rng = random.Random(SEED)
    put_ms, get_ms = [], []
    with TestClient(app) as client:
        etag = client.get(f"/api/v1/self-assessments/{assessment_id}", headers=headers).headers["etag"]
        for _ in range(CHANGES):
            value = str(rng.randint(0, 100))
            started = time.perf_counter()
            r = client.put(
                f"/api/v1/self-assessments/{assessment_id}/entries",
                headers={**headers, "If-Match": etag},
                json={"entries": [{"indicator_code": "TC2.1", "value": value}]},
            )
            put_ms.append((time.perf_counter() - started) * 1000)
            assert r.status_code == 200, r.text
            etag = r.headers["etag"]
            started = time.perf_counter()
            card = client.get(f"/api/v1/scorecards/{assessment_id}", headers=headers)
            get_ms.append((time.perf_counter() - started) * 1000)
            assert card.status_code == 200
    for name, samples in (
        ("change one entry (PUT, answers with the new score)", put_ms),
        ("then fetch its scorecard breakdown (GET)", get_ms),
    ):
        q = statistics.quantiles(samples, n=100)
        print(f"{name}: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms over {len(samples)} changes")
    app.state.engine.dispose()


def service_latency(settings: Settings, assessment_id: int, manager_id: int) -> None:
    """The same change without HTTP: load the caller, change the entry, read back the re-scored assessment."""
    from thidua.assessments import service
    from thidua.assessments.schemas import EntriesUpdate
    from thidua.auth.policy import load_actor

    db = make_engine(settings.resolved_database_url)
    rng = random.Random(SEED)
    samples = []
    for _ in range(CHANGES):
        body = EntriesUpdate.model_validate(
            {"entries": [{"indicator_code": "TC2.1", "value": rng.randint(0, 100)}]}
        )
        started = time.perf_counter()
        with Session(db) as session:
            user = session.get(User, manager_id)
            assert user is not None
            actor = load_actor(session, user)
            a = service.update_entries(
                session, actor, service.get_assessment(session, actor, assessment_id), body
            )
            service.read_assessment(session, actor, a)
        samples.append((time.perf_counter() - started) * 1000)
    q = statistics.quantiles(samples, n=100)
    print(
        f"change one entry and re-score, service layer without HTTP: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms"
    )
    db.dispose()


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{TMP / 'bench.db'}"
    settings = Settings(
        database_url=url,
        var_dir=TMP,
        secret_key=SecretStr("b" * 40),
        environment="development",
        frontend_dist=TMP / "none",
    )
    print(f"database: {url.split('@')[-1]}")
    migrate(settings)
    started = time.perf_counter()
    assessment_id, manager_id = generate(settings)
    print(f"generated in {time.perf_counter() - started:.1f} s")
    full_recompute(settings)
    service_latency(settings, assessment_id, manager_id)
    one_change_latency(settings, assessment_id, manager_id)


if __name__ == "__main__":
    main()
