"""`python -m thidua.cli worker`: the queue's worker on PostgreSQL, with procrastinate.

Why procrastinate: it keeps its jobs in the PostgreSQL database the application already runs (no
broker to operate), takes each job once with `FOR UPDATE SKIP LOCKED`, schedules retries, defers each
periodic task once per schedule for the whole deployment, lets a job be inserted in the transaction
of the change that asks for it, and is maintained (MIT licence, psycopg 3). Its schema is created by
our Alembic migration 0023_queue from the SQL the pinned version ships.

A worker that dies (kill -9, a power cut) stops sending heartbeats; the periodic `queue.retry_stalled`
task, run by any live worker, hands the jobs of a worker silent for `QUEUE_STALLED_SECONDS` back to
the queue. That is safe because every task is idempotent over its rows: an import runs in one
transaction (nothing of a killed run was stored) and its job row is claimed again only when no live
transaction holds the job's advisory lock; a webhook delivery is claimed by a lease on its row; a
re-score re-scores what is still stale.
"""

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from procrastinate import App, BaseRetryStrategy, JobContext, PsycopgConnector, RetryDecision
from procrastinate.jobs import Job
from sqlalchemy.engine import make_url

from thidua.core.tasks import QUEUE, TASKS, Env, RetryLater, TaskSpec, set_mode

log = logging.getLogger("thidua.tasks")


class _AsAsked(BaseRetryStrategy):
    """A job that raised RetryLater runs again when it asked; any other failure is final (the task
    already recorded it on its own row)."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, RetryLater):
            return RetryDecision(retry_at=datetime.now(UTC) + timedelta(seconds=exception.seconds))
        return None


def libpq_url(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def stall_check_cron(stalled_seconds: float) -> str:
    """Every third of the stall timeout (seconds field of a 6-field cron line), 1 to 59 s."""
    every = min(59, max(1, int(stalled_seconds // 3)))
    return f"* * * * * */{every}"


def build_app(settings: Any) -> App:
    """A procrastinate App with every task of the registry (thidua.registrations imports them)."""
    app = App(connector=PsycopgConnector(conninfo=libpq_url(settings.resolved_database_url)))
    for spec in TASKS.values():
        cron = spec.cron(settings) if spec.cron is not None else None
        declared = app.task(name=spec.name, queue=QUEUE, pass_context=True, retry=_AsAsked())(
            _runner(spec, periodic=cron is not None)
        )
        if cron:
            app.periodic(cron=cron, periodic_id=spec.name)(declared)
    stalled = float(settings.queue_stalled_seconds)

    async def retry_stalled(context: JobContext, timestamp: int) -> None:
        manager = context.app.job_manager
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=stalled):
            log.warning("job %s (%s) of a silent worker goes back to the queue", job.id, job.task_name)
            await manager.retry_job(job)

    app.periodic(cron=stall_check_cron(stalled), periodic_id="queue.retry_stalled")(
        app.task(name="queue.retry_stalled", queue=QUEUE, pass_context=True)(retry_stalled)
    )
    return app


def _runner(spec: TaskSpec, periodic: bool) -> Any:
    def run(context: JobContext, **kwargs: Any) -> None:
        if periodic:
            kwargs.pop("timestamp", None)
        env: Env = context.additional_context["env"]
        spec.func(env, **kwargs)

    run.__name__ = spec.name.replace(".", "_")
    return run


def run(settings: Any, concurrency: int) -> int:
    """Run until SIGINT or SIGTERM (procrastinate finishes the running jobs first)."""
    import thidua.all_models  # noqa: F401 - every table, the score sources and the tasks
    from thidua.db import make_engine
    from thidua.storage import storage_for

    if not settings.resolved_database_url.startswith("postgresql"):
        raise SystemExit(
            "The worker needs PostgreSQL (DATABASE_URL=postgresql://...). On SQLite the server runs "
            "the same tasks itself (single machine)."
        )
    set_mode("procrastinate")
    engine = make_engine(settings.resolved_database_url)
    env = Env(engine, settings, storage_for(settings.storage_url, settings.var_dir))
    app = build_app(settings)
    try:
        app.run_worker(
            queues=[QUEUE],
            concurrency=concurrency,
            additional_context={"env": env},
            update_heartbeat_interval=float(settings.queue_heartbeat_seconds),
            stalled_worker_timeout=float(settings.queue_stalled_seconds),
            delete_jobs="successful",
        )
    finally:
        engine.dispose()
    return 0
