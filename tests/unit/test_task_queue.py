"""The single-machine worker (thidua/tasks/inprocess.py): a job asked for in a transaction runs after
its commit and never after a rollback, a RetryLater runs it again, a delayed job waits, and periodic
tasks follow their cron line."""

import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session

from thidua.core import tasks
from thidua.core.tasks import RetryLater, TaskSpec
from thidua.tasks import inprocess


def eventually(check: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.01)


def test_the_single_machine_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []

    def flaky(_env: tasks.Env, n: int) -> None:
        calls.append(n)
        if calls.count(n) == 1:
            raise RetryLater(0.05)  # the first attempt asks to be run again

    def tick(_env: tasks.Env) -> None:
        calls.append("tick")

    specs = {
        "t.flaky": TaskSpec("t.flaky", flaky),
        "t.tick": TaskSpec("t.tick", tick, cron=lambda _settings: "* * * * * */1", at_start=True),
    }
    monkeypatch.setattr(tasks, "TASKS", specs)
    monkeypatch.setattr(inprocess, "TASKS", specs)
    engine = create_engine("sqlite://")
    runner = inprocess.Runner(tasks.Env(engine, None, None))
    runner.start()
    try:
        eventually(lambda: calls.count("tick") >= 2)  # at start, then every second

        with Session(engine) as session:
            session.connection()
            tasks.defer(session, "t.flaky", n=1)
            session.rollback()  # the change did not happen: neither does its job
            tasks.defer(session, "t.flaky", n=2)
            time.sleep(0.2)
            assert 2 not in calls  # not before the commit
            session.commit()
        eventually(lambda: calls.count(2) == 2)  # run, asked to retry, run again
        assert 1 not in calls

        asked = time.monotonic()
        tasks.defer(engine, "t.flaky", n=3, delay=0.3)
        assert runner.wait_idle() and 3 not in calls  # not due yet: nothing to wait for
        eventually(lambda: 3 in calls)
        assert time.monotonic() - asked >= 0.3
    finally:
        runner.stop()
    assert not runner.running


def test_a_worker_stopped_and_started_again_runs_its_jobs_and_its_clock_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One app started twice (the test suite's shared app): the second start takes jobs again, and its
    periodic task is not doubled by the first start's entry left in the queue."""
    calls: list[Any] = []
    specs = {
        "t.job": TaskSpec("t.job", lambda _env, n: calls.append(n)),
        "t.tick": TaskSpec("t.tick", lambda _env: calls.append("tick"), cron=lambda _s: "* * * * * */1"),
    }
    monkeypatch.setattr(tasks, "TASKS", specs)
    monkeypatch.setattr(inprocess, "TASKS", specs)
    engine = create_engine("sqlite://")
    runner = inprocess.Runner(tasks.Env(engine, None, None))
    runner.start()
    runner.stop()
    runner.start()
    try:
        tasks.defer(engine, "t.job", n=1)
        eventually(lambda: 1 in calls)
        since, ticks = time.monotonic(), calls.count("tick")
        eventually(lambda: calls.count("tick") >= ticks + 3)
        # once a second, not twice: a doubled clock ticks about twice as often as seconds pass
        assert calls.count("tick") - ticks <= time.monotonic() - since + 1
    finally:
        runner.stop()


def test_a_sqlite_database_runs_its_jobs_in_process_in_any_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process whose app serves PostgreSQL (mode procrastinate) may also load the demo into a SQLite
    file: that database has no queue tables, so its jobs run in process."""
    monkeypatch.setattr(tasks, "_mode", "procrastinate")
    assert tasks.mode_for(create_engine("sqlite://")) == "in_process"
    postgres = create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test")  # never connects
    assert tasks.mode_for(postgres) == "procrastinate"
    monkeypatch.setattr(tasks, "_mode", "in_process")
    assert tasks.mode_for(postgres) == "in_process"
