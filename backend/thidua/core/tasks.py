"""Background work as named tasks on a job queue (issue 19).

A domain declares a task with `@task("imports.run")` on a plain function `f(env, **arguments)` (the
arguments JSON: ids, never objects) and asks for it with `defer(session, "imports.run", job_id=3)`.
What runs it depends on the deployment:

- **PostgreSQL with workers** (`JOB_QUEUE=procrastinate`, the default on PostgreSQL): the job is a row
  of procrastinate's `procrastinate_jobs` table, inserted *in the caller's transaction* (procrastinate's
  `connection=`): it exists if and only if the change that asked for it committed. Worker processes
  (`python -m thidua.cli worker`, thidua/tasks/worker.py) take each job once (`FOR UPDATE SKIP LOCKED`),
  retry what raised `RetryLater` at the time it names, run the periodic tasks once per schedule for
  the whole deployment, and hand the jobs of a worker that stopped sending heartbeats to another.
  API processes only insert jobs.
- **One machine** (`JOB_QUEUE=in_process`, the default on SQLite): the same functions run in a
  thread of the API process (thidua/tasks/inprocess.py), attached to the app's engine; a job is handed
  to it after the commit. Nothing of the queue is stored: at start the worker picks up again what
  the tables say is unfinished (queued imports, due webhook deliveries, stale scores). Single
  machine, single API process only.
- A session on an engine no worker is attached to (a command-line script, a test's own session) in
  in-process mode: tasks marked `inline` (re-scores) run right after the commit; the others wait for
  the worker's next start or sweep.

The job rows users see (import_job, webhook_delivery, the scores' `stale` flag) stay the record of
the work: a queue job carries only their id.
"""

import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session as OrmSession

log = logging.getLogger("thidua.tasks")

Mode = Literal["procrastinate", "in_process"]
QUEUE = "thidua"


@dataclass(frozen=True)
class Env:
    """What a task runs with: the database, the settings (thidua.config.Settings) and the file storage."""

    engine: Engine
    settings: Any
    storage: Any


class RetryLater(Exception):
    """Raised by a task to be run again after `seconds` (the queue's retry with backoff)."""

    def __init__(self, seconds: float, reason: str = "") -> None:
        super().__init__(reason or f"retry in {seconds:.1f} s")
        self.seconds = max(0.0, seconds)


TaskFunc = Callable[..., None]
Cron = Callable[[Any], str | None]  # settings -> a cron line (5 fields, or 6 with seconds), None: off


@dataclass(frozen=True)
class TaskSpec:
    name: str
    func: TaskFunc
    cron: Cron | None = None  # periodic: run on this schedule (once per deployment on PostgreSQL)
    at_start: bool = False  # in-process worker only: run when it starts (pick up unfinished work)
    first: bool = False  # with at_start: run before the app serves its first request (quick tasks only)
    inline: bool = False  # may run right after the commit when no worker is attached (needs no settings)
    lock: Callable[[dict[str, Any]], str | None] = field(default=lambda _kwargs: None)


TASKS: dict[str, TaskSpec] = {}


def task(
    name: str,
    *,
    cron: Cron | None = None,
    at_start: bool = False,
    first: bool = False,
    inline: bool = False,
    lock: Callable[[dict[str, Any]], str | None] | None = None,
) -> Callable[[TaskFunc], TaskFunc]:
    """Declare `func(env, **arguments)` as the task `name`. `lock`: jobs with the same lock string
    never run at the same time (procrastinate's lock)."""

    def register(func: TaskFunc) -> TaskFunc:
        TASKS[name] = TaskSpec(name, func, cron, at_start, first, inline, lock or (lambda _kwargs: None))
        return func

    return register


class LocalWorker(Protocol):
    """The in-process worker, as the queue sees it (thidua/tasks/inprocess.py)."""

    def push(self, name: str, kwargs: dict[str, Any], delay: float = 0) -> None: ...

    def wait_idle(self, timeout: float = 60) -> bool: ...


