"""The authorization matrix: every route of the API called as every role, on an object of the caller's
own school and of another school, compared with the checked-in table authz_matrix.csv.

A row is one route and one scope: `own` (school A's object; school A is the unit manager's and the
teacher's school), `other` (school B's), `commune` (an object of the commune itself) or `-` (no
object: lists, creations, computations). A column is one role; a cell is the HTTP status. A route
added to the API without a case in tests/fixtures/authz_calls.py, or without rows in the table,
fails here. After a deliberate change, regenerate the table and review its diff line by line:

    UPDATE_AUTHZ_MATRIX=1 .venv/bin/pytest tests/security/test_authz_matrix.py

Whatever the table says, two rules are checked on their own: a school's user never gets a 2xx on
another school's object nor reads another school's ids, and a role without a route's permission
gets 403 (anonymous 401).
"""

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from tests.fixtures.authz_calls import (
    CASES,
    ROLES,
    SCHOOL_ROLES,
    MatrixRun,
    api_routes,
    leaked_ids,
    run_matrix,
)
from thidua.auth.policy import PUBLIC, AuthenticatedPolicy, Policy, PublicPolicy
from thidua.auth.roles import PERMISSION_ROLES, Role
from thidua.config import Settings
from thidua.main import ROUTERS

MATRIX = Path(__file__).with_name("authz_matrix.csv")
COLUMNS = ["operation", "method", "path", "scope", *ROLES]
SCOPE_ORDER = {"own": 0, "other": 1, "commune": 2, "-": 3}
HOW_TO_UPDATE = (
    "regenerate the table with `UPDATE_AUTHZ_MATRIX=1 .venv/bin/pytest tests/security/test_authz_matrix.py`, "
    "review the diff (another school's object must answer 404, never 2xx) and commit authz_matrix.csv"
)
# Where a school user's 2xx on another school's object is not a leak, and why.
NOT_A_LEAK = {
    "units_get": "the organisation chart is readable by every signed-in user (README, Roles)",
    "materials_get": "the library of digital learning materials is shared by every school (seed IV.7)",
    "materials_download": "the library of digital learning materials is shared by every school (seed IV.7)",
    "imports_run": "rows naming another school are refused one by one in the 200 summary (DESIGN.md §7)",
}

Key = tuple[str, str]  # (operation, scope)


@pytest.fixture(scope="module")
def run(migrated: Settings, password_hash: str) -> MatrixRun:
    return run_matrix(migrated, password_hash)


def observed(run: MatrixRun) -> dict[Key, dict[str, str]]:
    table: dict[Key, dict[str, str]] = {}
    for call in run.calls:
        table.setdefault((call.route.name, call.scope), {})[call.role] = str(call.status)
    return table


