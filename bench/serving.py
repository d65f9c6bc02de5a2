"""A real uvicorn server for the benchmarks and the soak: a free port, waiting for /health, stopping
the whole process group (workers included)."""

from __future__ import annotations

import gc
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(proc: subprocess.Popen[bytes], base: str, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not answer /api/v1/health within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM to the server's process group (start it with start_new_session=True), SIGKILL if slow."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass


@contextmanager
def collector_paused() -> Iterator[None]:
    """The load generator's own garbage collector kept out of the figures while it measures. A full
    pass in this process (it makes an HTTP client, with its TLS context, per request) paused it for
    about 10 ms inside about 8 % of the requests it timed: exactly the p95 of a one-request-at-a-time
    figure, for the server in a province and alone alike. Cyclic garbage waits until the run is over."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()