_workers: "weakref.WeakKeyDictionary[Engine, LocalWorker]" = weakref.WeakKeyDictionary()
_mode: Mode | None = None  # set by the app or the worker command; None: by the database's dialect


def attach(engine: Engine, worker: LocalWorker) -> None:
    _workers[engine] = worker


def detach(engine: Engine) -> None:
    _workers.pop(engine, None)


def wait_idle(timeout: float = 60) -> None:
    """Until every in-process worker of this process has run what is due (tests, shutdown)."""
    for worker in list(_workers.values()):
        worker.wait_idle(timeout)


def set_mode(mode: Mode) -> None:
    global _mode
    _mode = mode


def mode_for(engine: Engine) -> Mode:
    # procrastinate's tables exist on PostgreSQL only: a SQLite database (the demo loaded into a file
    # by a process whose app serves PostgreSQL, say) always runs its jobs in process.
    if engine.dialect.name != "postgresql":
        return "in_process"
    return _mode if _mode is not None else "procrastinate"


_AFTER_COMMIT = "tasks.after_commit"


def defer(target: OrmSession | Engine, name: str, *, delay: float = 0, **kwargs: Any) -> None:
    """Ask for task `name` with `kwargs`. With a session, the job belongs to its transaction: inserted
    in it on PostgreSQL, handed over after its commit in process (a rollback drops it). With an
    engine, at once."""
    spec = TASKS[name]
    engine = _engine_of(target)
    worker = _workers.get(engine)
    if worker is None and mode_for(engine) == "procrastinate":
        _defer_procrastinate(target, spec, kwargs, delay)
        return

    def hand_over() -> None:
        if worker is not None:
            worker.push(name, kwargs, delay)
        elif spec.inline:
            spec.func(Env(engine, None, None), **kwargs)
        else:
            log.info("task %s %s waits for the in-process worker's next start", name, kwargs)

    if isinstance(target, OrmSession):
        target.info.setdefault(_AFTER_COMMIT, []).append(hand_over)
    else:
        hand_over()


def _engine_of(target: OrmSession | Engine) -> Engine:
    if isinstance(target, Engine):
        return target
    bind = target.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _run_after_commit(info: dict[str, Any]) -> None:
    for hand_over in info.pop(_AFTER_COMMIT, []):
        try:
            hand_over()
        except Exception:  # the commit stands; the worker's next sweep or start picks the work up
            log.exception("handing a task over after the commit failed")


@event.listens_for(OrmSession, "after_commit")
def _after_commit(session: OrmSession) -> None:
    _run_after_commit(session.info)


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session: OrmSession) -> None:
    session.info.pop(_AFTER_COMMIT, None)


# ---------------------------------------------------------------- procrastinate (PostgreSQL)

_procrastinate_app: Any = None


def procrastinate_app() -> Any:
    """A procrastinate App for deferring on a given connection (it never opens a pool of its own)."""
    global _procrastinate_app
    if _procrastinate_app is None:
        import procrastinate

        _procrastinate_app = procrastinate.App(connector=procrastinate.PsycopgConnector())
    return _procrastinate_app


def _defer_procrastinate(
    target: OrmSession | Engine, spec: TaskSpec, kwargs: dict[str, Any], delay: float
) -> None:
    options: dict[str, Any] = {"queue": QUEUE, "lock": spec.lock(kwargs)}
    if delay > 0:
        options["schedule_in"] = {"seconds": delay}
    if isinstance(target, Engine):
        with target.begin() as conn:
            _defer_on(conn, spec.name, options, kwargs)
        return
    _defer_on(target.connection(), spec.name, options, kwargs)


def _defer_on(conn: Connection, name: str, options: dict[str, Any], kwargs: dict[str, Any]) -> None:
    driver = conn.connection.driver_connection  # psycopg 3, inside the caller's transaction
    procrastinate_app().configure_task(name, connection=driver, **options).defer(**kwargs)