def render(table: dict[Key, dict[str, str]]) -> str:
    order = {r.name: i for i, r in enumerate(api_routes())}
    routes = {r.name: r for r in api_routes()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for name, scope in sorted(table, key=lambda k: (order[k[0]], SCOPE_ORDER[k[1]])):
        route = routes[name]
        writer.writerow([name, route.method, route.path, scope, *(table[name, scope][r] for r in ROLES)])
    return out.getvalue()


def checked_in() -> dict[Key, dict[str, str]]:
    rows = csv.DictReader(MATRIX.read_text(encoding="utf-8").splitlines())
    return {(r["operation"], r["scope"]): {role: r[role] for role in ROLES} for r in rows}


def test_every_route_has_a_case(run: MatrixRun) -> None:
    assert not run.missing_cases, (
        f"routes without a case: {run.missing_cases}; add one to CASES in tests/fixtures/authz_calls.py "
        "(the object it acts on and a valid body), then " + HOW_TO_UPDATE
    )
    assert not set(CASES) - {r.name for r in api_routes()}, "cases for routes that no longer exist"


def test_statuses_match_the_checked_in_matrix(run: MatrixRun) -> None:
    table = observed(run)
    if os.environ.get("UPDATE_AUTHZ_MATRIX") == "1":
        MATRIX.write_text(render(table), encoding="utf-8")
        pytest.skip(f"wrote {len(table)} rows to {MATRIX.name}: review the diff before committing")
    expected = checked_in()
    new = sorted(set(table) - set(expected))
    assert not new, f"rows missing from {MATRIX.name}: {new}; " + HOW_TO_UPDATE
    gone = sorted(set(expected) - set(table))
    assert not gone, f"rows of {MATRIX.name} for calls that no longer exist: {gone}; " + HOW_TO_UPDATE
    changed = [
        f"{name} [{scope}] as {role}: expected {expected[name, scope][role]}, got {statuses[role]}"
        for (name, scope), statuses in sorted(table.items())
        for role in ROLES
        if statuses[role] != expected[name, scope][role]
    ]
    assert not changed, (
        "statuses differ from the matrix:\n" + "\n".join(changed) + "\nIf intended, " + HOW_TO_UPDATE
    )


def test_no_call_is_a_server_error(run: MatrixRun) -> None:
    errors = [
        f"{c.route.method} {c.route.path} [{c.scope}] as {c.role}: {c.status}"
        for c in run.calls
        if c.status >= 500
    ]
    assert not errors, "\n".join(errors)


def test_matrix_size(run: MatrixRun) -> None:
    """The figures SECURITY.md quotes (printed with -s)."""
    routes = api_routes()
    table = observed(run)
    figures = f"{len(routes)} routes, {len(ROLES)} roles, {len(table)} rows, {len(run.calls)} cells"
    print(f"\nauthorization matrix: {figures}")
    assert len(run.calls) == len(table) * len(ROLES)


def test_no_school_user_reaches_another_schools_object(run: MatrixRun) -> None:
    reached = [
        f"{c.route.method} {c.route.path} as {c.role}: {c.status}"
        for c in run.calls
        if c.role in SCHOOL_ROLES and c.scope == "other" and c.status < 300 and c.route.name not in NOT_A_LEAK
    ]
    assert not reached, "a school's user reached another school's object:\n" + "\n".join(reached)
    # On another school's object (not a body naming it: that is a 422 on the field) the answer is
    # 404 like a missing object, or 403 when the role may not use the route at all.
    refusals = {
        c.status
        for c in run.calls
        if c.role in SCHOOL_ROLES and c.scope == "other" and CASES[c.route.name].target and c.status >= 300
    }
    assert refusals <= {403, 404}, refusals


def test_no_school_user_reads_another_schools_ids(run: MatrixRun) -> None:
    leaks = [
        f"{c.route.method} {c.route.path} [{c.scope}] as {c.role}: {c.leaks}" for c in run.calls if c.leaks
    ]
    assert not leaks, "school B's ids in answers to school A's users:\n" + "\n".join(leaks)


def test_the_leak_scan_finds_ids_at_any_depth() -> None:
    body = {"items": [{"id": 7, "unit_id": 3}, {"nested": {"staff_id": 9}}], "unit_ids": [1, 7]}
    assert leaked_ids(body, units={7}, staff={9}) == ["staff_id=9", "unit_ids=[1, 7]"]
    assert leaked_ids(body, units={8}, staff={10}) == []


def _policy(dependant: Dependant) -> object:
    for d in dependant.dependencies:
        if isinstance(d.call, Policy | PublicPolicy):
            return d.call
        found = _policy(d)
        if found is not None:
            return found
    return None


def _policies() -> Iterator[tuple[str, object]]:
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute):
                yield route.name, _policy(route.dependant)


def test_roles_without_the_permission_get_403_and_anonymous_401(run: MatrixRun) -> None:
    policies = dict(_policies())
    wrong = []
    for c in run.calls:
        policy = policies[c.route.name]
        if c.role == "anonymous":
            if (policy is PUBLIC) == (c.status == 401):
                wrong.append(f"{c.route.name} [{c.scope}] anonymous: {c.status}")
        elif isinstance(policy, Policy) and not isinstance(policy, AuthenticatedPolicy):
            allowed = Role(c.role) in PERMISSION_ROLES[policy.permission]
            if not allowed and c.status != 403:
                wrong.append(f"{c.route.name} [{c.scope}] {c.role} lacks {policy.permission}: {c.status}")
    assert not wrong, "\n".join(wrong)


# Commune-to-commune cells: where a second commune's 2xx on commune A's object is not a leak, and why.
NOT_A_COMMUNE_LEAK = {
    "imports_run": "rows naming another commune's units are refused one by one in the 200 summary",
}
# The public pages are read by anyone, signed in or not (their `commune_id` narrows them to a commune).
PUBLIC_PAGES = "public_"


