"""Sending webhook deliveries: signing, retries with backoff, and the queue's tasks that send them.

How a delivery looks to the receiver
------------------------------------
An HTTP POST of a JSON body (UTF-8) to the subscription's URL, with these headers:

    Content-Type: application/json
    User-Agent: ThiDuaSo-Webhooks/1
    X-ThiDua-Event: plan.submitted
    X-ThiDua-Delivery: <event id, a UUID; the same on every retry: use it to drop duplicates>
    X-ThiDua-Timestamp: <unix seconds when this attempt was sent>
    X-ThiDua-Signature: v1=<hex HMAC-SHA256(secret, f"{timestamp}.{raw_body}")>

The body is `{"id": event id, "event": ..., "occurred_at": ISO 8601 UTC, "unit_id": ..., "data": {...}}`.

How the receiver verifies it
----------------------------
1. Take the raw request body as bytes, before any JSON parsing.
2. Compute HMAC-SHA256 with the subscription's secret (the whole `whsec_...` string, as UTF-8) as the
   key over `timestamp + "." + body`, where timestamp is the X-ThiDua-Timestamp header as sent.
3. Compare the hex digest with the value after `v1=` in X-ThiDua-Signature in constant time
   (`hmac.compare_digest`); a header may carry several comma-separated `v1=` values, any may match.
4. Reject the request when the timestamp is more than 5 minutes away from your clock (replays).
5. Answer 2xx quickly (within the timeout); anything else, a redirect or a network error counts as a
   failure and the delivery is retried with exponential backoff (settings `webhook_backoff_seconds` ×
   2^(attempt−1), plus up to 10 % jitter) until `webhook_max_attempts`, then marked failed.

`verify_signature()` below does steps 2–4 and may be copied into a Python receiver.

Delivery is at least once: a receiver may see the same event id twice (e.g. a timeout after it had
already answered). After a secret rotation every later attempt is signed with the new secret.

Claiming
--------
Each delivery is a job of the queue (`webhooks.deliver`, thidua/core/tasks.py), inserted in the
transaction that records the event: on PostgreSQL a worker process takes it, once. A failed attempt
raises RetryLater and the queue runs the job again after the backoff. Before sending, the job claims
the delivery with a conditional UPDATE that moves its `next_attempt_at` forward as a lease (`WHERE
status = 'pending' AND next_attempt_at = <the value read>`); only the run whose UPDATE changed one row
sends it. If that worker dies while sending, the lease runs out and the sweep (`webhooks.sweep`, a
periodic task) or the job's retry sends it again.
"""

import hashlib
import hmac
import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast
from urllib.parse import urlsplit

import httpx
from sqlalchemy import CursorResult
from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from thidua.config import Settings
from thidua.core.models import utcnow
from thidua.core.tasks import Env, RetryLater, task
from thidua.webhooks.addresses import Pinned, pin, url_problem
from thidua.webhooks.models import WebhookDelivery, WebhookSubscription

log = logging.getLogger("thidua.webhooks")

USER_AGENT = "ThiDuaSo-Webhooks/1"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_SECONDS = 300
BATCH_SIZE = 100
REVOKED_REASON = "Đăng ký đã bị thu hồi (subscription revoked); không gửi."
PAUSED_REASON = "Đăng ký đang tạm dừng (subscription inactive); không gửi."

SessionFactory = Callable[[], Session]


# --- Signing ------------------------------------------------------------------------------------


def _as_bytes(value: bytes | str) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def sign(secret: str, timestamp: int | str, body: bytes | str) -> str:
    """The hex HMAC-SHA256 of `f"{timestamp}.{body}"` keyed with the secret."""
    message = str(timestamp).encode("ascii") + b"." + _as_bytes(body)
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int | str, body: bytes | str) -> str:
    return f"{SIGNATURE_VERSION}={sign(secret, timestamp, body)}"


def verify_signature(
    secret: str,
    timestamp: int | str | None,
    body: bytes | str,
    header: str | None,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> bool:
    """For receivers: True when `header` (X-ThiDua-Signature) signs `body` with `timestamp`
    (X-ThiDua-Timestamp) and the secret, and the timestamp is within `tolerance` seconds of now."""
    if not header or timestamp is None:
        return False
    try:
        sent = int(str(timestamp).strip())
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - sent) > tolerance:
        return False
    expected = sign(secret, sent, body)
    candidates = [part.strip() for part in header.split(",")]
    return any(
        hmac.compare_digest(value.encode(), expected.encode())
        for version, _, value in (c.partition("=") for c in candidates)
        if version == SIGNATURE_VERSION
    )


