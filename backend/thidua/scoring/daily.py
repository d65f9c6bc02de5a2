"""The day's re-score. Plans past their deadline and report requests past their due date change a
score with no write at all, only because the date moved on; each API process runs a thread that wakes
every `rescore_poll_seconds` and re-scores the open assessments computed before today
(`rescore.rescore_outdated`). On PostgreSQL an advisory lock lets one process of the whole deployment
do a pass while the others skip it; the CLI's `rescore --outdated` does the same from cron."""

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine, text
from sqlmodel import Session

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


class DailyRescore:
    def __init__(self, engine: Engine, poll_seconds: float) -> None:
        self.engine, self.poll_seconds = engine, poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="thidua-daily-rescore", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                done = run_pass(self.engine)
                if done:
                    log.info("daily re-score: %d assessment(s) re-scored for today's date", done)
            except Exception:  # a failed pass is retried at the next wake-up
                log.exception("daily re-score pass failed")
            self._stop.wait(self.poll_seconds)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Any = app.state.settings  # scoring does not import the app's config (tests/unit/test_layers.py)
    enabled = settings.daily_rescore_enabled
    worker = DailyRescore(app.state.engine, settings.rescore_poll_seconds) if enabled else None
    if worker is not None:
        worker.start()
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()
