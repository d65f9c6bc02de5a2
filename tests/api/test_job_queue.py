"""The job queue (issue 19): on PostgreSQL a job is a procrastinate row inserted in the transaction of
the change that asks for it, run once by a worker, retried when it asks; the worker command needs
PostgreSQL. (The in-process worker is exercised by the imports and webhooks tests; several worker
processes by tests/processes/test_multi_node.py.)"""

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from tests.conftest import is_postgres
from tests.helpers import World
from thidua.auth.policy import load_actor
from thidua.cli import main
from thidua.core import tasks
from thidua.db import make_engine
from thidua.storage import storage_for
from thidua.tasks import worker
from thidua.webhooks import service
from thidua.webhooks.models import WebhookDelivery, WebhookSubscription

postgres_only = pytest.mark.skipif(not is_postgres(), reason="procrastinate's queue lives in PostgreSQL")


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[int]]]:
    """A receiver on 127.0.0.1 answering 503 once, then 204; yields its URL and the answers given."""
    answers: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            answers.append(503 if not answers else 204)
            self.send_response(answers[-1])
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks", answers
    server.shutdown()
    server.server_close()


def queue_rows(engine: Engine) -> list[tuple[str, str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT task_name, status, args FROM procrastinate_jobs WHERE task_name LIKE 'webhooks.%'")
        ).all()
    return [(r.task_name, r.status, r.args) for r in rows]


@postgres_only
def test_a_job_belongs_to_the_transaction_and_a_worker_runs_it_with_its_retry(
    client: TestClient, world: World, receiver: tuple[str, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, answers = receiver
    r = client.post(
        "/api/v1/webhooks",
        json={"name": "Sở GD&ĐT", "url": url, "events": ["plan.submitted"]},
        headers=world.headers("admin"),
    )
    assert r.status_code == 201, r.text
    settings = world.settings.model_copy(
        update={"job_queue": "procrastinate", "webhooks_enabled": True, "webhook_backoff_seconds": 2}
    )
    monkeypatch.setattr(tasks, "_mode", "procrastinate")  # this engine has no in-process worker
    engine = make_engine(settings.resolved_database_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM procrastinate_jobs"))
    try:
        with Session(engine) as session:
            sub = session.get(WebhookSubscription, r.json()["id"])
            assert sub is not None
            actor = load_actor(session, world.users["admin"])
            service.queue_ping(session, actor, sub)  # commits: the delivery row and its job
            assert len(queue_rows(engine)) == 1
            # The same in a transaction that rolls back: neither the row nor the job remains.
            delivery = service._queue(session, sub.id or 0, "ping", "x", {"id": "x"})
            assert delivery.id is not None
            with engine.connect() as other:  # not visible outside the transaction before its commit
                assert other.execute(text("SELECT count(*) FROM procrastinate_jobs")).scalar() == 1
            session.rollback()
        [(name, status, args)] = queue_rows(engine)
        assert (name, status) == ("webhooks.deliver", "todo")
        with Session(engine) as session:
            [row] = session.exec(select(WebhookDelivery)).all()
        assert args == {"delivery_id": row.id}

        env = tasks.Env(engine, settings, storage_for(None, settings.var_dir))
        app = worker.build_app(settings)

        def run_worker() -> None:
            async def run() -> None:
                async with app.open_async():
                    await app.run_worker_async(
                        queues=[tasks.QUEUE],
                        wait=False,
                        additional_context={"env": env},
                        install_signal_handlers=False,
                        listen_notify=False,
                    )

            asyncio.run(run())

        run_worker()  # the first attempt: 503, and the queue schedules the retry after the backoff
        assert answers == [503]
        with Session(engine) as session:
            first = session.get(WebhookDelivery, row.id)
            assert first is not None and (first.status, first.attempts) == ("pending", 1)
        assert [s for n, s, _ in queue_rows(engine) if n == "webhooks.deliver"] == ["todo"]
        time.sleep(2.5)  # the backoff: 2 s x (1 + up to 10 %)
        run_worker()
        assert answers == [503, 204]  # sent once more, once
        with Session(engine) as session:
            done = session.get(WebhookDelivery, row.id)
            assert done is not None and (done.status, done.attempts) == ("delivered", 2)
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM procrastinate_jobs"))
        engine.dispose()


def test_the_worker_command_needs_postgresql(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if is_postgres():
        pytest.skip("the SQLite refusal")
    monkeypatch.setenv("DATABASE_URL", world.settings.resolved_database_url)
    with pytest.raises(SystemExit, match="needs PostgreSQL"):
        main(["worker", "--concurrency", "1"])


def test_a_cron_line_is_checked_at_start_up(world: World) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="cron"):
        world.settings.model_validate({**world.settings.model_dump(), "reminders_cron": "every day"})
    off = world.settings.model_validate({**world.settings.model_dump(), "reminders_cron": ""})
    assert off.reminders_cron == ""