def test_no_user_of_another_commune_reaches_a_communes_object(run: MatrixRun) -> None:
    """Every route, as every role of a second commune, on commune A's objects (its schools' and its
    own): 404 like a missing object, or 403 when the role may not use the route at all."""
    assert run.foreign_calls, "the second commune made no calls"
    on_objects = [c for c in run.foreign_calls if CASES[c.route.name].target]
    reached = [
        f"{c.route.method} {c.route.path} [{c.scope}] as {c.role}: {c.status}"
        for c in on_objects
        if c.status < 300
        and c.route.name not in NOT_A_COMMUNE_LEAK
        and not c.route.name.startswith(PUBLIC_PAGES)
    ]
    assert not reached, "a commune's user reached another commune's object:\n" + "\n".join(reached)
    refusals = {c.status for c in on_objects if c.status >= 300}
    assert refusals <= {403, 404}, refusals
    print(
        f"\ncommune-to-commune cells: {len(run.foreign_calls)} calls, {len(on_objects)} on objects, 0 leaks"
    )


def test_no_user_of_another_commune_reads_a_communes_rows(run: MatrixRun) -> None:
    leaks = [
        f"{c.route.method} {c.route.path} [{c.scope}] as {c.role}: {c.leaks}"
        for c in run.foreign_calls
        if c.leaks and not c.route.name.startswith(PUBLIC_PAGES)
    ]
    assert not leaks, "commune A's ids in answers to the second commune's users:\n" + "\n".join(leaks)
    assert not run.foreign_items, "lists showing commune A's rows:\n" + "\n".join(run.foreign_items)


# POSTs that only build a file of what the caller may read, for the caller alone (the job queue's
# exports, issue 19): the Department reads the results and the proposals' hồ sơ, it changes nothing.
FILE_REQUESTS = ("scorecards_export", "award_decisions_dossier")


def test_the_department_writes_nothing_of_a_communes_data(run: MatrixRun) -> None:
    """The Department's officer (chuyên viên Sở GDĐT) reads every commune; every write it tries is
    refused, whatever the route."""
    wrote = [
        f"{c.route.method} {c.route.path} [{c.scope}]: {c.status}"
        for c in run.calls
        if c.role == "department_officer"
        and c.route.method != "GET"
        and c.route.name not in FILE_REQUESTS
        and c.status < 300
    ]
    assert not wrote, "the Department wrote:\n" + "\n".join(wrote)
    reads = [c for c in run.calls if c.role == "department_officer" and c.route.method == "GET"]
    assert sum(c.status == 200 for c in reads) > 90  # it does read: results, plans, reports, proposals


# ---------------------------------------------------------------- the audit trail, by the same calls
# Every write route (POST, PUT, PATCH, DELETE) was called above as every role; each call that succeeded
# on the caller's own object (or on no object) must have added an audit event in the same request.
# Here, not in test_audit_trail.py: under `--dist loadfile` one module makes the matrix's calls once.

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Write routes that change nothing of the commune's data, so leave no event, and why.
NOT_AUDITED = {
    "auth_login": "signing in changes no data; failed attempts go to the login throttle, not the trail",
    "nominations_check_eligibility": "a computation read by POST: evaluates the award rules, stores nothing",
}
# Audited, but the matrix cannot afford a successful call (password hashing): tested below.
AUDITED_BELOW = {
    "auth_change_password": "test_audit_trail.py: test_a_password_change_is_audited_without_the_hash"
}
SECRET_KEYS = {"password_hash", "secret_hash", "secret", "token_version"}


def test_every_write_route_leaves_an_audit_event(run: MatrixRun) -> None:
    writes = sorted({r.name for r in api_routes() if r.method in WRITES})
    assert set(NOT_AUDITED) | set(AUDITED_BELOW) <= set(writes), "exclusions for routes that no longer exist"
    walked = [name for name in writes if name not in NOT_AUDITED and name not in AUDITED_BELOW]
    silent, never_succeeded = [], []
    for name in walked:
        # Another school's object is only reachable by commune roles, the same calls as on their own.
        done = [c for c in run.calls if c.route.name == name and c.scope != "other" and c.status < 300]
        if not done:
            never_succeeded.append(name)
        silent += [f"{name} [{c.scope}] as {c.role}: {c.status}" for c in done if c.audit_events == 0]
    assert not never_succeeded, (
        f"no role could call {never_succeeded}: give them a valid case in tests/fixtures/authz_calls.py"
    )
    assert not silent, "writes that left no audit event:\n" + "\n".join(silent)
    print(f"\naudit walk: {len(walked)} write routes audited of {len(writes)}; {len(NOT_AUDITED)} excluded")


def test_the_trail_keeps_no_secret(run: MatrixRun) -> None:
    """Users, API keys and webhook subscriptions were created while building the commune."""
    kinds = {e["entity_type"] for e in run.seed_events}
    assert {"api_key", "webhook_subscription", "unit", "staff_member"} <= kinds, kinds
    for event in run.seed_events:
        for state in (event["before"], event["after"]):
            assert not SECRET_KEYS & set(state or {}), event
