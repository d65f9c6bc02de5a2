"""Fuzzing: schemathesis generates requests for every operation of openapi/openapi.json (valid and
invalid data, boundary values, missing headers, undeclared methods) and sends them against the app
in-process, on the demo commune, as seven callers: the administrator, the commune officer, the
leader, a principal, a teacher, the integration account's API key, and nobody. No answer may be a
server error, and every answer must be one the contract documents: status, content type, headers,
body schema, and the Allow header of a 405.

With FUZZ_POSTGRES_URL each case also goes to a second app on that PostgreSQL database (`make test`
does this): the case is generated once and sent to both (generating was 35-45 % of a run in a profile).

CI runs a bounded, repeatable set: schemathesis' coverage cases (every other one of those with
invalid data) plus FUZZ_EXAMPLES (5) random ones per operation, the first case of each operation as
every caller and later ones as one admitted caller in turn. `make fuzz` (FUZZ_FULL=1) sends every
coverage case and 100 new random ones per operation, each one as every caller.
"""

import os
import time
import zlib
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    missing_required_header,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from tests.conftest import _empty_all_tables, migrate_afresh, settings_for
from tests.fixtures.fuzz_run import EXAMPLES, LOGINS, STATS
from thidua.auth.models import User
from thidua.auth.tokens import create_access_token
from thidua.config import Settings
from thidua.demo.loader import load_demo
from thidua.main import create_app

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
# CI replays the same bounded set every run; `make fuzz` (FUZZ_FULL=1) draws new random cases and
# sends every case, each one as every caller.
FULL = os.environ.get("FUZZ_FULL", "") == "1"
POSTGRES_URL = os.environ.get("FUZZ_POSTGRES_URL", "")

CREDENTIAL_HEADERS = {"authorization", "x-api-key"}
KEY_SCOPES = ["units:read", "staff:read", "staff:write", "staff:import", "assessments:read", "awards:read"]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    missing_required_header,
    unsupported_method,
    allow_header_conformance,
]
# Not run: positive_data_acceptance (a schema-valid request may rightly fail a business rule, a role
# or a missing If-Match) and negative_data_rejection (pydantic's lax mode still takes 0 for a date
# or a boolean; that is a rule of the schemas, not of the fuzzer).

CONFIG = {
    # 428 is the documented answer to an update without If-Match (RFC 6585).
    "checks": {"missing_required_header": {"expected-statuses": [400, 401, 403, 406, 415, 422, 428]}},
}
# Spreadsheet imports are sent as raw bytes, like any file.
schemathesis.serializer.alias(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"
)
schema = schemathesis.openapi.from_path(OPENAPI, config=schemathesis.Config.from_dict(CONFIG))


@dataclass
class Target:
    """One app on one database, its callers' headers, and its callers' first answers per operation."""

    database: str
    client: asgi.ASGIClient
    headers: dict[str, dict[str, str]]
    first_answers: dict[str, dict[str, int]] = field(default_factory=dict)


def _target(settings: Settings, stack: ExitStack) -> Target:
    """The demo commune in a fresh database, the app, and the headers of each caller."""
    settings = settings.model_copy(update={"rate_limit_per_minute": 0})  # thousands of calls a minute
    app = create_app(settings)
    with Session(app.state.engine) as session:
        _empty_all_tables(session)
    load_demo(settings)
    headers: dict[str, dict[str, str]] = {}
    with Session(app.state.engine) as session:
        for role, login in LOGINS.items():
            user = session.exec(select(User).where(User.login == login)).one()
            assert user.id is not None
            token = create_access_token(settings.resolved_secret_key, user.id, user.token_version, 60)
            headers[role] = {"Authorization": f"Bearer {token}"}
        service_account = session.exec(select(User).where(User.login == "tichhop")).one()
    stack.callback(app.state.engine.dispose)
    client = stack.enter_context(asgi.get_client(app))
    key = client.post(
        "/api/v1/api-keys",
        json={"name": "Fuzz", "service_account_id": service_account.id, "scopes": KEY_SCOPES},
        headers=headers["admin"],
    )
    assert key.status_code == 201, key.text
    headers["integration_key"] = {"X-API-Key": key.json()["secret"]}
    headers["anonymous"] = {}
    return Target(make_url(settings.resolved_database_url).get_backend_name(), client, headers)


@pytest.fixture(scope="module")
def targets(migrated: Settings) -> Iterator[list[Target]]:
    """The run's own database, and FUZZ_POSTGRES_URL's when set (migrated afresh, files apart)."""
    settings = [migrated]
    if POSTGRES_URL:
        settings.append(migrate_afresh(settings_for(POSTGRES_URL, migrated.var_dir / "fuzz-postgresql")))
    with ExitStack() as stack:
        stack.callback(asgi.shutdown_lifespans)
        found = [_target(s, stack) for s in settings]
        started = time.monotonic()
        yield found
        STATS["seconds"] += round(time.monotonic() - started)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not FULL,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_is_documented_and_no_server_error(
    case: schemathesis.Case, targets: list[Target]
) -> None:
    STATS["cases"] += 1
    # Generated credentials are random strings; each caller sends its own instead.
    generated = {k: v for k, v in (case.headers or {}).items() if k.lower() not in CREDENTIAL_HEADERS}
    # Choices below hang on the case itself, not on a counter, so that Hypothesis replaying a
    # failing case sends it the same way.
    body = None if isinstance(case.body, NotSet) else case.body  # its repr holds an address
    key = zlib.crc32(repr((case.method, case.path_parameters, case.query, generated, body)).encode())
    invalid_coverage = (
        case.meta and case.meta.phase.name.value == "coverage" and not case.meta.generation.mode.is_positive
    )
    if invalid_coverage and not FULL and key % 2:
        # The CI budget: about half of the invalid-data coverage cases (they are two thirds of all
        # cases and nearly all answered 422 by validation); make fuzz sends them all.
        STATS["skipped"] += 1
        return
    for target in targets:
        answers = target.first_answers.setdefault(case.operation.label, {})
        for role in callers_for(answers, list(target.headers), key):
            case.headers = {**generated, **target.headers[role]}
            STATS[f"{target.database} requests"] += 1
            client = target.client
            response = case.call_and_validate(base_url=str(client.base_url), session=client, checks=CHECKS)
            STATS[f"{target.database} {response.status_code // 100}xx"] += 1
            answers.setdefault(role, response.status_code)


def callers_for(answers: dict[str, int], roles: list[str], key: int) -> list[str]:
    """`answers`: each caller's answer to the operation's first case; the refused ones (401, 403) get no
    more. The first case of an operation goes to every caller; later ones go to one of the callers the
    operation admits (a refused caller would only get 401/403 again), picked by the case's `key`, or
    to every caller with FUZZ_FULL=1. Every role reaches every operation and the CI run stays bounded."""
    if FULL or len(answers) < len(roles):
        return roles
    admitted = [role for role in roles if answers[role] not in (401, 403)] or roles
    return [admitted[key % len(admitted)]]
