"""Benchmark through the database and the HTTP API on a synthetic province.

Generates 3,000 schools on the institution framework and 60,000 staff on the individual framework
for one school year (province.py, shared with bench_concurrency.py; SQLite in a temporary folder, or
BENCH_DATABASE_URL), then reports:
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
from province import SEED, YEAR, generate  # noqa: E402
from pydantic import SecretStr  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from thidua.assessments.models import SelfAssessment  # noqa: E402
from thidua.auth.models import User  # noqa: E402
from thidua.auth.tokens import create_access_token  # noqa: E402
from thidua.cli import migrate  # noqa: E402
from thidua.config import Settings  # noqa: E402
from thidua.db import make_engine  # noqa: E402
from thidua.frameworks.models import Framework  # noqa: E402
from thidua.main import create_app  # noqa: E402
from thidua.scoring import engine as scoring  # noqa: E402
from thidua.scoring import loader  # noqa: E402

CHANGES = 200


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
