"""Requests per minute per API key and per user: a fixed one-minute window counted in this process.

Each server process counts on its own, so with N workers a client can reach N times the limit; the
limit is a guard against runaway scripts, not an accounting tool (login throttling, which is about
security, is counted in the database instead)."""

import threading
import time


class RateLimiter:
    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._lock = threading.Lock()
        self._window = 0
        self._counts: dict[str, int] = {}

    def hit(self, bucket: str, now: float | None = None) -> int | None:
        """Counts one request; returns None when allowed, else the seconds until the next window."""
        if self.per_minute <= 0:
            return None
        now = time.time() if now is None else now
        window = int(now // 60)
        with self._lock:
            if window != self._window:
                self._window, self._counts = window, {}
            count = self._counts.get(bucket, 0) + 1
            self._counts[bucket] = count
        if count > self.per_minute:
            return max(1, int((window + 1) * 60 - now))
        return None