def body_of(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed): compact JSON in UTF-8 with stable key order."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


# --- One pass -----------------------------------------------------------------------------------


def backoff_seconds(settings: Settings, attempts: int, rng: random.Random | None = None) -> float:
    """The wait after the `attempts`-th failed attempt: base × 2^(attempts−1), plus 0–10 % jitter."""
    base: float = settings.webhook_backoff_seconds * 2 ** max(attempts - 1, 0)
    jitter = rng.uniform(0, 0.1) if rng is not None else random.uniform(0, 0.1)
    return base * (1 + jitter)


def _lease_seconds(settings: Settings) -> float:
    return max(60.0, settings.webhook_timeout_seconds * 4)


@dataclass(frozen=True)
class _Outcome:
    status_code: int | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _send(
    client: httpx.Client, sub: WebhookSubscription, delivery: WebhookDelivery, target: Pinned
) -> _Outcome:
    body = body_of(delivery.payload)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-ThiDua-Event": delivery.event,
        "X-ThiDua-Delivery": delivery.event_id,
        "X-ThiDua-Timestamp": str(timestamp),
        "X-ThiDua-Signature": signature_header(sub.secret, timestamp, body),
        "Host": target.host_header,
    }
    # To the checked address; TLS still names (and verifies the certificate of) the receiver's host.
    extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else None
    try:
        response = client.post(
            target.url, content=body, headers=headers, follow_redirects=False, extensions=extensions
        )
    except httpx.HTTPError as exc:
        return _Outcome(None, f"{type(exc).__name__}: {exc}"[:1000] or "network error")
    if 200 <= response.status_code < 300:
        return _Outcome(response.status_code, None)
    error = f"HTTP {response.status_code}"
    if 300 <= response.status_code < 400:
        error += " (chuyển hướng không được theo)"
    return _Outcome(response.status_code, error)


def _claim(session_factory: SessionFactory, delivery_id: int, seen: datetime, lease_until: datetime) -> bool:
    with session_factory() as session:
        result = cast(
            CursorResult[Any],
            session.execute(
                sa_update(WebhookDelivery)
                .where(
                    col(WebhookDelivery.id) == delivery_id,
                    col(WebhookDelivery.status) == "pending",
                    col(WebhookDelivery.next_attempt_at) == seen,
                )
                .values(next_attempt_at=lease_until)
            ),
        )
        session.commit()
        return result.rowcount == 1


def _finish(
    session_factory: SessionFactory, delivery_id: int, lease_until: datetime, values: dict[str, Any]
) -> None:
    """Records the outcome, only while this process still holds the lease."""
    with session_factory() as session:
        session.execute(
            sa_update(WebhookDelivery)
            .where(
                col(WebhookDelivery.id) == delivery_id,
                col(WebhookDelivery.status) == "pending",
                col(WebhookDelivery.next_attempt_at) == lease_until,
            )
            .values(**values)
        )
        session.commit()


def _handle(
    session_factory: SessionFactory,
    settings: Settings,
    client: httpx.Client,
    delivery_id: int,
    lease_until: datetime,
    now: datetime,
) -> None:
    with session_factory() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        sub = session.get(WebhookSubscription, delivery.subscription_id) if delivery else None
        if delivery is None:
            return
        session.expunge_all()
    if sub is None or sub.revoked_at is not None:
        _finish(session_factory, delivery_id, lease_until, _failed(REVOKED_REASON))
        return
    if not sub.is_active:
        _finish(session_factory, delivery_id, lease_until, _failed(PAUSED_REASON))
        return
    # Checked again at each send (a name can be pointed at an internal address after it was saved),
    # and sent to the address that was checked.
    problem = url_problem(sub.url, allow_private=True)
    target = pin(sub.url, settings.webhook_private_addresses) if problem is None else problem.message
    if isinstance(target, str):
        _finish(session_factory, delivery_id, lease_until, _failed(f"{target} Không gửi."))
        return
    if target is None:
        host = urlsplit(sub.url).hostname
        outcome = _Outcome(None, f"Không phân giải được tên máy chủ {host} (DNS); sẽ thử lại.")
    else:
        outcome = _send(client, sub, delivery, target)
    attempts = delivery.attempts + 1
    values: dict[str, Any] = {
        "attempts": attempts,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
    }
    if outcome.ok:
        values.update(status="delivered", delivered_at=now, next_attempt_at=None)
    elif attempts >= settings.webhook_max_attempts:
        values.update(status="failed", next_attempt_at=None)
    else:
        values["next_attempt_at"] = now + timedelta(seconds=backoff_seconds(settings, attempts))
    _finish(session_factory, delivery_id, lease_until, values)


