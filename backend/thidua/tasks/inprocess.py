"""The single-machine worker: the queue's tasks run in one thread of the API process.

Used on SQLite (the default: one machine, one process) and wherever `JOB_QUEUE=in_process`. It is the
only background thread of the API package. It keeps nothing of its own: jobs are handed to it after
their transaction commits, and when it starts, the tasks marked `at_start` pick up again what the
tables say is unfinished (an import left queued or running by a stopped process, a due webhook
delivery, scores marked stale). Periodic tasks follow their cron line in this process, so two API
processes on one database would each run them: with more than one process, use PostgreSQL and
`python -m thidua.cli worker` (docs/deployment.md).

Retries: a task that raises `RetryLater(seconds)` is run again after that many seconds.
"""

import heapq
import itertools
import logging
import threading
import time
from datetime import UTC, datetime
from typing import Any

from croniter import croniter

from thidua.core.tasks import TASKS, Env, RetryLater, attach, detach

log = logging.getLogger("thidua.tasks")


class Runner:
    """Jobs ordered by due time, run one at a time in a daemon thread."""

    def __init__(self, env: Env) -> None:
        self.env = env
        self._heap: list[tuple[float, int, str, dict[str, Any], str | None]] = []
        self._order = itertools.count()
        self._cond = threading.Condition()
        self._busy = False
        self._stopping = False
        self._thread: threading.Thread | None = None
        attach(env.engine, self)

    # -- the queue's side

    def push(self, name: str, kwargs: dict[str, Any], delay: float = 0, cron: str | None = None) -> None:
        with self._cond:
            due = time.monotonic() + max(0.0, delay)
            heapq.heappush(self._heap, (due, next(self._order), name, dict(kwargs), cron))
            self._cond.notify_all()
        if self._thread is None and not self._stopping:
            # An app served without its lifespan (some test clients): start now, without the start
            # tasks (they would take this process's own requests in flight for a dead process's).
            self.start(at_start=False)

    # -- the app's side

    def start(self, at_start: bool = True) -> None:
        with self._cond:
            if self._thread is not None:
                return
            self._stopping = False
            self._thread = threading.Thread(target=self._loop, name="thidua-tasks", daemon=True)
        attach(self.env.engine, self)  # again after a stop: one app may be started more than once
        for spec in TASKS.values():
            cron = spec.cron(self.env.settings) if spec.cron is not None else None
            if at_start and spec.at_start and spec.first:
                self._run(spec.name, {})  # before any request of this process is answered
            elif at_start and spec.at_start:
                self.push(spec.name, {})
            if cron:
                self.push(spec.name, {}, _seconds_until_next(cron), cron)
        self._thread.start()

    def stop(self, timeout: float = 30) -> None:
        """After the jobs due now (for up to `timeout`); what is left is picked up at the next start,
        from the tables, as by a new process: the queue in memory is emptied (else a later start of the
        same app would add its periodic tasks a second time)."""
        self.wait_idle(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        with self._cond:
            self._heap.clear()
        detach(self.env.engine)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait_idle(self, timeout: float = 60) -> bool:
        """Until no job is due now and none is running (tests, and the drift guard's wait)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._busy or (self._heap and self._heap[0][0] <= time.monotonic() and self._thread):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    # -- the thread

    def _next(self) -> tuple[str, dict[str, Any], str | None] | None:
        with self._cond:
            while not self._stopping:
                if self._heap and self._heap[0][0] <= time.monotonic():
                    _due, _n, name, kwargs, cron = heapq.heappop(self._heap)
                    self._busy = True
                    return name, kwargs, cron
                wait = self._heap[0][0] - time.monotonic() if self._heap else None
                self._cond.wait(wait)
            return None

    def _loop(self) -> None:
        while (job := self._next()) is not None:
            name, kwargs, cron = job
            try:
                self._run(name, kwargs)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
            if cron:
                self.push(name, {}, _seconds_until_next(cron), cron)

    def _run(self, name: str, kwargs: dict[str, Any]) -> None:
        spec = TASKS.get(name)
        if spec is None:
            log.error("unknown task %s", name)
            return
        try:
            spec.func(self.env, **kwargs)
        except RetryLater as later:
            self.push(name, kwargs, later.seconds)
        except Exception:  # the worker survives any single job; the job's own row says what failed
            log.exception("task %s %s failed", name, kwargs)


def _seconds_until_next(cron: str) -> float:
    now = datetime.now(UTC)
    following: datetime = croniter(cron, now).get_next(datetime)
    return max(0.0, (following - now).total_seconds())
