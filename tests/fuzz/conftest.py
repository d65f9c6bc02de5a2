"""Prints the fuzzing figures after the run: operations, cases, requests, answers, failures, time."""

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.fixtures.fuzz_run import EXAMPLES, LOGINS, STATS

    reports = [
        r
        for key in ("passed", "failed")
        for r in terminalreporter.stats.get(key, [])
        if r.when == "call" and "test_fuzz_api.py" in r.nodeid
    ]
    if not reports:
        return
    failed = sum(1 for r in reports if r.failed)
    callers = len(LOGINS) + 2  # the integration API key and anonymous
    terminalreporter.write_line(
        f"fuzz: {len(reports)} operations, {callers} callers, {STATS['cases']} cases "
        f"({EXAMPLES} random per operation besides coverage cases; {STATS['skipped']} left to make fuzz), "
        f"{STATS['requests']} requests "
        f"(2xx {STATS['2xx']}, 3xx {STATS['3xx']}, 4xx {STATS['4xx']}, 5xx {STATS['5xx']}), "
        f"{failed} operations failing, {STATS['seconds']} s"
    )