def _failed(reason: str) -> dict[str, Any]:
    return {"status": "failed", "next_attempt_at": None, "last_error": reason}


def deliver_due(
    session_factory: SessionFactory,
    settings: Settings,
    now: datetime | None = None,
    client: httpx.Client | None = None,
) -> int:
    """Sends every delivery due at `now` (at most BATCH_SIZE); returns how many it handled (sent, or
    closed as failed without sending). Safe to run in several processes at once. `now` (aware, UTC)
    is the clock used for due dates and backoff, so tests can move time forward."""
    now = now or utcnow()
    with session_factory() as session:
        due = session.exec(
            select(WebhookDelivery.id, WebhookDelivery.next_attempt_at)
            .where(
                col(WebhookDelivery.status) == "pending",
                col(WebhookDelivery.next_attempt_at) <= now,
            )
            .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
            .limit(BATCH_SIZE)
        ).all()
    if not due:
        return 0
    own_client = client is None
    http = client or httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False)
    handled = 0
    try:
        for delivery_id, seen in due:
            if delivery_id is None or seen is None:
                continue
            lease_until = now + timedelta(seconds=_lease_seconds(settings))
            if not _claim(session_factory, delivery_id, seen, lease_until):
                continue  # another process took it
            try:
                _handle(session_factory, settings, http, delivery_id, lease_until, now)
            except Exception:  # one bad row must not stop the others; the lease lets it retry later
                log.exception("webhook delivery %s failed unexpectedly", delivery_id)
            handled += 1
    finally:
        if own_client:
            http.close()
    return handled


# --- The queue's tasks ---------------------------------------------------------------------------


@task("webhooks.deliver", lock=lambda kwargs: f"webhook-{kwargs['delivery_id']}")
def deliver(env: Env, delivery_id: int) -> None:
    """One attempt at one delivery when it is due; RetryLater while it stays pending."""
    settings: Settings = env.settings
    if not settings.webhooks_enabled:
        return  # the sweep sends it once webhooks are enabled again

    def session_factory() -> Session:
        return Session(env.engine)

    now = utcnow()
    with session_factory() as session:
        row = session.get(WebhookDelivery, delivery_id)
        if row is None or row.status != "pending" or row.next_attempt_at is None:
            return
        seen = row.next_attempt_at
    if seen > now:  # not due yet, or leased by another run: look again then
        raise RetryLater((seen - now).total_seconds() + 0.1)
    lease_until = now + timedelta(seconds=_lease_seconds(settings))
    if not _claim(session_factory, delivery_id, seen, lease_until):
        raise RetryLater(_lease_seconds(settings))  # another run took it; it may fail and be due again
    with httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False) as http:
        _handle(session_factory, settings, http, delivery_id, lease_until, now)
    with session_factory() as session:
        row = session.get(WebhookDelivery, delivery_id)
        if row is not None and row.status == "pending" and row.next_attempt_at is not None:
            raise RetryLater((row.next_attempt_at - utcnow()).total_seconds() + 0.1, "backoff")


@task("webhooks.sweep", cron=lambda settings: settings.webhook_sweep_cron or None, at_start=True)
def sweep(env: Env) -> None:
    """Sends every due delivery no job took (webhooks switched back on, an in-process worker that
    restarted, a job that failed unexpectedly): the lease keeps it from being sent twice."""
    settings: Settings = env.settings
    if settings.webhooks_enabled:
        while deliver_due(lambda: Session(env.engine), settings) >= BATCH_SIZE:
            pass
