"""The day's re-score. Plans past their deadline and report requests past their due date change a
score with no write at all, only because the date moved on; a periodic task of the job queue
(`scoring.daily`, every DAILY_RESCORE_CRON, and when the single-machine worker starts) re-scores the
open assessments computed before today (`rescore.rescore_outdated`). The queue runs a periodic task
once per schedule; the advisory lock (PostgreSQL) also keeps a pass from overlapping a slow previous
one or the CLI's `rescore --outdated`."""

import logging
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import Session

from thidua.core.tasks import Env, task
from thidua.scoring import rescore

log = logging.getLogger(__name__)
LOCK_KEY = 202514  # pg_advisory_lock key of the day's re-score (any constant the app uses once)


def run_pass(engine: Engine) -> int | None:
    """One pass; None when another process holds the pass (PostgreSQL only)."""
    if engine.dialect.name != "postgresql":
        with Session(engine) as session:
            return rescore.rescore_outdated(session)
    with engine.connect() as lock:
        if not lock.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY}).scalar():
            return None
        try:
            with Session(engine) as session:
                return rescore.rescore_outdated(session)
        finally:
            lock.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
            lock.commit()


def _cron(settings: Any) -> str | None:
    # scoring does not import the app's config (tests/unit/test_layers.py): settings come as Any
    return str(settings.daily_rescore_cron) if settings.daily_rescore_enabled else None


@task("scoring.daily", cron=_cron, at_start=True)
def daily(env: Env) -> None:
    if not env.settings.daily_rescore_enabled:
        return
    done = run_pass(env.engine)
    if done:
        log.info("daily re-score: %d assessment(s) re-scored for today's date", done)
